"""The identify screen's page with the ladder: the rung tried, why it failed, the ways offered next."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.apply.pages import IdentifyPage
from kiosk.flow.prompts import ScreenPrompt
from kiosk.i18n import Msg


@dataclass(frozen=True)
class EntryRow:
    """One entry typed on the identify screen (MRZ part, ID number, name) and its inline message."""

    id: str
    label: Msg
    text: str
    error: Msg | None = None
    keypad: str = "latin"


@dataclass(frozen=True)
class IdentityPage(IdentifyPage):
    """IdentifyPage plus the ladder: way = the rung shown, offers = other ways, next_way = suggested."""

    way: str = "id_card"
    offers: tuple[str, ...] = ()
    next_way: str | None = None
    entries: tuple[EntryRow, ...] = ()
    refused: tuple[Msg, ...] = ()  # ways the service's assurance does not accept, said plainly
    note: Msg | None = None  # e.g. the MRZ can be read by the camera or typed
    mrz_camera: bool = False  # the passport rung offers reading the MRZ with the document camera

    def prompt(self) -> ScreenPrompt:
        """Spoken: the message; a failure adds what to try next. Entries are personal: never read."""
        if self.state == "failed" and self.next_way is not None:
            return ScreenPrompt(Msg.of("apply.ident.failed_next", why=self.message,
                                       next=Msg(f"apply.ident.way.{self.next_way}")))
        return ScreenPrompt(self.message)
