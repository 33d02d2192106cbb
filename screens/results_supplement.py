"""The 补正 screen: what is needed and why, each material's state, e-certificates, send; render only."""
from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.uix.screenmanager import Screen

from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import SupplementPage
from kiosk.flow.state import Chrome
from screens.selection import marked
from screens.widgets import BigButton, say, send, tr

KV = Path(__file__).resolve().parent / "results_supplement.kv"


def load_supplement_kv() -> None:
    """Load the supplement screen's rules once."""
    if str(KV) not in Builder.files:
        Builder.load_file(str(KV))


def _sync(box, buttons: dict, keys: tuple, make) -> None:  # noqa: ANN001
    """Rebuild a column of buttons only when its keys change."""
    if tuple(buttons) != keys:
        box.clear_widgets()
        buttons.clear()
        for key in keys:
            buttons[key] = make(key)
            box.add_widget(buttons[key])


class ResultsSupplementScreen(Screen):
    """Materials as buttons (tap to work on one), the current one's e-certificates, send."""

    def on_kv_post(self, _base) -> None:  # noqa: ANN001
        """Button registries, filled as pages arrive."""
        self.material_buttons: dict[int, BigButton] = {}
        self.cert_buttons: dict[str, BigButton] = {}

    def on_leave(self, *_args) -> None:
        """Stop following the document camera."""
        self.ids.preview.stop()

    def pages_done(self) -> None:
        """The pages of the current material are all captured."""
        send(ri.FinishMaterial())

    def send_supplement(self) -> None:
        """Send the 补正."""
        send(ri.SendSupplement())

    def render(self, page: SupplementPage, chrome: Chrome) -> None:
        """Reason, due date, materials with their state, e-certificates of the current one."""
        self.ids.title.text = tr("results2.supplement.title", no=page.application_no)
        self.ids.why.text = tr("results2.supplement.why", reason=page.reason)
        self.ids.due.text = tr("results2.supplement.due", due=page.due)

        def material_button(index: int) -> BigButton:
            """A material's button: tap to work on it."""
            b = BigButton(role="plain")
            b.bind(on_release=lambda *_: send(ri.SelectMaterial(index)))
            return b
        _sync(self.ids.materials, self.material_buttons, tuple(range(len(page.materials))),
              material_button)
        for i, m in enumerate(page.materials):
            state = tr(f"results2.supplement.state.{m.supplied or 'missing'}")
            pages = f"  ({m.pages})" if m.pages and not m.supplied else ""
            self.material_buttons[i].text = marked(f"{m.code}: {state}{pages}", i == page.current)
            self.material_buttons[i].role = "accent" if i == page.current else "plain"
        current = page.materials[page.current] if page.materials else None
        offered = current.certificates if current is not None and not current.supplied else ()

        def cert_button(cert_id: str) -> BigButton:
            """An e-certificate's button: tap to supply the material with it."""
            b = BigButton(role="plain")
            b.bind(on_release=lambda *_: send(ri.UseCertificate(cert_id)))
            return b
        _sync(self.ids.certificates, self.cert_buttons, tuple(c for c, _ in offered), cert_button)
        for cert_id, name in offered:
            self.cert_buttons[cert_id].text = f"{tr('results2.supplement.state.certificate')}: {name}"
        self.ids.message.text = say(page.message)
        self.ids.receipt.text = say(page.receipt)
        collecting = page.stage == "collect"
        self.ids.preview.show(page.feed if collecting else None)
        self.ids.capture_button.text = tr("results2.supplement.capture")
        self.ids.capture_button.disabled = not collecting
        self.ids.send_button.text = tr("results2.supplement.send")
        self.ids.send_button.disabled = not collecting
