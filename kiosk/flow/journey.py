"""What a journey is to the host: its screens, handlers, transition table and a few hooks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from kiosk.flow.intents import Intent

if TYPE_CHECKING:
    from drivers.base import DeviceEvent
    from kiosk.flow.host import FlowHost
    from kiosk.flow.state import Chrome, ViewState
    from kiosk.i18n import Msg

Handler = Callable[[Any], None]


@dataclass(frozen=True)
class Transition:
    """An intent is accepted on `sources` (None: any screen) and may lead to `targets`.

    Staying on the same screen is always allowed; anything else not in `targets` is a bug the
    host reports (TransitionError). None means any target (Back, Home).
    """

    intent: type[Intent]
    sources: frozenset[str] | None
    targets: frozenset[str] | None

    @classmethod
    def on(cls, intent: type[Intent], sources: Iterable[str] | None,
           targets: Iterable[str] | None = ()) -> "Transition":
        """Transition.on(OpenService, {CATALOG}, {GUIDE})."""
        return cls(intent, None if sources is None else frozenset(sources),
                   None if targets is None else frozenset(targets))


class Journey:
    """Base of every journey: no-op hooks; a journey talks to the host only through its API.

    A subclass sets `name`, `screens`, `transitions`, and returns its handlers from
    `handlers()`. It is built with the host (`Journey(host)`), the host's public API being
    `state`, `show`, `update`, `begin_session`, `end_session`, `session`, `lock`,
    `devices`, `content`, `clock` and `raise_event`.
    """

    name = "journey"
    screens: tuple[str, ...] = ()
    transient_screens: frozenset[str] = frozenset()  # never returned to by Back
    resting_screens: frozenset[str] = frozenset()  # like attract: no session, no idle timeout
    transitions: tuple[Transition, ...] = ()

    def __init__(self, host: "FlowHost") -> None:
        self.host = host

    def handlers(self) -> Mapping[type[Intent], Handler]:
        """Intent type -> handler; the host refuses two journeys claiming the same intent."""
        return {}

    def on_device_event(self, event: "DeviceEvent") -> None:
        """A device event, called with the host lock held (any thread)."""

    def refresh(self, screen: str, page: Any, lang: str) -> Any:
        """The page again, with live data, its content in lang (after a language switch or Back)."""
        return page

    def back(self, state: "ViewState") -> bool:
        """Handle Back inside the screen (True) or let the host pop the navigation stack."""
        return False

    def on_leave(self, old: "ViewState", new: "ViewState") -> None:
        """The journey's screen `old.screen` is closing (stop cameras, cancel work)."""

    def session_end_reminder(self) -> "Msg | None":
        """What the attract screen asks of the resident who just left (a card left on the reader)."""
        return None

    def reset(self) -> None:
        """The session ended: forget everything about it."""

    def warm_up_states(self, chrome: "Chrome") -> list["ViewState"]:
        """States for the UI to lay out ahead of the first resident."""
        return []
