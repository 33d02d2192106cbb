"""The immutable view state the screens render."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Screen(str, Enum):
    """Which screen is showing."""

    ATTRACT = "attract"
    CATALOG = "catalog"
    GUIDE = "guide"
    PRINTING = "printing"
    DONE = "done"
    SCAN = "scan"


@dataclass(frozen=True)
class Entry:
    """One row in a list of services or bundles."""

    code: str
    title: str
    subtitle: str = ""
    is_bundle: bool = False


@dataclass(frozen=True)
class Group:
    """A browse group (a life event, a theme, a department) and its entries."""

    key: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    """One element of a service guide, ready to show."""

    key: str
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Availability:
    """Can the service be done here, now; if not, why and what to do instead."""

    ok: bool
    reasons: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuideView:
    """The open guide (a service or a merged bundle)."""

    code: str
    title: str
    version_line: str
    sections: tuple[Section, ...]
    availability: Availability
    bundle_items: tuple[tuple[str, str, bool], ...] = ()  # (code, title, chosen)
    questions: tuple["Question", ...] = ()  # the guide's eligibility questions
    scannable: bool = False  # some material may be photographed on the document camera
    samples: tuple[tuple[str, str], ...] = ()  # (caption, image path) of sample documents


@dataclass(frozen=True)
class Question:
    """An eligibility question asked before the resident starts; answer is "yes", "no" or ""."""

    id: str
    text: str
    answer: str = ""


@dataclass(frozen=True)
class PrintView:
    """Progress of a print."""

    state: str  # "printing" | "done" | "failed"
    message: str = ""


@dataclass(frozen=True)
class ScanView:
    """A camera screen: scanning a code, or photographing materials page by page."""

    device: str  # "qr_camera" | "document_camera"
    hint: str = ""
    corners: tuple[tuple[float, float], ...] | None = None  # page outline in frame pixels
    pages: int = 0
    result: tuple[str, ...] = ()
    ok: bool | None = None  # None: nothing read yet
    busy: bool = False
    # what hint and result were made from, so a language switch can say them again
    hint_source: tuple = ()
    result_source: tuple = ()


@dataclass(frozen=True)
class ViewState:
    """Everything a screen needs to render; replaced, never mutated."""

    screen: Screen = Screen.ATTRACT
    language: str = "zh"
    elder_mode: bool = False
    idle_seconds_left: float | None = None  # set while the idle warning shows
    browse_kind: str = "life_event"
    groups: tuple[Group, ...] = ()
    query: str = ""
    hot_keywords: tuple[str, ...] = ()
    results: tuple[Entry, ...] = ()
    guide: GuideView | None = None
    printing: PrintView | None = None
    scan: ScanView | None = None
    notice: str = ""  # a one-line message (e.g. a broken catalog file) for staff and residents
    revision: int = field(default=0, compare=False)
