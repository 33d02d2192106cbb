"""Guide step: open a service or bundle guide, choose bundle items, answer eligibility questions."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import GUIDE, GuidePage, GuideView

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost


class GuideStep:
    """Builds guides with live device status and the answers given in this session."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.answers: dict[str, str] = {}

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {bi.OpenService: self.open_service, bi.OpenBundle: self.open_bundle,
                bi.ToggleBundleItem: self.toggle_item, bi.AnswerQuestion: self.answer}

    def build(self, code: str, bundle: bool, chosen: set[str] | None,
              lang: str) -> GuideView | None:
        """A guide (or bundle guide) in lang; None for an unknown code."""
        content, statuses = self.host.content, self.host.devices.statuses()
        if bundle:
            return content.bundle_guide(code, chosen, lang, statuses, self.answers)
        return content.guide(code, lang, statuses, self.answers)

    def rebuild(self, guide: GuideView, lang: str) -> GuideView | None:
        """The same guide again (live status, answers, chosen items) in lang."""
        return self.build(guide.code, bool(guide.bundle_items), guide.chosen(), lang)

    def _open(self, code: str, bundle: bool) -> None:
        guide = self.build(code, bundle, None, self.host.state.language)
        if guide is not None:  # an unknown code keeps the current screen
            self.host.show(GUIDE, GuidePage(guide), remember=True)

    def open_service(self, intent: bi.OpenService) -> None:

        """Open one service's guide."""
        self._open(intent.code, False)

    def open_bundle(self, intent: bi.OpenBundle) -> None:

        """Open a bundle's merged guide with every item chosen."""
        self._open(intent.bundle_id, True)

    def toggle_item(self, intent: bi.ToggleBundleItem) -> None:

        """Leave one bundle item out or take it back in (one always stays)."""
        guide = self.host.state.page.guide
        if not guide.bundle_items:
            return
        chosen = guide.chosen() ^ {intent.code}
        if not chosen:
            return  # a bundle needs at least one item
        new = self.build(guide.code, True, chosen, self.host.state.language)
        if new is not None:
            self.host.update(GuidePage(new))

    def answer(self, intent: bi.AnswerQuestion) -> None:

        """Record an eligibility answer and re-check availability."""
        if intent.answer not in ("yes", "no"):
            return
        self.answers[intent.question_id] = intent.answer
        self.refresh_current()

    def refresh_current(self) -> None:
        """Rebuild the guide on screen (after an answer or a device status change)."""
        state = self.host.state
        if state.screen == GUIDE:
            guide = self.rebuild(state.page.guide, state.language)
            if guide is not None:
                self.host.update(GuidePage(guide))

    def reset(self) -> None:
        """Forget the answers of the last resident."""
        self.answers.clear()
