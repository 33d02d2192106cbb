"""Materials screens of the apply journey: the checklist, the document camera, the signature pad."""
from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from kiosk.flow.apply import intents as ai
from kiosk.flow.apply import material_intents as mi
from kiosk.flow.apply.material_pages import CAPTURE, SIGN, CapturePage, SignPage
from kiosk.flow.apply.notice_step import PrintOneTimeNotice
from kiosk.flow.apply.pages import MATERIALS, MaterialsPage
from kiosk.flow.state import Chrome
from screens import preview as _preview  # noqa: F401  (registers CameraPreview for the .kv)
from screens import signature_pad as _pad  # noqa: F401  (registers SignaturePad for the .kv)
from screens.selection import marked
from screens.widgets import BigButton, say, send, tr

Builder.load_file(str(Path(__file__).with_name("apply_materials.kv")))


class ApplyMaterialsScreen(Screen):
    """The checklist: each material, how it can be supplied, and n of m ready."""

    shown: tuple = ()  # (page, language) last built

    def on_pre_enter(self, *_args) -> None:
        """Show the list from the top."""
        self.ids.scroller.scroll_y = 1  # from the top (a short list must not stay scrolled away)

    def render(self, page: MaterialsPage, chrome: Chrome) -> None:
        """Rebuild the list from the page (not on a chrome-only change: the buttons stay put)."""
        if self.shown == (page, chrome.language):
            return
        self.shown = (page, chrome.language)
        body, actions = self.ids.body, self.ids.actions
        body.clear_widgets()
        actions.clear_widgets()
        self.ids.title.text = tr("apply.title.materials")
        self.ids.progress.text = tr("apply.materials.progress", ready=page.ready, total=page.total)
        for row in page.materials:
            status = tr("apply.materials.ready") if row.chosen else \
                tr("apply.materials.not_ready") if row.required else tr("apply.materials.optional")
            lines = [f"{'●' if row.chosen else '○'} {row.name}  [{status}]"]
            if row.certificate_info is not None:
                lines.append(say(row.certificate_info))
            if row.chosen == "upload":
                lines.append(tr("apply.materials.pages", pages=row.pages))
            elif row.chosen == "commitment" and row.pages:
                lines.append(tr("apply.materials.signed"))
            elif not row.options:
                lines.append(tr("apply.materials.at_window"))
            for text in lines:
                body.add_widget(Factory.BodyLabel(text=text))
            if row.options:
                line = BoxLayout(size_hint_y=None, height=72, spacing=8)
                for via in row.options:
                    button = BigButton(text=marked(tr(f"apply.via.{via}"), via == row.chosen),
                                       role="accent" if via == row.chosen else "plain")
                    button.material, button.via = row.code, via  # what a test looks it up by
                    button.bind(on_release=lambda *_, c=row.code, v=via: send(ai.ChooseMaterial(c, v)))
                    line.add_widget(button)
                body.add_widget(line)
        for msg in page.missing:
            body.add_widget(Factory.BodyLabel(text=say(msg)))
        if page.notice is not None:  # how printing the one-time notice went
            body.add_widget(Factory.BodyLabel(text=say(page.notice)))
        body.add_widget(Factory.BodyLabel(text=tr("apply.materials.kept_note")))
        body.add_widget(Widget())  # takes the space left, so a short list starts at the top
        if page.missing:  # the one-time notice (一次性告知), on paper
            notice = BigButton(text=tr("bundle.notice.print"), role="plain")
            notice.bind(on_release=lambda *_: send(PrintOneTimeNotice()))
            actions.add_widget(notice)
        button = BigButton(text=tr("apply.next"), role="primary")
        button.bind(on_release=lambda *_: send(ai.MaterialsDone()))
        actions.add_widget(button)


class ApplyCaptureScreen(Screen):
    """The document camera's preview, its hint, the pages taken; Done makes the PDF."""

    def on_leave(self, *_args) -> None:
        """Stop pulling camera frames."""
        self.ids.preview.stop()

    def retake(self) -> None:
        """Start the pages again."""
        send(mi.RetakeCapture())

    def done(self) -> None:
        """All pages are in."""
        send(mi.FinishCapture())

    def render(self, page: CapturePage, chrome: Chrome) -> None:
        """Preview, outline, hint, count and buttons."""
        preview = self.ids.preview
        preview.show(page.feed)
        preview.set_outline(page.corners)
        self.ids.title.text = tr("apply.title.capture", material=page.name)
        self.ids.hint.text = say(page.hint)
        self.ids.pages.text = tr("apply.capture.pages", pages=page.pages) if page.pages else ""
        self.ids.error.text = say(page.error)
        self.ids.retake_button.text = tr("apply.capture.retake")
        self.ids.done_button.text = tr("apply.capture.done")
        self.ids.retake_button.disabled = page.busy or not page.pages
        self.ids.done_button.disabled = page.busy


class ApplySignScreen(Screen):
    """The commitment's text and the pad; Sign sends the strokes, the core makes the PNG."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.code = ""

    def clear(self) -> None:
        """Wipe the ink on the pad."""
        self.ids.pad.clear()

    def sign(self) -> None:
        """Send the strokes drawn."""
        send(mi.SignCommitment(self.code, self.ids.pad.strokes()))

    def on_leave(self, *_args) -> None:
        """The ink is personal: gone once the screen is."""
        self.ids.pad.clear()

    def render(self, page: SignPage, chrome: Chrome) -> None:
        """Text, instruction, the error if any."""
        if page.code != self.code:
            self.ids.pad.clear()
        self.code = page.code
        self.ids.title.text = tr("apply.title.sign", material=page.name)
        self.ids.text.text = say(page.text)
        self.ids.instruction.text = tr("apply.sign.busy") if page.busy else tr("apply.sign.instruction")
        self.ids.error.text = say(page.error)
        self.ids.clear_button.text = tr("apply.sign.clear")
        self.ids.sign_button.text = tr("apply.sign.confirm")
        self.ids.clear_button.disabled = page.busy


def material_screens() -> list[Screen]:
    """The checklist, capture and signature screens, for apply_screens()."""
    return [ApplyMaterialsScreen(name=MATERIALS), ApplyCaptureScreen(name=CAPTURE),
            ApplySignScreen(name=SIGN)]
