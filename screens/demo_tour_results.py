"""The results part of the demo tour: progress by ID card, a 补正 answered with an e-certificate,
a printed result and a locker result picked up, and a rating.

Each step is one intent built from the state showing (same Step shape as screens.demo_tour.TOUR);
steps that do not apply are skipped. The ID card is the resident's hand, not a tap: on the screens
that ask for it the tour lays the seed resident's card on the in-process card reader simulator (a
real reader waits for a person) and takes it back once the kiosk knows who it is.
"""
from __future__ import annotations

from typing import Callable, Optional

from drivers.card_reader.base import IdentityRecord
from kiosk.flow import intents as it
from kiosk.flow.results import intents as ri
from kiosk.flow.state import ViewState
from screens.demo_tour_apply import _reader

Step = tuple[str, Callable[[ViewState], Optional[it.Intent]]]
PRINTED_CODE = "31415926"  # seeded results of the sample resident 张伟民 (refplatform.seed)
# the sample father of the reference platform's seed (refplatform/seed.py "zhang"): not a real person
CARD_HOLDER = IdentityRecord("resident_id", "张伟民", "350102198503071236", sex="男", nation="汉",
                             birth_date="1985-03-07")
ASKS_FOR_CARD = ("results2.card.place", "results.pickup.hint")
LOCKER_CODE = "27182818"
WAIT_STEPS = 8  # each a demo step apart: ~24 s for a page or the platform
CARD_WAIT_STEPS = 3  # a card that does not come soon is not coming: the demo moves on


def _on(screen: str, make: Callable[[ViewState], Optional[it.Intent]]) -> Callable[[ViewState], Optional[it.Intent]]:
    return lambda s: make(s) if s.screen == screen else None


def _wait(done: Callable[[ViewState], bool]) -> Callable[[ViewState], Optional[it.Intent]]:
    """Stay (as activity) until done(state) holds."""
    return lambda s: None if done(s) else it.Activity()


def _page(s: ViewState, name: str, default=None):  # noqa: ANN001, ANN202
    return getattr(s.page, name, default)


def _choose_supplement(s: ViewState) -> Optional[it.Intent]:
    choice = next((c for c in _page(s, "choices", ()) if c.status == "supplement_required"), None)
    return ri.ChooseApplication(choice.application_no) if choice else None


def _answer(s: ViewState) -> Optional[it.Intent]:
    ok = s.screen == "results_progress" and _page(s, "status") == "supplement_required"
    return ri.AnswerSupplement() if ok and _page(s, "identified") else None


def _certificate(s: ViewState) -> Optional[it.Intent]:
    """The first material that an e-certificate of the resident can supply."""
    for i, m in enumerate(_page(s, "materials", ())):
        if not m.supplied and m.certificates:
            if i != _page(s, "current"):
                return ri.SelectMaterial(i)
            return ri.UseCertificate(m.certificates[0][0])
    return None


def _finish_capture(s: ViewState) -> Optional[it.Intent]:
    m = next((m for m in _page(s, "materials", ()) if not m.supplied), None)
    return ri.FinishMaterial() if m is not None and m.pages else None


def _supplied(s: ViewState) -> bool:
    return s.screen != "results_supplement" or all(m.supplied for m in _page(s, "materials", ()))


def _capture_ready(s: ViewState) -> bool:
    """A page is captured for the material still missing (or nothing is missing)."""
    missing = [m for m in _page(s, "materials", ()) if not m.supplied]
    return _supplied(s) or bool(missing and missing[0].pages)


def _lay_card(s: ViewState) -> Optional[it.Intent]:
    """The resident lays the card when the screen asks for it (only on the simulated reader)."""
    asks = getattr(_page(s, "message"), "key", "") in ASKS_FOR_CARD and not _page(s, "identified")
    reader = _reader()
    if not asks or reader is None:
        return None
    reader.place_card(CARD_HOLDER)
    return it.Activity()


def _take_card(s: ViewState) -> Optional[it.Intent]:
    """The resident takes the card back once the kiosk knows who it is."""
    reader = _reader()
    if reader is None or not _page(s, "identified"):
        return None
    reader.remove_card()
    return it.Activity()


def _typed(code: str) -> tuple[Step, ...]:
    """One key per step, as a resident types, then OK."""
    keys = tuple((f"type {ch}", _on("results_pickup", lambda s, c=ch: ri.PressKey(c))) for ch in code)
    return (*keys, ("OK", _on("results_pickup", lambda s: ri.SubmitEntry())))


def _pickup(code: str, what: str) -> tuple[Step, ...]:
    identified = _wait(lambda s: s.screen != "results_pickup" or bool(_page(s, "identified")))
    handed = _wait(lambda s: s.screen != "results_pickup" or _page(s, "stage") in ("done", "refused", "fault")
                   or not _page(s, "identified"))  # no card came: nothing will be handed over
    return (("finish", lambda s: it.Finish()),
            (f"pick up {what}", _on("attract", lambda s: ri.OpenPickup())),
            (f"lay the ID card ({what})", _on("results_pickup", _lay_card)),
            *((f"wait for the ID card ({what})", identified),) * CARD_WAIT_STEPS,
            (f"take the card back ({what})", _on("results_pickup", _take_card)),
            *_typed(code),
            *((f"wait for the {what} handover", handed),) * WAIT_STEPS)


RESULTS_TOUR: tuple[Step, ...] = (
    ("finish", lambda s: it.Finish()),
    ("query progress", _on("attract", lambda s: ri.OpenProgress())),
    ("progress by ID card", _on("results_progress", lambda s: ri.UseCard())),
    ("lay the ID card", _on("results_progress", _lay_card)),
    *(("wait for the card holder's applications", _wait(lambda s: bool(_page(s, "choices", ())))),)
    * CARD_WAIT_STEPS,
    ("take the card back", _on("results_progress", _take_card)),
    ("open the application waiting for a 补正", _on("results_progress", _choose_supplement)),
    *(("wait for its timeline", _wait(lambda s: _page(s, "status") != "")),) * 3,
    ("answer the 补正", _answer),
    ("go to a material an e-certificate can supply", _on("results_supplement", _certificate)),
    ("supply it with the e-certificate", _on("results_supplement", _certificate)),
    *(("wait for a page on the document camera", _wait(_capture_ready)),) * WAIT_STEPS,
    ("pages done", _on("results_supplement", _finish_capture)),
    *(("wait for the PDF", _wait(_supplied)),) * WAIT_STEPS,
    ("send the 补正", _on("results_supplement", lambda s: ri.SendSupplement())),
    *(("wait for the supplement receipt", _wait(lambda s: _page(s, "receipt") is not None
                                                or s.screen != "results_supplement")),) * WAIT_STEPS,
    *_pickup(PRINTED_CODE, "a printed result"),
    *_pickup(LOCKER_CODE, "a locker result"),
    ("rate the service", _on("results_pickup", lambda s: ri.OpenRating()
                             if _page(s, "stage") == "done" else None)),
    ("four stars", _on("results_rating", lambda s: ri.ChooseLevel(4))),
    ("praise the efficiency", _on("results_rating", lambda s: ri.ToggleOption("efficiency"))),
    ("send the rating", _on("results_rating", lambda s: ri.SendRating())),
    *(("wait for the rating", _wait(lambda s: s.screen != "results_rating" or bool(_page(s, "sent")))),) * 3,
    ("finish", lambda s: it.Finish()),
)
