"""Apply screens (identify, form, review, submitted; materials in apply_materials) and the Apply button."""
from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.uix.screenmanager import Screen

from kiosk.flow.apply import input_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.identity_pages import IdentityPage
from kiosk.flow.apply.pages import (FORM, IDENTIFY, REVIEW, SUBMITTED, FormPage, IdentifyPage,
                                    ReviewPage, SubmittedPage)
from kiosk.flow.browse.pages import GUIDE
from kiosk.flow.state import Chrome
from screens.apply_identity import render_identity
from screens.apply_materials import material_screens
from screens import reach_form
from screens.font_cover import font_covers
from screens.fonts import current_font_file
from screens.keypads import KeypadPanel
from screens.pickers import PickerPanelView
from screens.widgets import BigButton, say, send, tr

Builder.load_file(str(Path(__file__).with_name("apply.kv")))
APPLY_SCREENS = (IDENTIFY, FORM, REVIEW, SUBMITTED)  # materials: screens/apply_materials.py


class ApplyScreen(Screen):
    """One of the apply journey's screens: renders its page value, sends intents."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.field_id: str | None = None  # the field the keypad types into (the flow decides)

    def render(self, page, chrome: Chrome) -> None:
        """Rebuild the screen from the page (small pages: rebuilt whole)."""
        body, actions, keypad = self.ids.body, self.ids.actions, self.ids.keypad
        body.clear_widgets()
        actions.clear_widgets()
        keypad.clear_widgets()
        if isinstance(page, IdentifyPage):
            self._identify(page, body, actions)
        elif isinstance(page, FormPage):
            self._form(page, body, actions, keypad)
        elif isinstance(page, ReviewPage):
            self._review(page, body, actions)
        elif isinstance(page, SubmittedPage):
            self._submitted(page, body)

    # -- pieces ------------------------------------------------------------------------------
    @staticmethod
    def _line(box, text: str) -> None:
        box.add_widget(Factory.BodyLabel(text=text))

    @staticmethod
    def _button(box, text: str, intent=None, role: str = "primary", on_press=None, disabled=False):
        button = BigButton(text=text, role=role, disabled=disabled)
        button.bind(on_release=on_press or (lambda *_: send(intent)))
        box.add_widget(button)
        return button

    def _identify(self, page: IdentifyPage, body, actions) -> None:
        if isinstance(page, IdentityPage):  # the identity ladder: screens/apply_identity.py
            render_identity(self, page, body, actions)
            return
        self.ids.title.text = tr("apply.title.identify")
        self._line(body, say(page.message))
        if page.typed_refused is not None and page.typed_refused != page.message:
            self._line(body, say(page.typed_refused))
        if page.state in ("ready", "failed"):
            self._button(actions, tr("apply.read_card"), ai.ReadIdCard())

    def _form(self, page: FormPage, body, actions, keypad) -> None:
        self.ids.title.text = tr("apply.title.form")
        if page.person:
            self._line(body, tr("apply.person", name=page.person))
        if page.notice is not None:
            self._line(body, say(page.notice))
        panel = page.input
        self.field_id = panel.field_id if panel is not None else None
        for row in page.fields:
            origin = tr(f"apply.origin.{row.origin}") if row.origin else tr("apply.origin.empty")
            text = f"{row.label}: {row.text or '—'}  [{origin}]"
            if row.error is not None:
                text += f"\n{say(row.error)}"  # the field's own message, right under it
            role = "accent" if row.id == self.field_id else "plain"
            button = self._button(body, text, ii.FocusField(row.id), role=role, disabled=row.locked)
            button.spoken_label = row.label  # keypad navigation speaks the label, never the value
        label = next((r.label for r in page.fields if r.id == self.field_id), "")
        if panel is not None and panel.picker is not None:
            view = PickerPanelView()
            view.render(panel.picker)
        else:
            if not hasattr(self, "_keypad_view"):
                self._keypad_view = KeypadPanel()  # kept: its keys are reused while typing
            view = self._keypad_view
            view.render(panel, label)
        keypad.add_widget(view)
        self._button(actions, tr("apply.next"), ai.FormDone())

    def _review(self, page: ReviewPage, body, actions) -> None:
        self.ids.title.text = tr("apply.title.review")
        self._line(body, page.title)
        if len(page.items) > 1:  # a bundle: every item applied for here, then those done elsewhere
            self._line(body, tr("bundle.apply.items_here"))
            for line in page.items:
                self._line(body, "• " + line)
        for line in (tr("bundle.apply.elsewhere_title"),) + page.elsewhere if page.elsewhere else ():
            self._line(body, line)
        self._line(body, tr("apply.person", name=page.person))
        for row in page.fields:
            self._line(body, f"{row.label}: {row.text}")
        self._button(body, tr("apply.review.edit_form"), ai.EditSection("form"), role="plain")
        for row in page.materials:
            self._line(body, f"{row.name}: {tr('apply.via.' + row.chosen) if row.chosen else '—'}")
        self._button(body, tr("apply.review.edit_materials"), ai.EditSection("materials"),
                     role="plain")
        self._line(body, f"{tr('apply.receipt.delivery')}: {tr('apply.delivery.' + page.delivery)}")
        if page.error is not None:
            self._line(body, say(page.error))
        self._button(actions, tr("apply.submit"), ai.SubmitApplication())

    def _submitted(self, page: SubmittedPage, body) -> None:
        self.ids.title.text = tr("apply.title.submitted")
        self._line(body, say(page.message))
        if page.printed is not None:
            self._line(body, say(page.printed))


def apply_screens() -> list[Screen]:
    """One screen per apply step, for KioskApp.build."""
    return [ApplyScreen(name=name) for name in APPLY_SCREENS] + material_screens()


def add_apply_button(app, manager) -> None:
    """Put "Apply" beside Print on the guide: hidden without a platform, else disabled with the reason."""
    guide = manager.get_screen(GUIDE)
    row = guide.ids.print_button.parent
    button = BigButton(role="primary")
    row.add_widget(button)
    journey = next((j for j in app.flow.journeys if j.name == "apply"), None)
    if journey is not None:
        # candidates the language's font cannot draw are not offered (zh-Hant: WenQuanYi, Big5)
        journey.input.can_show = lambda text: font_covers(text, current_font_file())

    shown = {"code": ""}

    def update(state) -> None:
        if state.screen != GUIDE:
            return
        g = state.page.guide
        shown["code"] = g.code
        reason = journey.unavailable_reason() if journey is not None else None
        # without a platform the button takes no room (the guide's layout stays as it was);
        # StartApply is refused with apply.no_platform all the same
        hidden = reason is not None
        button.opacity = 0 if hidden else 1
        button.size_hint_x = None if hidden else 1
        if hidden:
            button.width = 0
        button.disabled = reason is not None or not g.availability.ok
        button.text = tr("apply.button") if reason is None else f"{tr('apply.button')}\n{say(reason)}"

    button.bind(on_release=lambda *_: send(ai.StartApply(shown["code"])))
    app.add_render_listener(update)
    reach_form.install(app)  # low reach: the form's fields read above the keypad
