"""Results by pickup code, the atomic handover at a kiosk, and ratings (好差评)."""
from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from refplatform import clock, db
from refplatform.applications import add_step
from refplatform.models import EvaluationIn, HandoverIn
from refplatform.problems import ProblemError

HANDOVER_VIA = {"print": "kiosk_print", "locker": "locker"}


def _check_pickup(row, person_ref: str, now_iso: str) -> None:  # noqa: ANN001
    """404 / 403 / 410 checks, owner first so a stranger learns nothing about the state."""
    if row is None:
        raise ProblemError("pickup_code_unknown", "no result has this pickup code")
    if row.person_ref != person_ref:
        raise ProblemError("not_owner", "this pickup code belongs to another person")
    if row.collected_at:
        raise ProblemError("already_collected_gone", f"collected at {row.collected_at}",
                           collected_at=row.collected_at)
    if row.expires_at <= now_iso:
        raise ProblemError("expired", f"the pickup code expired at {row.expires_at}; ask at the window")


def _get(conn: Connection, pickup_code: str):  # noqa: ANN202
    return conn.execute(select(db.results).where(db.results.c.pickup_code == pickup_code)).first()


def get(conn: Connection, pickup_code: str, person_ref: str) -> dict:
    """What the kiosk needs to hand a result over."""
    row = _get(conn, pickup_code)
    _check_pickup(row, person_ref, clock.iso(clock.now()))
    out = {"application_no": row.application_no, "title": row.title, "delivery": row.delivery,
           "ready_at": row.ready_at, "expires_at": row.expires_at}
    for key in ("locker", "courier", "document"):
        if getattr(row, key):
            out[key] = getattr(row, key)
    return out


def handover(conn: Connection, pickup_code: str, req: HandoverIn) -> dict:
    """Mark a result collected with one conditional UPDATE: of two racing kiosks exactly one wins."""
    now_iso = clock.iso(clock.now())
    r = db.results.c
    won = conn.execute(update(db.results).where(
        r.pickup_code == pickup_code, r.person_ref == req.person_ref, r.collected_at.is_(None),
        r.expires_at > now_iso, r.delivery == HANDOVER_VIA[req.via],
    ).values(collected_at=now_iso, collected_by=req.kiosk_id, collected_via=req.via)).rowcount
    if won != 1:
        row = _get(conn, pickup_code)
        if row is not None and row.person_ref == req.person_ref and row.collected_at:
            raise ProblemError("already_collected", f"collected at {row.collected_at}",
                               collected_at=row.collected_at)
        _check_pickup(row, req.person_ref, now_iso)
        raise ProblemError("validation_failed", f"via {req.via} does not fit a result delivered by "
                           f"{row.delivery}", errors=[{"loc": ["via"], "msg": "wrong handover channel"}])
    row = _get(conn, pickup_code)
    conn.execute(update(db.applications).where(db.applications.c.application_no == row.application_no)
                 .values(status="delivered"))
    conn.execute(update(db.application_items).where(
        db.application_items.c.application_no == row.application_no).values(status="delivered"))
    note = "自助终端打印交付" if req.via == "print" else "智能柜取件"
    add_step(conn, row.application_no, now_iso, "delivered", f"自助终端 {req.kiosk_id}", note)
    return {"handed_over_at": now_iso, "application_no": row.application_no}


def evaluate(conn: Connection, req: EvaluationIn, kiosk_id: str) -> dict:
    """Store the one rating of an application; a 差评 (levels 1-2) needs a reason or a comment."""
    if req.level <= 2 and not req.reasons and not (req.comment or "").strip():
        raise ProblemError("reason_required", "levels 1 and 2 (差评) need at least one reason code "
                           "or a comment")
    exists = conn.execute(select(db.applications.c.application_no).where(
        db.applications.c.application_no == req.application_no)).first()
    if exists is None:
        raise ProblemError("application_unknown", "no application has this number")
    now_iso = clock.iso(clock.now())
    try:
        with conn.begin_nested():
            conn.execute(insert(db.evaluations).values(
                application_no=req.application_no, kiosk_id=kiosk_id, level=req.level,
                reasons=req.reasons, comment=req.comment, created_at=now_iso))
    except IntegrityError:
        raise ProblemError("already_rated", "this application was already rated (one rating per 办件)") from None
    return {"application_no": req.application_no, "level": req.level, "rated_at": now_iso}
