"""Pickup step: code + card holder checked by the platform, handover recorded, then released once."""
from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drivers.base import HalError
from drivers.printer.base import PrintJob
from kiosk.flow.results import access
from kiosk.flow.results.card_read import read_card_then_ask
from kiosk.flow.results.pages import PickupPage
from kiosk.flow.results.progress_step import problem_message
from kiosk.flow.results.slip import courier_slip_bytes, slip_bytes
from kiosk.i18n import Msg
from kiosk.platform_link import PlatformError

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
VIA = {"kiosk_print": "print", "locker": "locker"}


def _verify(client: Any, record: Any) -> Any:
    """Worker thread: the platform's answer on the card holder (its person_ref)."""
    return client.verify_identity(method="id_card", id_number=record.id_number, name=record.name)


class PickupStep:
    """Holds the identified person (session only) and runs check -> handover -> release."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.person_ref: str | None = None
        self.released: set[str] = set()  # pickup codes released in this session

    def reset(self) -> None:
        """Session over: forget the person."""
        self.person_ref = None
        self.released.clear()

    # --- identity: the ID card, verified by the platform -----------------------------------
    def card_inserted(self) -> None:
        """Read the card on its worker; verify the holder with the platform (host lock held)."""
        page = self.host.state.page
        if isinstance(page, PickupPage):
            self.host.update(replace(page, message=Msg("results.card.reading")))
        read_card_then_ask(self.host, self._say, _verify, self._verified)

    def _verified(self, future: Any, session: Any) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, PickupPage):
                return
            try:
                self.person_ref = future.result().person_ref
            except PlatformError as exc:
                log.info("identity not verified: %s", getattr(exc, "code", type(exc).__name__))
                self.host.update(replace(page, message=Msg("results.card.unknown")))
                return
            page = replace(page, identified=True, message=Msg("results.card.ok"))
            self.host.update(page)
            if page.code:
                self.check(page)

    def _say(self, session: Any, msg: Msg) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is session and isinstance(page, PickupPage):
                self.host.update(replace(page, message=msg))

    # --- code -> check -> handover -> release ---------------------------------------------
    def code_entered(self, page: PickupPage, code: str) -> None:
        """A pickup code typed or scanned (host lock held)."""
        page = replace(page, code=code, entry="")
        if self.person_ref is None:
            self.host.update(replace(page, message=Msg("results.pickup.need_card")))
            return
        self.check(page)

    def check(self, page: PickupPage) -> None:
        """Ask the platform whose result this is and record the handover before releasing."""
        client = access.platform(self.host)
        if client is None:
            self.host.update(replace(page, message=Msg("results.error.no_platform")))
            return
        if page.code in self.released:
            self.host.update(replace(page, stage="refused", message=Msg("results.error.already_collected")))
            return
        self.host.update(replace(page, stage="checking", message=Msg("results.checking")))
        session, person, code = self.host.session, self.person_ref, page.code
        future = self.host.executor.submit(self._check_and_hand_over, client, code, person)
        future.add_done_callback(lambda f: self._handed_over(f, session, code))

    @staticmethod
    def _check_and_hand_over(client: Any, code: str, person: str) -> tuple[Any, Any]:
        info = client.get_result(code, person)
        via = VIA.get(info.delivery)
        if via is None:  # courier or window: nothing to release here
            return info, None
        # one key per handover attempt at this kiosk; the client's retries reuse it
        return info, client.handover(code, person, via, idempotency_key=str(uuid.uuid4()))

    def _handed_over(self, future: Any, session: Any, code: str) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, PickupPage):
                return
            try:
                info, receipt = future.result()
            except PlatformError as exc:
                log.info("pickup refused: %s", getattr(exc, "code", type(exc).__name__))
                self.host.update(replace(page, stage="refused", message=problem_message(exc)))
                return
            page = replace(page, title=info.title, application_no=info.application_no)
            if receipt is None and info.delivery == "courier":
                self._courier(page, info)
                return
            if receipt is None:
                self.host.update(replace(page, stage="done", message=Msg("results.pickup.window")))
                return
            self.released.add(code)
            log.info("handover recorded for application %s", info.application_no)
            if info.delivery == "locker":
                self._open_locker(page, info)
            else:
                self._print(page, info)

    def _print(self, page: PickupPage, info: Any) -> None:
        doc = info.document or {}
        data = slip_bytes(info.title, info.application_no, str(doc.get("verify_url", "")),
                          self.host.state.chrome.language, large=self.host.state.elder_mode)
        self.host.update(replace(page, stage="printing", message=Msg("results.pickup.printing")))
        session = self.host.session
        handle = self.host.devices.printer.print_job(PrintJob(data=data, title=info.application_no))
        handle.add_done_callback(lambda h: self._printed(h, session))

    def _courier(self, page: PickupPage, info: Any) -> None:
        """Sent by courier: the tracking on screen and on a slip (nothing is released here)."""
        c = info.courier or {}
        courier = (str(c.get("carrier", "")), str(c.get("tracking_no", "")), str(c.get("status", "")))
        self.host.update(replace(page, stage="printing", courier=courier,
                                 message=Msg("results.pickup.courier")))
        data = courier_slip_bytes(info.title, info.application_no, courier, self.host.state.language)
        session = self.host.session
        handle = self.host.devices.printer.print_job(PrintJob(data=data, title=info.application_no))
        handle.add_done_callback(lambda h: self._printed(h, session, "results2.courier.printed"))

    def _printed(self, handle: Any, session: Any, done_key: str = "results.pickup.printed") -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, PickupPage):
                return
            error = handle.exception()
            if error is not None:
                log.warning("result slip not printed: %s (handover already recorded)",
                            getattr(error, "code", type(error).__name__))
                self.host.update(replace(page, stage="fault", message=Msg("results.pickup.print_failed")))
                return
            self.host.update(replace(page, stage="done", message=Msg(done_key)))

    def _open_locker(self, page: PickupPage, info: Any) -> None:
        door = int((info.locker or {}).get("door", 0))
        self.host.update(replace(page, stage="opening", door=door, message=Msg.of("results.locker.opening", door=door)))
        session = self.host.session
        try:
            handle = self.host.devices.locker.open_door(door)
        except HalError as exc:
            self._door_failed(session, door, exc)
            return
        handle.add_done_callback(lambda h: self._door_answer(h, session, door))

    def _door_answer(self, handle: Any, session: Any, door: int) -> None:
        error = handle.exception()
        if error is not None or handle.result(0) is not True:
            self._door_failed(session, door, error)
            return
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is session and isinstance(page, PickupPage) and page.stage == "opening":
                self.host.update(replace(page, stage="door_open",
                                         message=Msg.of("results.locker.open", door=door)))

    def _door_failed(self, session: Any, door: int, error: Any) -> None:
        log.warning("locker door %s did not open: %s (handover already recorded; staff needed)",
                    door, getattr(error, "code", "no_confirmation"))
        self._set(session, stage="fault", message=Msg.of("results.locker.did_not_open", door=door))

    def door_event(self, kind: str, lock: int) -> None:
        """A locker door event (host lock held): closed ends the pickup, left open is announced."""
        page = self.host.state.page
        if not isinstance(page, PickupPage) or page.door != lock:
            return
        if kind == "door_closed" and page.stage in ("door_open", "left_open", "opening"):
            self.host.update(replace(page, stage="done", message=Msg("results.locker.closed")))
        elif kind == "door_left_open" and page.stage in ("door_open", "opening"):
            log.warning("locker door %s left open after a pickup", lock)
            self.host.update(replace(page, stage="left_open",
                                     message=Msg.of("results.locker.left_open", door=lock)))

    def _set(self, session: Any, **changes: Any) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is session and isinstance(page, PickupPage):
                self.host.update(replace(page, **changes))
