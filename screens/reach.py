"""Low-reach mode (ADA 707): the upper part of the screen shows text only, every control sits below."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty
from kivy.uix.boxlayout import BoxLayout

REACH_TOP_SHARE = 0.45  # controls live in the lower 55 % of the screen in low-reach mode


class ReachPanel(BoxLayout):
    """The text-only upper part in low-reach mode: the branch and the screen's spoken prompt."""

    _texts = ("", "")
    preview_on = BooleanProperty(False)  # the camera preview is shown here (screens/reach_preview.py)

    def on_kv_post(self, base_widget) -> None:
        """Fill the labels in when low reach is switched on."""
        super().on_kv_post(base_widget)
        app = App.get_running_app()
        if app is not None:
            app.fbind("low_reach", lambda *_a: self._apply())

    def show(self, branch: str, prompt: str) -> None:
        """Put the branch name and the prompt text in the panel (UI thread).

        Only while low reach is on: hidden, the labels would still render every new prompt's
        text into a large texture on each screen change (issue 8, tap latency)."""
        self._texts = (branch, prompt)
        self._apply()

    def _apply(self) -> None:
        app = App.get_running_app()
        if app is None or not app.low_reach:
            return
        self.ids.reach_branch.text, self.ids.reach_prompt.text = self._texts

    def show_detail(self, text: str) -> None:
        """Text of the screen's own shown above too (low reach), "" for none (UI thread)."""
        self.ids.reach_detail.text = text

    def show_preview(self, feed, corners) -> None:
        """Follow a camera feed above (low reach), or None to stop and fold the preview (UI thread)."""
        preview = self.ids.reach_preview
        preview.show(feed)
        preview.set_outline(corners if feed is not None else None)
        self.preview_on = feed is not None
