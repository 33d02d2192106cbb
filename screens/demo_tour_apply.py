"""The demo tour's application: the newborn bundle applied for end to end against the platform.

The resident is 李秀英 from the reference platform's sample data (fictitious): the tour lays her
card on the in-process card-reader simulator, as a resident would, and takes it back after the
read. Without a platform (or without a simulated reader) the steps do not apply and are skipped.
"""
from __future__ import annotations

from typing import Callable, Optional

from kivy.app import App

from drivers.card_reader.base import IdentityRecord
from kiosk.flow import intents as it
from kiosk.flow.apply import intents as ai
from kiosk.flow.browse import intents as bi
from kiosk.flow.state import ViewState

Step = tuple[str, Callable[[ViewState], Optional[it.Intent]]]
BUNDLE = "newborn"
# the sample mother of the reference platform's seed (refplatform/seed.py "li"): not a real person
RESIDENT = IdentityRecord("resident_id", "李秀英", "350103198806152427", sex="女", nation="汉",
                          birth_date="1988-06-15", address="示例市鼓楼区东街12号3单元501室")
TYPED = (("father_name", "张伟民"), ("child_birthplace", "示例市妇幼保健院"),
         ("father_id_number", "350102198503071236"))


def _apply_journey():
    app = App.get_running_app()
    return next((j for j in app.flow.journeys if j.name == "apply"), None) if app else None


def _reader():
    app = App.get_running_app()
    reader = app.core.devices.card_reader if app else None
    return reader if hasattr(reader, "place_card") else None  # the simulator only


def _can_apply() -> bool:
    """A platform to apply to and a simulated reader to lay the card on."""
    journey = _apply_journey()
    return journey is not None and journey.unavailable_reason() is None and _reader() is not None


def _start(state: ViewState) -> Optional[it.Intent]:
    return bi.Start() if state.screen == "attract" and _can_apply() else None


def _open_bundle(state: ViewState) -> Optional[it.Intent]:
    return bi.OpenBundle(BUNDLE) if state.screen == "catalog" and _can_apply() else None


def _start_apply(state: ViewState) -> Optional[it.Intent]:
    guide = getattr(state.page, "guide", None)
    ok = state.screen == "guide" and guide is not None and guide.code == BUNDLE
    return ai.StartApply(BUNDLE) if ok and guide.availability.ok else None


def _lay_card(state: ViewState) -> Optional[it.Intent]:
    if state.screen != "apply_identify" or getattr(state.page, "state", "") != "ready":
        return None
    _reader().place_card(RESIDENT)
    return it.Activity()


def _read_card(state: ViewState) -> Optional[it.Intent]:
    ready = state.screen == "apply_identify" and getattr(state.page, "state", "") == "ready"
    return ai.ReadIdCard() if ready else None


def _wait_on(screen: str, states: tuple[str, ...]) -> Callable[[ViewState], Optional[it.Intent]]:
    """Stay (as activity) while the screen shows one of the states (the platform answers)."""
    return lambda s: it.Activity() if s.screen == screen and \
        getattr(s.page, "state", "") in states else None


def _take_card(state: ViewState) -> Optional[it.Intent]:
    if state.screen != "apply_form":
        return None
    _reader().remove_card()
    return it.Activity()


def _type(field_id: str, text: str) -> Callable[[ViewState], Optional[it.Intent]]:
    return lambda s: ai.TypeField(field_id, text) if s.screen == "apply_form" else None


def _on(screen: str, intent: it.Intent) -> Callable[[ViewState], Optional[it.Intent]]:
    return lambda s: intent if s.screen == screen else None


APPLY_TOUR: tuple[Step, ...] = (
    ("start for an application", _start),
    ("open the newborn bundle", _open_bundle),
    ("apply here for the items done at the kiosk", _start_apply),
    ("lay the ID card on the reader", _lay_card),
    ("read the ID card", _read_card),
    *(("wait for the platform", _wait_on("apply_identify", ("reading", "verifying"))),) * 8,
    ("take the card back", _take_card),
    *((f"type {fid}", _type(fid, text)) for fid, text in TYPED),
    ("on to the materials", _on("apply_form", ai.FormDone())),
    ("on to the review", _on("apply_materials", ai.MaterialsDone())),
    ("submit the one application", _on("apply_review", ai.SubmitApplication())),
    *(("wait for the answer", _wait_on("apply_submitted", ("storing", "sending"))),) * 8,
    ("show the receipt", _wait_on("apply_submitted", ("accepted", "queued"))),
    ("finish", _on("apply_submitted", it.Finish())),
)
