"""The results journey's screens and their page values."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from kiosk.flow.prompts import ScreenPrompt
from kiosk.i18n import Msg

PROGRESS = "results_progress"
PICKUP = "results_pickup"
RATING = "results_rating"
SUPPLEMENT = "results_supplement"

# The canonical stages of a case, in order (decided covers approved and denied).
STAGES = ("accepted", "in_review", "decided", "result_ready", "delivered")
SLIP_PROMPT = "voice.prompt.slip_not_taken"  # spoken while a printed slip waits at the exit
MAX_ENTRY = 25  # the longest application number or pickup code a keypad accepts


@dataclass(frozen=True)
class Stage:
    """One stage of the timeline: reached or not, by which department, when."""

    stage: str
    reached: bool
    department: str = ""
    at: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProgressPage:
    """Enter or scan an application number; then its timeline."""

    entry: str = ""
    application_no: str = ""
    title: str = ""
    status: str = ""
    stages: tuple[Stage, ...] = ()
    promised_date: Optional[str] = None
    late: bool = False
    supplement: tuple[Msg, ...] = ()  # what is needed and why, one Msg per line
    message: Optional[Msg] = None
    busy: bool = False
    choices: tuple["Choice", ...] = ()  # the card holder's applications to pick from
    identified: bool = False  # the ID card holder was verified by the platform


@dataclass(frozen=True)
class Choice:
    """One of the card holder's applications (number, title, status) in the pick list."""

    application_no: str
    title: str
    status: str


@dataclass(frozen=True)
class PickupPage:
    """Pickup code (scanned or typed) + ID card; then printing or a locker door."""

    entry: str = ""
    code: str = ""  # the pickup code accepted for checking
    identified: bool = False
    stage: str = "enter"  # enter | checking | printing | door_open | done | refused | fault
    message: Optional[Msg] = None
    title: str = ""
    door: Optional[int] = None
    application_no: str = ""
    courier: tuple[str, str, str] = ()  # carrier, tracking number, status (courier results)
    slip_left: bool = False  # the printed slip still waits at the printer's exit

    def prompt(self) -> Optional[ScreenPrompt]:
        """Spoken: the slip reminder while it waits (else the screen's default prompt)."""
        return ScreenPrompt(Msg(SLIP_PROMPT)) if self.slip_left else None


@dataclass(frozen=True)
class RatingPage:
    """好差评: a level, its options, a comment; sent through the outbox."""

    application_no: str
    level: Optional[int] = None
    options: tuple[str, ...] = ()  # the option keys offered for the level
    chosen: frozenset[str] = frozenset()
    comment: str = ""
    message: Optional[Msg] = None
    sent: bool = False


@dataclass(frozen=True)
class Material:
    """One material a 补正 asks for and how it was supplied so far."""

    code: str
    supplied: str = ""  # "" | "capture" | "certificate"
    pages: int = 0  # pages captured for it (capture in progress or done)
    certificates: tuple[tuple[str, str], ...] = ()  # (cert_id, name) of matching e-certificates


@dataclass(frozen=True)
class SupplementPage:
    """补正 at the kiosk: what is needed and why, each material supplied, then sent and a receipt."""

    application_no: str
    reason: str
    due: str
    materials: tuple[Material, ...]
    current: int = 0  # the material being supplied
    stage: str = "collect"  # collect | assembling | storing | sending | queued | accepted | failed
    message: Optional[Msg] = None
    receipt: Optional[Msg] = None  # printing / printed / print failed
    slip_left: bool = False  # the printed receipt still waits at the printer's exit
    feed: Any = field(default=None, compare=False)  # the document camera's live preview

    def prompt(self) -> Optional[ScreenPrompt]:
        """Spoken: the slip reminder while it waits (else the screen's default prompt)."""
        return ScreenPrompt(Msg(SLIP_PROMPT)) if self.slip_left else None
