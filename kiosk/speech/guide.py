"""Voice guidance for the running kiosk: speaks each screen's prompt and holds the voice settings.

The app calls `show(state)` after every render (UI thread): it only queues on the Speaker, so
it never waits. A screen change (or a new prompt, or a new language) cuts what is playing and
speaks the new prompt; a confirmation prompt is queued after it instead. Volume, speed and mute
are the resident's: they return to normal when the session ends (the attract screen); elder
mode speaks a little slower than the chosen speed.
"""
from __future__ import annotations

import logging
from typing import Any

from kiosk.flow.prompts import ScreenPrompt, screen_prompt
from kiosk.i18n import Msg
from kiosk.speech.speaker import MAX_SPEED, MAX_VOLUME, MIN_SPEED, Speaker

log = logging.getLogger(__name__)

VOLUME_STEP = 20
MIN_AUDIBLE_VOLUME = 20
SPEED_STEP = 0.25
NORMAL_VOLUME = 100
NORMAL_SPEED = 1.0
ELDER_SLOWDOWN = 0.85  # elder mode speaks this much slower than the resident's chosen speed
ATTRACT = "attract"  # kiosk.flow.state.ATTRACT, repeated to keep this module free of the flow


class VoiceGuide:
    """Turns view states into spoken prompts and the voice panel's buttons into Speaker settings."""

    def __init__(self, speaker: Speaker) -> None:
        self.speaker = speaker
        self.muted = False
        self.volume = NORMAL_VOLUME
        self.speed = NORMAL_SPEED
        self.elder = False
        self._said: tuple[str, str, ScreenPrompt] | None = None
        self._apply()

    # --- screens -----------------------------------------------------------------------------
    def show(self, screen: str, page: Any, lang: str, overlay: Msg | None = None,
             elder: bool = False) -> bool:
        """Speak the screen's prompt if it differs from the last one spoken; True if queued.

        overlay: what a panel over the screen says instead (the idle warning, help); when it
        closes, the screen's prompt is spoken again so the resident knows where they are.
        """
        prompt = ScreenPrompt(overlay) if overlay is not None else screen_prompt(screen, page)
        if elder != self.elder:
            self.elder = elder
            self._apply()
        key = (screen, lang, prompt)
        if key == self._said:
            return False
        if screen == ATTRACT and self._said is not None and self._said[0] != ATTRACT:
            self.reset()  # the next resident starts with normal volume and speed
        self._said = key
        if lang not in self.speaker.voices:
            log.warning("no voice for language %s: prompt %s not spoken", lang, prompt.msg.key)
            self.speaker.cut()
            return False
        self.speaker.say_msg(prompt.msg, lang, personal=prompt.personal,
                             interrupt=not prompt.confirm)
        return True

    def repeat(self) -> None:
        """Say the last prompt again (the "repeat" button)."""
        self.speaker.repeat()

    def cut(self) -> None:
        """Stop speaking now."""
        self.speaker.cut()

    # --- settings ----------------------------------------------------------------------------
    def louder(self) -> None:
        """One step louder (unmutes)."""
        self.muted = False
        self.volume = min(MAX_VOLUME, self.volume + VOLUME_STEP)
        self._apply()

    def softer(self) -> None:
        """One step softer, never below audible: silence is the mute button's job."""
        self.volume = max(MIN_AUDIBLE_VOLUME, self.volume - VOLUME_STEP)
        self._apply()

    def faster(self) -> None:
        """One step faster."""
        self.speed = min(MAX_SPEED, self.speed + SPEED_STEP)
        self._apply()

    def slower(self) -> None:
        """One step slower."""
        self.speed = max(MIN_SPEED, self.speed - SPEED_STEP)
        self._apply()

    def toggle_mute(self) -> None:
        """Silence or restore the voice; captions keep showing while muted."""
        self.muted = not self.muted
        if self.muted:
            self.speaker.cut()
        self._apply()

    def reset(self) -> None:
        """Normal volume and speed, not muted."""
        self.muted = False
        self.volume = NORMAL_VOLUME
        self.speed = NORMAL_SPEED
        self._apply()

    def _apply(self) -> None:
        self.speaker.set_volume(0 if self.muted else self.volume)
        slowdown = ELDER_SLOWDOWN if self.elder else 1.0
        self.speaker.set_speed(max(MIN_SPEED, self.speed * slowdown))

    @property
    def volume_percent(self) -> int:
        """The volume the panel shows (0 while muted)."""
        return 0 if self.muted else self.volume

    @property
    def speed_percent(self) -> int:
        """The speed the panel shows, in percent of normal."""
        return round(self.speed * 100)

    def close(self) -> None:
        """Stop the speaker."""
        self.speaker.close()
