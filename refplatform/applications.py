"""Applications (办件): acceptance, status with timeline, listing and supplements (补正)."""
from __future__ import annotations

import secrets

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from refplatform import clock, db
from refplatform.catalog import Service
from refplatform.models import ApplicationIn, MaterialIn, SupplementIn
from refplatform.persons import require_person
from refplatform.problems import ProblemError

STATUSES = ("accepted", "rejected", "in_review", "supplement_required", "decided_approved",
            "decided_denied", "result_ready", "delivered")
STEP_NOTES = {"received": "窗口收件（自助终端提交）", "accepted": "受理", "rejected": "不予受理",
              "supplemented": "申请人已补正材料", "in_review": "审核"}


def new_application_no(when) -> str:  # noqa: ANN001
    """A 申办流水号-style number: SL + date + 8 random hex characters."""
    return f"SL{when:%Y%m%d}{secrets.token_hex(4).upper()}"


def check_materials(conn: Connection, person_ref: str, materials: list[MaterialIn]) -> None:
    """Every certificate belongs to the person and every upload exists, else 422."""
    for i, m in enumerate(materials):
        if m.via == "certificate":
            ok = m.cert_id and conn.execute(select(db.certificates.c.cert_id).where(
                db.certificates.c.cert_id == m.cert_id, db.certificates.c.person_ref == person_ref)).first()
            if not ok:
                raise ProblemError("certificate_unknown", f"materials[{i}]: cert_id is not a certificate "
                                   "of this person")
        if m.via == "upload":
            ok = m.upload_id and conn.execute(select(db.uploads.c.upload_id).where(
                db.uploads.c.upload_id == m.upload_id)).first()
            if not ok:
                raise ProblemError("upload_unknown", f"materials[{i}]: upload_id was not uploaded "
                                   "(POST /uploads first)")


def add_step(conn: Connection, application_no: str, at: str, step: str, department: str, note: str) -> None:
    """Append one timeline entry."""
    conn.execute(insert(db.timeline).values(application_no=application_no, at=at, step=step,
                                            department=department, note=note))


def create(conn: Connection, services: dict[str, Service], req: ApplicationIn, kiosk_id: str) -> dict:
    """Accept (or refuse, 不予受理) an application; materials required by a service must be listed."""
    require_person(conn, req.person_ref)
    codes = list(dict.fromkeys(req.items))
    unknown = [c for c in codes if c not in services]
    if unknown:
        raise ProblemError("unknown_service", f"unknown service code(s): {', '.join(unknown)[:200]}")
    check_materials(conn, req.person_ref, req.materials)
    given = {m.code for m in req.materials}
    reasons = [{"code": "material_missing", "item": c, "material": mat,
                "text": f"缺少必要材料 {mat}（{services[c].title}）"}
               for c in codes for mat in services[c].required_materials if mat not in given]
    status = "rejected" if reasons else "accepted"
    received = clock.now()
    promised = max(clock.add_working_days(received.date(), services[c].promised_days) for c in codes)
    no = new_application_no(received)
    title = "、".join(services[c].title for c in codes)
    conn.execute(insert(db.applications).values(
        application_no=no, person_ref=req.person_ref, kiosk_id=kiosk_id, bundle=req.bundle, title=title,
        status=status, received_at=clock.iso(received),
        promised_date=None if reasons else promised.isoformat(), form=req.form,
        materials=[m.model_dump(exclude_none=True) for m in req.materials], delivery=req.delivery,
        contact_phone=req.contact_phone, reasons=reasons or None))
    items = []
    for c in codes:
        dept = services[c].department
        conn.execute(insert(db.application_items).values(application_no=no, code=c, department=dept,
                                                         status=status))
        add_step(conn, no, clock.iso(received), "received", dept, STEP_NOTES["received"])
        add_step(conn, no, clock.iso(received), status, dept, STEP_NOTES[status])
        items.append({"code": c, "department": dept, "status": status})
    out = {"application_no": no, "status": status, "received_at": clock.iso(received),
           "promised_date": None if reasons else promised.isoformat(), "items": items}
    if reasons:
        out["reasons"] = reasons
    return out


def _require(conn: Connection, application_no: str):  # noqa: ANN202
    row = conn.execute(select(db.applications).where(
        db.applications.c.application_no == application_no)).first()
    if row is None:
        raise ProblemError("application_unknown", "no application has this number")
    return row


def detail(conn: Connection, application_no: str) -> dict:
    """Status, items, timeline, supplement request and result of one application."""
    row = _require(conn, application_no)
    items = conn.execute(select(db.application_items).where(
        db.application_items.c.application_no == application_no).order_by(db.application_items.c.code))
    steps = conn.execute(select(db.timeline).where(db.timeline.c.application_no == application_no)
                         .order_by(db.timeline.c.at, db.timeline.c.id))
    out = {"application_no": row.application_no, "title": row.title, "status": row.status,
           "received_at": row.received_at, "promised_date": row.promised_date,
           "delivery": row.delivery,
           "items": [{"code": i.code, "department": i.department, "status": i.status} for i in items],
           "timeline": [{"at": s.at, "step": s.step, "department": s.department, "note": s.note}
                        for s in steps]}
    if row.reasons:
        out["reasons"] = row.reasons
    if row.supplement:
        out["supplement"] = row.supplement
    res = conn.execute(select(db.results).where(db.results.c.application_no == application_no)).first()
    if res is not None:
        out["result"] = {"pickup_code": res.pickup_code, "delivery": res.delivery, "ready_at": res.ready_at}
    return out


def list_for(conn: Connection, person_ref: str) -> list[dict]:
    """Summaries of a person's applications, newest first."""
    require_person(conn, person_ref)
    a = db.applications.c
    rows = conn.execute(select(db.applications).where(a.person_ref == person_ref)
                        .order_by(a.received_at.desc(), a.application_no))
    return [{"application_no": r.application_no, "title": r.title, "status": r.status,
             "received_at": r.received_at, "promised_date": r.promised_date} for r in rows]


def supplement(conn: Connection, application_no: str, req: SupplementIn) -> dict:
    """Record supplementary materials (补正) and send the application back to review."""
    row = _require(conn, application_no)
    if row.status != "supplement_required":
        raise ProblemError("supplement_not_required", f"the application is {row.status}, "
                           "not waiting for a supplement")
    check_materials(conn, row.person_ref, req.materials)
    done = conn.execute(update(db.applications).where(
        db.applications.c.application_no == application_no,
        db.applications.c.status == "supplement_required").values(
        status="in_review", supplement=None,
        materials=list(row.materials) + [m.model_dump(exclude_none=True) for m in req.materials])).rowcount
    if not done:
        raise ProblemError("supplement_not_required", "the application is no longer waiting for a supplement")
    dept = conn.execute(select(db.application_items.c.department).where(
        db.application_items.c.application_no == application_no)).scalar() or ""
    at = clock.iso(clock.now())
    conn.execute(update(db.application_items).where(
        db.application_items.c.application_no == application_no).values(status="in_review"))
    add_step(conn, application_no, at, "supplemented", dept, STEP_NOTES["supplemented"])
    return {"status": "in_review"}
