"""The results journey: progress query, pickup bound to the card holder, then 好差评."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Callable

from drivers.base import DeviceEvent
from drivers.card_reader.base import CARD_INSERTED
from drivers.qr_camera.base import CODE_SCANNED
from kiosk import codes
from kiosk.flow.journey import Journey
from drivers.printer.base import MEDIA_TAKEN, SLIP_LEFT
from kiosk.flow.results import intents as ri
from kiosk.flow.results import slip_watch
from kiosk.flow.results.card_step import CardProgressStep
from kiosk.flow.results.pages import (MAX_ENTRY, PICKUP, PROGRESS, RATING, SUPPLEMENT, PickupPage,
                                      ProgressPage, RatingPage)
from kiosk.flow.results.pickup_step import PickupStep
from kiosk.flow.results.progress_step import ProgressStep
from kiosk.flow.results.rating_step import RatingStep
from kiosk.flow.results.supplement_step import SupplementStep
from kiosk.flow.results.transitions import TRANSITIONS
from kiosk.flow.state import ViewState
from kiosk.i18n import Msg

KEYS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class ResultsJourney(Journey):
    """Three screens: progress, pickup, rating; codes come from the keypad or the QR camera."""

    name = "results"
    screens = (PROGRESS, PICKUP, RATING, SUPPLEMENT)
    transitions = TRANSITIONS

    def __init__(self, host: Any, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(host)
        self.progress = ProgressStep(host, today)
        self.pickup = PickupStep(host)
        self.rating = RatingStep(host)
        self.card = CardProgressStep(host)
        self.supplement = SupplementStep(host)
        self.progress.owner = self.card.owns

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ri.OpenProgress: self.open_progress, ri.OpenPickup: self.open_pickup,
                ri.PressKey: self.press_key, ri.SubmitEntry: self.submit,
                ri.OpenRating: self.open_rating,
                ri.ChooseLevel: lambda i: self.rating.choose_level(self.host.state.page, i.level),
                ri.ToggleOption: lambda i: self.rating.toggle(self.host.state.page, i.option),
                ri.SetComment: lambda i: self.rating.comment(self.host.state.page, i.text),
                ri.SendRating: lambda _: self.rating.send(self.host.state.page),
                ri.SkipRating: lambda _: self.host.end_session(),
                ri.UseCard: lambda _: self.card.use_card(self.host.state.page),
                ri.ChooseApplication: self.choose_application,
                ri.AnswerSupplement: self.answer_supplement,
                ri.SelectMaterial: lambda i: self.supplement.select(self.host.state.page, i.index),
                ri.UseCertificate: lambda i: self.supplement.use_certificate(self.host.state.page, i.cert_id),
                ri.FinishMaterial: lambda _: self.supplement.finish_material(self.host.state.page),
                ri.SendSupplement: lambda _: self.supplement.send(self.host.state.page)}

    def choose_application(self, intent: ri.ChooseApplication) -> None:
        """Only one of the card holder's own applications can be picked from the list."""
        page = self.host.state.page
        if self.card.owns(intent.application_no):
            self.progress.query(page, intent.application_no)

    def answer_supplement(self, _: ri.AnswerSupplement) -> None:
        """The 补正 request shown, answered by the verified applicant only (card first)."""
        page = self.host.state.page
        if page.status != "supplement_required" or not self.progress.request:
            return
        if not self.card.owns(page.application_no):
            self.host.update(replace(page, message=Msg("results2.supplement.need_card")))
            return
        if page.application_no in self.supplement.sent:  # Back after sending: never twice
            self.host.update(replace(page, message=Msg("results2.supplement.already_sent")))
            return
        self._scan(False)
        self.supplement.open(page.application_no, self.progress.request, self.card.person_ref)

    def open_progress(self, _: ri.OpenProgress) -> None:
        """Keypad and QR camera ready for the application number."""
        self.host.begin_session()
        self._scan(True)
        self.host.show(PROGRESS, ProgressPage(message=Msg("results.progress.hint")), remember=True)

    def open_pickup(self, _: ri.OpenPickup) -> None:
        """Keypad and QR camera ready for the pickup code; the card reader for the holder."""
        self.host.begin_session()
        self._scan(True)
        self.host.show(PICKUP, PickupPage(message=Msg("results.pickup.hint")), remember=True)

    def press_key(self, intent: ri.PressKey) -> None:
        """Edit the entry: a digit or Latin letter, or DEL."""
        page = self.host.state.page
        key = intent.key.upper()
        if isinstance(page, RatingPage):
            self.rating.key(page, key)
            return
        if key == "DEL":
            self.host.update(replace(page, entry=page.entry[:-1], message=None))
        elif key in KEYS and len(page.entry) < MAX_ENTRY:
            self.host.update(replace(page, entry=page.entry + key, message=None))

    def submit(self, _: ri.SubmitEntry) -> None:
        """Look up what was typed."""
        page = self.host.state.page
        if not page.entry:
            self.host.update(replace(page, message=Msg("results.entry.empty")))
        elif isinstance(page, ProgressPage):
            self.progress.query(page, page.entry)
        else:
            self.pickup.code_entered(page, page.entry)

    def open_rating(self, _: ri.OpenRating) -> None:
        """Only after something was handed over."""
        page = self.host.state.page
        if page.stage == "done" and page.application_no:
            self.host.show(RATING, RatingPage(page.application_no, message=Msg("results.rating.hint")))

    def on_device_event(self, event: DeviceEvent) -> None:
        """QR codes, the ID card and locker doors, for this journey's screens only."""
        state = self.host.state
        if state.screen == SUPPLEMENT and event.device == "document_camera":
            self.supplement.camera_event(event)
        if event.kind in (SLIP_LEFT, MEDIA_TAKEN) and event.device == "printer":
            slip_watch.printer_event(self.host, event.kind, event.data)
        if state.screen not in (PROGRESS, PICKUP):
            return
        if event.kind == CODE_SCANNED:
            self._code(state.page, str(event.data.get("text", "")))
        elif event.kind == CARD_INSERTED and state.screen == PICKUP:
            self.pickup.card_inserted()
        elif event.kind == CARD_INSERTED:
            self.card.card_inserted()
        elif event.kind in ("door_closed", "door_left_open") and state.screen == PICKUP:
            self.pickup.door_event(event.kind, int(event.data.get("lock", 0)))

    def _code(self, page: Any, text: str) -> None:
        expect = "receipt" if isinstance(page, ProgressPage) else "pickup"
        try:
            payload = codes.parse(text, expect=expect)
        except codes.CodeError as exc:
            self.host.update(replace(page, message=Msg(exc.message_key)))
            return
        if isinstance(page, ProgressPage):
            self.progress.query(page, payload.receipt_no)
        elif page.stage in ("enter", "refused"):
            self.pickup.code_entered(replace(page, stage="enter"), payload.pickup_id)

    def _scan(self, on: bool) -> None:
        camera = getattr(self.host.devices, "qr_camera", None)
        if camera is not None and hasattr(camera, "set_scanning"):
            camera.set_scanning(on)

    def on_leave(self, old: ViewState, new: ViewState) -> None:
        """Stop decoding when the code screens close."""
        if new.screen not in (PROGRESS, PICKUP):
            self._scan(False)

    def reset(self) -> None:
        """Session over: forget the card holder."""
        self.pickup.reset()
        self.card.reset()
        self.supplement.reset()
        self.progress.request = None
