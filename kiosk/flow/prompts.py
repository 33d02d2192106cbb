"""What each screen says: a page declares its spoken prompt; screens without one get a default key.

The rule for every journey's page values (browse, scan, and any added later): give the page a
`prompt()` method returning a `Msg` or a `ScreenPrompt`. A page without one is announced with
the message key `voice.screen.<screen name>` (assets/i18n/voice.json). Parameters holding
personal data (names, ID or pickup numbers) are named in `ScreenPrompt.personal`: the Speaker
never reads them aloud and masks them in the speech log.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.i18n import Msg

DEFAULT_KEY = "voice.screen.{screen}"


@dataclass(frozen=True)
class ScreenPrompt:
    """A screen's spoken prompt; confirm=True queues it after what is playing instead of cutting."""

    msg: Msg
    personal: frozenset[str] = frozenset()
    confirm: bool = False  # an action's confirmation ("printed"): heard after the previous prompt

    @classmethod
    def of(cls, value: "Msg | ScreenPrompt") -> "ScreenPrompt":
        """A ScreenPrompt from what a page's prompt() returned."""
        if isinstance(value, ScreenPrompt):
            return value
        if isinstance(value, Msg):
            return cls(value)
        raise TypeError(f"prompt() must return a Msg or ScreenPrompt, not {type(value).__name__}")


def all_params_personal(msg: Msg, confirm: bool = False) -> ScreenPrompt:
    """A prompt whose every parameter is personal (a code's owner data, a typed number)."""
    return ScreenPrompt(msg, frozenset(name for name, _ in msg.params), confirm)


def screen_prompt(screen: str, page: Any) -> ScreenPrompt:
    """The prompt of a page shown on screen: its own prompt(), else the screen's default key."""
    declared = getattr(page, "prompt", None)
    if callable(declared):
        value = declared()
        if value is not None:
            return ScreenPrompt.of(value)
    return ScreenPrompt(Msg(DEFAULT_KEY.format(screen=screen)))
