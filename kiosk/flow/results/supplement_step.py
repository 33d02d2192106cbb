"""补正 at the kiosk: each material captured on the document camera or taken from an e-certificate,
sent through the outbox as a supplement, then a printed supplement receipt that tells the truth."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drivers.document_camera.base import PAGE_CAPTURED
from drivers.printer.base import PrintJob
from kiosk.flow.results import access
from kiosk.flow.results.pages import SUPPLEMENT, Material, SupplementPage
from kiosk.flow.results.supplement_receipt import supplement_receipt_bytes
from kiosk.flow.scan.preview import CameraFeed
from kiosk.i18n import Msg
from kiosk.outbox import ACCEPTED, FAILED, QUEUED, REJECTED, UploadFile

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
PAGES_KEY = "results2_supplement_pages"  # session: material code -> captured page images
PDFS_KEY = "results2_supplement_pdfs"  # session: material code -> assembled PDF bytes
CERTS_KEY = "results2_supplement_certs"  # session: material code -> chosen cert_id


def _build_pdf(pages: list) -> bytes:
    from kiosk.documents.pdf import build_pdf  # OpenCV: not at start-up
    return build_pdf(pages)


def materials_of(request: Any) -> tuple[Material, ...]:
    """The materials a platform 补正 request names (strings or {code|name} objects)."""
    out = []
    for m in (request or {}).get("materials", []) or []:
        code = m.get("code", m.get("name", "")) if isinstance(m, dict) else m
        if code:
            out.append(Material(str(code)))
    return tuple(out)


class SupplementStep:
    """Runs one 补正 answer per session; the person_ref comes from the verified card holder."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.person_ref: str | None = None
        self.local_ref: str | None = None  # the outbox item of this session's supplement
        self.sent: set[str] = set()  # applications whose supplement this session stored
        self.printed = ""  # the outcome a receipt was printed for
        self._outcomes: dict[str, Any] = {}
        self._listening: set[int] = set()

    def reset(self) -> None:
        """Session over: forget the person and the item reference."""
        self.person_ref, self.local_ref, self.printed = None, None, ""
        self.sent.clear()
        self._outcomes.clear()

    # --- open -----------------------------------------------------------------------------
    def open(self, application_no: str, request: Any, person_ref: str) -> None:
        """Show what is needed (host lock held); the person's e-certificates are looked up."""
        self.person_ref, self.local_ref, self.printed = person_ref, None, ""
        session = self.host.session
        for key in (PAGES_KEY, PDFS_KEY, CERTS_KEY):  # a second try starts from nothing
            session.put(key, {})
        page = SupplementPage(application_no, str(request.get("reason", "")),
                              str(request.get("due", request.get("due_date", ""))),
                              materials_of(request), message=Msg("results2.supplement.hint"),
                              feed=CameraFeed(self.host.devices.document_camera))
        self.host.show(SUPPLEMENT, page, remember=True)
        client = access.platform(self.host)
        if client is not None:
            session = self.host.session
            future = self.host.executor.submit(client.certificates, person_ref)
            future.add_done_callback(lambda f: self._certificates(f, session))

    def _certificates(self, future: Any, session: Any) -> None:
        with self.host.lock:
            page = self._page(session)
            if page is None or future.exception() is not None:
                return
            certs = future.result()
            materials = tuple(replace(m, certificates=tuple((c.cert_id, c.name) for c in certs
                                                            if c.type_code == m.code))
                              for m in page.materials)
            self.host.update(replace(page, materials=materials))

    def _page(self, session: Any) -> SupplementPage | None:
        page = self.host.state.page
        ok = self.host.session is session and isinstance(page, SupplementPage)
        return page if ok else None

    # --- supplying each material -----------------------------------------------------------
    def select(self, page: SupplementPage, index: int) -> None:
        """Work on another material."""
        if 0 <= index < len(page.materials) and page.stage == "collect":
            self.host.update(replace(page, current=index, message=None))

    def camera_event(self, event: Any) -> None:
        """A page captured on the document camera belongs to the current material (lock held)."""
        page = self.host.state.page
        session = self.host.session
        if event.kind != PAGE_CAPTURED or page.stage != "collect" or session is None:
            return
        material = page.materials[page.current] if page.materials else None
        if material is None or material.supplied:
            return
        store = session.get(PAGES_KEY)
        if store is None:
            store = {}
            session.put(PAGES_KEY, store)
        store.setdefault(material.code, []).append(event.data["image"])
        self._set_material(page, replace(material, pages=len(store[material.code])),
                           Msg.of("results2.supplement.pages", pages=len(store[material.code])))

    def finish_material(self, page: SupplementPage) -> None:
        """The current material's pages -> one PDF, assembled on a worker (lock held)."""
        session = self.host.session
        material = page.materials[page.current] if page.materials else None
        if material is None or page.stage != "collect" or material.supplied:
            return
        pages = list((session.get(PAGES_KEY) or {}).get(material.code, []))
        if not pages:
            self.host.update(replace(page, message=Msg("results2.supplement.no_pages")))
            return
        self.host.update(replace(page, stage="assembling", message=Msg("scan.doc.assembling")))
        future = self.host.executor.submit(_build_pdf, pages)
        future.add_done_callback(lambda f: self._assembled(f, session, material.code))

    def _assembled(self, future: Any, session: Any, code: str) -> None:
        with self.host.lock:
            page = self._page(session)
            if page is None:
                return
            error = future.exception()
            if error is not None:
                log.error("supplement PDF not assembled: %s", type(error).__name__)
                self.host.update(replace(page, stage="collect", message=Msg("scan.doc.pdf_failed")))
                return
            pdfs = session.get(PDFS_KEY)
            if pdfs is None:
                pdfs = {}
                session.put(PDFS_KEY, pdfs)
            pdfs[code] = bytes(future.result())
            index = next(i for i, m in enumerate(page.materials) if m.code == code)
            page = replace(page, stage="collect")
            self._set_material(page, replace(page.materials[index], supplied="capture"),
                               Msg("results2.supplement.material_ready"), index)

    def use_certificate(self, page: SupplementPage, cert_id: str) -> None:
        """The current material is one of the resident's own e-certificates (lock held)."""
        material = page.materials[page.current] if page.materials else None
        if material is None or page.stage != "collect":
            return
        if cert_id not in {c for c, _ in material.certificates}:
            self.host.update(replace(page, message=Msg("results2.supplement.cert_unknown")))
            return
        session = self.host.session
        certs = session.get(CERTS_KEY) or {}
        certs[material.code] = cert_id
        session.put(CERTS_KEY, certs)
        self._set_material(page, replace(material, supplied="certificate"),
                           Msg("results2.supplement.material_ready"))

    def _set_material(self, page: SupplementPage, material: Material, msg: Msg,
                      index: int | None = None) -> None:
        index = page.current if index is None else index
        materials = page.materials[:index] + (material,) + page.materials[index + 1:]
        current = page.current
        if material.supplied:  # move on to the next material still missing
            current = next((i for i, m in enumerate(materials) if not m.supplied), current)
        self.host.update(replace(page, materials=materials, current=current, message=msg))

    # --- send and receipt ------------------------------------------------------------------
    def send(self, page: SupplementPage) -> None:
        """Store the supplement in the outbox once every material is supplied (lock held)."""
        if page.stage != "collect":
            return  # already stored: a second tap never sends it twice
        missing = [m.code for m in page.materials if not m.supplied]
        if missing:
            self.host.update(replace(page, message=Msg.of("results2.supplement.missing",
                                                          materials="、".join(missing))))
            return
        outbox = access.outbox(self.host)
        if outbox is None:
            self.host.update(replace(page, message=Msg("results.error.no_platform")))
            return
        session = self.host.session
        certs = session.get(CERTS_KEY) or {}
        pdfs = session.get(PDFS_KEY) or {}
        materials, uploads = [], []
        for m in page.materials:
            if m.supplied == "certificate":
                materials.append({"code": m.code, "via": "certificate", "cert_id": certs[m.code]})
            else:
                materials.append({"code": m.code, "via": "upload", "upload_index": len(uploads)})
                uploads.append(UploadFile(m.code, pdfs[m.code]))
        if id(outbox) not in self._listening:
            self._listening.add(id(outbox))
            outbox.add_listener(self.on_outbox)
        self.host.update(replace(page, stage="storing", message=Msg("results2.supplement.storing")))
        future = outbox.enqueue_async("supplement", {"application_no": page.application_no,
                                                     "materials": materials},
                                      uploads, summary="supplement")
        future.add_done_callback(lambda f: self._stored(f, session, outbox))

    def _stored(self, future: Any, session: Any, outbox: Any) -> None:
        with self.host.lock:
            page = self._page(session)
            if page is None:
                return
            error = future.exception()
            if error is not None:
                log.error("supplement not stored in the outbox: %s", type(error).__name__)
                self.host.update(replace(page, stage="collect",
                                         message=Msg("results2.supplement.not_stored")))
                return
            entry = future.result()
            self.local_ref = entry.local_ref
            self.sent.add(page.application_no)
            session.put(PAGES_KEY, {})  # the sealed outbox holds the materials now
            session.put(PDFS_KEY, {})
            seen = self._outcomes.get(entry.local_ref)  # the listener may have heard it first
            if seen is not None and (seen.state != QUEUED or seen.attempts > 0):
                self._outcome(page, seen)
            elif getattr(outbox.sender, "reachable", None) is False:
                self._outcome(page, entry, queued=True)
            else:
                self.host.update(replace(page, stage="sending",
                                         message=Msg("results2.supplement.sending")))

    def on_outbox(self, entry: Any) -> None:
        """Outbox listener (sender thread): follow this session's supplement."""
        with self.host.lock:
            self._outcomes[entry.local_ref] = entry
            page = self.host.state.page
            if entry.local_ref == self.local_ref and isinstance(page, SupplementPage):
                self._outcome(page, entry)

    def _outcome(self, page: SupplementPage, entry: Any, queued: bool = False) -> None:
        if entry.state == ACCEPTED:
            self._finish(page, "accepted", Msg.of("results2.supplement.accepted",
                                                  number=page.application_no))
        elif entry.state in (REJECTED, FAILED):
            log.warning("supplement %s ended %s", entry.local_ref, entry.state)
            self.host.update(replace(page, stage="failed", message=Msg("results2.supplement.failed")))
        elif entry.state == QUEUED and (queued or entry.attempts > 0):
            self._finish(page, "queued", Msg.of("results2.supplement.queued", reference=entry.local_ref))

    def _finish(self, page: SupplementPage, state: str, msg: Msg) -> None:
        """Tell the resident and print the receipt once per outcome (accepted after queued)."""
        if self.printed == state:
            return
        self.printed = state
        self.host.update(replace(page, stage=state, message=msg,
                                 receipt=Msg("apply.receipt.printing")))
        data = supplement_receipt_bytes(page.application_no, [(m.code, m.supplied) for m in page.materials],
                                        state, self.local_ref or "", self.host.state.language)
        session = self.host.session
        handle = self.host.devices.printer.print_job(PrintJob(data=data, title="supplement"))
        handle.add_done_callback(lambda h: self._printed(h, session))

    def _printed(self, handle: Any, session: Any) -> None:
        with self.host.lock:
            page = self._page(session)
            if page is not None:
                key = "apply.receipt.printed" if handle.exception() is None else "apply.receipt.print_failed"
                self.host.update(replace(page, receipt=Msg(key)))
