"""UI test steps shared by the apply tests: from the attract screen to the apply form."""
from __future__ import annotations

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import SetLanguage
from kiosk.i18n import t
from tests.ui.test_apply import WANG, button


def open_identify(ui, code: str, lang: str) -> None:
    """Open a service's guide in lang and tap Apply: the identification screen shows."""
    app = ui.app
    app.send(SetLanguage(lang))
    app.send(bi.Start())
    app.send(bi.OpenService(code))
    ui.wait_screen("guide")
    ui.tap(button(ui.screen("guide"), t("apply.button", lang)))
    ui.wait_screen("apply_identify")


def open_form(ui, code: str, lang: str = "zh"):
    """Open a service's guide, apply, read 王芳's card and wait on the form with the card taken."""
    app = ui.app
    open_identify(ui, code, lang)
    card = app.core.devices.card_reader
    card.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女",
                                   birth_date="2000-02-29"))
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    card.remove_card()
    ui.wait_for(lambda: app.flow.state.page.notice is None, "card taken")
    return ui.screen("apply_form")
