"""Low-reach mode (ADA 707): the upper part of the screen shows text only, every control sits below."""
from __future__ import annotations

from kivy.uix.boxlayout import BoxLayout

REACH_TOP_SHARE = 0.45  # controls live in the lower 55 % of the screen in low-reach mode


class ReachPanel(BoxLayout):
    """The text-only upper part in low-reach mode: the branch and the screen's spoken prompt."""

    def show(self, branch: str, prompt: str) -> None:
        """Put the branch name and the prompt text in the panel (UI thread)."""
        self.ids.reach_branch.text = branch
        self.ids.reach_prompt.text = prompt

    def show_detail(self, text: str) -> None:
        """Text of the screen's own shown above too (low reach), "" for none (UI thread)."""
        self.ids.reach_detail.text = text
