"""Fresh cases on demand (tests, demo loops): a new application waiting for a 补正 each call."""
from __future__ import annotations

import secrets

from sqlalchemy import insert

from refplatform import clock, db
from refplatform.seed import person_ref


def new_supplement_case(db_url: str, person_key: str = "zhang",
                        materials: tuple[str, ...] = ("disability_assessment",),
                        reason: str = "残疾评定表缺少医生签字", due: str = "2026-12-31") -> str:
    """Insert an application of a seeded resident in status supplement_required; its number."""
    no = "SL20261127S" + f"{secrets.randbelow(10**7):07d}"
    now = clock.iso(clock.now())
    engine = db.make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(db.applications).values(
                application_no=no, person_ref=person_ref(person_key), kiosk_id="SEED", bundle=None,
                title="残疾人证申领", status="supplement_required", received_at=now, promised_date=due,
                form={}, materials=[], delivery="window", contact_phone="13800000000", reasons=None,
                supplement={"reason": reason, "materials": list(materials), "due": due}))
            conn.execute(insert(db.application_items).values(
                application_no=no, code="DPF-001", department="示例市残疾人联合会",
                status="supplement_required"))
            for step, note in (("received", "窗口收件"), ("accepted", "受理（承办）"),
                               ("supplement_required", "一次性告知补正材料")):
                conn.execute(insert(db.timeline).values(application_no=no, at=now, step=step,
                                                        department="示例市残疾人联合会", note=note))
    finally:
        engine.dispose()
    return no


def new_locker_result(db_url: str, person_key: str, door: int) -> tuple[str, str]:
    """Insert a result ready in a locker door for a seeded resident; (pickup_code, application_no)."""
    return _new_result(db_url, person_key, "locker", {"cabinet": "A", "door": door})


def new_print_result(db_url: str, person_key: str) -> tuple[str, str]:
    """Insert a result printed at the kiosk for a seeded resident; (pickup_code, application_no)."""
    return _new_result(db_url, person_key, "kiosk_print", None)


def _new_result(db_url: str, person_key: str, delivery: str, locker: dict | None) -> tuple[str, str]:
    no = "SL20261127L" + f"{secrets.randbelow(10**7):07d}"
    code = f"{secrets.randbelow(10**8):08d}"
    now = clock.iso(clock.now())
    engine = db.make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(db.applications).values(
                application_no=no, person_ref=person_ref(person_key), kiosk_id="SEED", bundle=None,
                title="就业失业登记证明", status="result_ready", received_at=now, promised_date=None,
                form={}, materials=[], delivery=delivery, contact_phone="13800000000", reasons=None,
                supplement=None))
            conn.execute(insert(db.results).values(
                pickup_code=code, application_no=no, person_ref=person_ref(person_key),
                title="就业失业登记证明", delivery=delivery, ready_at=now,
                expires_at="2099-12-31T15:59:59Z", locker=locker))
    finally:
        engine.dispose()
    return code, no
