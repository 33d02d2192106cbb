"""Deterministic sample data: fictitious residents, shared data, e-certificates, applications, results."""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from drivers.card_reader.gb11643 import check_char
from refplatform import db
from refplatform.catalog import Service
from refplatform.clock import add_working_days

FAR_FUTURE = "2099-12-31T15:59:59Z"


def id_number(body17: str) -> str:
    """A GB 11643 number with its correct check character."""
    return body17 + check_char(body17)


def person_ref(key: str) -> str:
    """A stable opaque person reference."""
    return "PR-" + hashlib.sha256(b"onetrip-seed:" + key.encode()).hexdigest()[:16].upper()


def _f(value, source: str) -> dict:  # noqa: ANN001
    return {"value": value, "source": source}


POP, MCA, HRSS, NHSA = "公安人口库", "民政婚姻登记库", "人社社保库", "医保信息平台"

# Fictitious residents of "示例市" (Sample City); any likeness to real people is accidental.
RESIDENTS = [
    {"key": "zhang", "name": "张伟民", "id": id_number("35010219850307123"), "e_id": "EID-SAMPLE-ZHANG-0001",
     "data": {"gender": "男", "birth_date": "1985-03-07", "ethnicity": "汉族",
              "address": "示例市鼓楼区东街12号3单元501室", "phone": "13800000001",
              "household_register": "示例市鼓楼区东街派出所", "marital_status": "已婚", "insured_status": "职工医保、职工养老在缴",
              "children": [{"name": "张小禾", "birth_date": "2026-10-02", "relation": "子"}]}},
    {"key": "li", "name": "李秀英", "id": id_number("35010319880615242"), "e_id": None,
     "data": {"gender": "女", "birth_date": "1988-06-15", "ethnicity": "汉族",
              "address": "示例市鼓楼区东街12号3单元501室", "phone": "13800000002",
              "household_register": "示例市鼓楼区东街派出所", "marital_status": "已婚", "insured_status": "灵活就业参保",
              "children": [{"name": "张小禾", "birth_date": "2026-10-02", "relation": "子"}]}},
    {"key": "chen", "name": "陈建国", "id": id_number("35012119580101301"), "e_id": "EID-SAMPLE-CHEN-0002",
     "data": {"gender": "男", "birth_date": "1958-01-01", "ethnicity": "汉族",
              "address": "示例市仓山区南路88号", "phone": "13800000003",
              "household_register": "示例市仓山区南路派出所", "marital_status": "丧偶", "insured_status": "退休，职工医保",
              "children": []}},
    {"key": "wang", "name": "王芳", "id": id_number("35010220000229002"), "e_id": None,
     "data": {"gender": "女", "birth_date": "2000-02-29", "ethnicity": "回族",
              "address": "示例市晋安区北路7号", "phone": "13800000004",
              "household_register": "示例市晋安区北路派出所", "marital_status": "未婚", "insured_status": "未参保",
              "children": []}},
    {"key": "smith", "name": "SMITH JOHN", "id": None, "passport": ("E12345678", "GBR"), "e_id": None,
     "data": {"gender": "男", "birth_date": "1979-11-30", "nationality": "GBR",
              "address": "示例市鼓楼区西湖路1号国际公寓2201", "phone": "13800000005",
              "household_register": None, "marital_status": "已婚", "insured_status": "职工医保",
              "children": []}},
]

FIELD_SOURCES = {"name": POP, "gender": POP, "birth_date": POP, "ethnicity": POP, "nationality": "出入境管理",
                 "address": POP, "phone": "实名通信核验", "household_register": POP,
                 "marital_status": MCA, "insured_status": HRSS, "children": "卫健出生医学证明"}

CERTS = [  # (person key, cert suffix, type_code, name, issuer, issued_on, valid_to)
    ("zhang", "ID", "id_card", "居民身份证电子证照", "示例市公安局鼓楼分局", "2015-05-20", "2035-05-20"),
    ("zhang", "HK", "hukou_book", "居民户口簿", "示例市公安局", "2012-03-01", None),
    ("zhang", "MC", "marriage_cert", "结婚证", "示例市鼓楼区民政局", "2019-10-01", None),
    ("zhang", "SS", "social_security_card", "社会保障卡", "示例市人力资源和社会保障局", "2018-07-01", "2028-07-01"),
    ("li", "ID", "id_card", "居民身份证电子证照", "示例市公安局鼓楼分局", "2016-08-01", "2036-08-01"),
    ("li", "MC", "marriage_cert", "结婚证", "示例市鼓楼区民政局", "2019-10-01", None),
    ("li", "BC", "birth_medical_cert", "出生医学证明", "示例市妇幼保健院", "2026-10-05", None),
    ("li", "HK", "hukou_book", "居民户口簿", "示例市公安局", "2012-09-01", None),
    ("chen", "ID", "id_card", "居民身份证电子证照", "示例市公安局仓山分局", "2008-01-10", None),
    ("chen", "RA", "retirement_approval", "退休审批表", "示例市人力资源和社会保障局", "2018-01-05", None),
    ("wang", "ID", "id_card", "居民身份证电子证照", "示例市公安局晋安分局", "2018-03-01", "2028-03-01"),
]

# (application_no, person, service codes, status, received_at, delivery, result)
# result: (pickup_code, delivery, expires_at, collected_at, extra) or None
APPS = [
    ("SL20261102A0000001", "zhang", ["PSB-001"], "accepted", "2026-11-02T01:30:00Z", "window", None),
    ("SL20261020A0000002", "zhang", ["PSB-003"], "rejected", "2026-10-20T02:00:00Z", "window", None),
    ("SL20261025A0000003", "zhang", ["HRSS-005"], "in_review", "2026-10-25T03:10:00Z", "locker", None),
    ("SL20261026A0000004", "zhang", ["DPF-001"], "supplement_required", "2026-10-26T06:45:00Z", "window", None),
    ("SL20261015A0000005", "chen", ["MED-004"], "decided_approved", "2026-10-15T01:05:00Z", "courier", None),
    ("SL20261012A0000006", "chen", ["CIVIL-003"], "decided_denied", "2026-10-12T02:20:00Z", "window", None),
    ("SL20261010A0000007", "zhang", ["PSB-003"], "result_ready", "2026-10-10T01:00:00Z", "kiosk_print",
     ("31415926", "kiosk_print", FAR_FUTURE, None, {})),
    ("SL20261011A0000008", "zhang", ["HRSS-005"], "result_ready", "2026-10-11T01:00:00Z", "locker",
     ("27182818", "locker", FAR_FUTURE, None, {"locker": {"cabinet": "A", "door": 7}})),
    ("SL20261013A0000009", "chen", ["HRSS-006"], "result_ready", "2026-10-13T01:00:00Z", "courier",
     ("16180339", "courier", FAR_FUTURE, None,
      {"courier": {"carrier": "EMS", "tracking_no": "EMS1234567890CN",
                   "status": "in_transit"}})),
    ("SL20260901A0000010", "li", ["HRSS-001"], "result_ready", "2026-09-01T01:00:00Z", "kiosk_print",
     ("14142135", "kiosk_print", "2026-10-01T15:59:59Z", None, {})),
    ("SL20260905A0000011", "li", ["PSB-001"], "delivered", "2026-09-05T01:00:00Z", "kiosk_print",
     ("17320508", "kiosk_print", FAR_FUTURE, "2026-09-20T03:00:00Z", {})),
    ("SL20261014A0000012", "li", ["HEALTH-001", "PSB-002"], "result_ready", "2026-10-14T01:00:00Z", "kiosk_print",
     ("22360679", "kiosk_print", FAR_FUTURE, None, {})),
    ("SL20261016A0000013", "wang", ["MED-001"], "result_ready", "2026-10-16T01:00:00Z", "locker",
     ("26457513", "locker", FAR_FUTURE, None, {"locker": {"cabinet": "B", "door": 12}})),
]

# status -> timeline steps after reception: (step, SPHJDM-style note)
STEPS = {
    "accepted": [("accepted", "受理（承办）")],
    "rejected": [("rejected", "不予受理：申请事项不属于本机关职权范围")],
    "in_review": [("accepted", "受理（承办）"), ("in_review", "审核")],
    "supplement_required": [("accepted", "受理（承办）"), ("supplement_required", "一次性告知补正材料")],
    "decided_approved": [("accepted", "受理（承办）"), ("in_review", "审核"), ("decided_approved", "批准")],
    "decided_denied": [("accepted", "受理（承办）"), ("in_review", "审核"), ("decided_denied", "不予批准")],
    "result_ready": [("accepted", "受理（承办）"), ("in_review", "审核"), ("decided_approved", "批准"),
                     ("result_ready", "办结，结果待领取")],
}
STEPS["delivered"] = STEPS["result_ready"] + [("delivered", "已领取")]


def _promised(services: dict[str, Service], codes: list[str], received: str) -> str:
    start = dt.date.fromisoformat(received[:10])
    return max(add_working_days(start, services[c].promised_days) for c in codes).isoformat()


def _later(ts: str, hours: int) -> str:
    day, rest = ts[:10], ts[10:]
    h = int(rest[1:3]) + hours
    return f"{day}T{h:02d}{rest[3:]}" if h < 24 else ts


def load(engine: Engine, services: dict[str, Service]) -> bool:
    """Insert the sample data once; False when it is already there."""
    refs = {r["key"]: person_ref(r["key"]) for r in RESIDENTS}
    with engine.begin() as conn:
        if conn.execute(select(db.persons.c.person_ref).where(db.persons.c.person_ref == refs["zhang"])).first():
            return False
        for r in RESIDENTS:
            fields = {"name": _f(r["name"], POP)}
            fields.update({k: _f(v, FIELD_SOURCES[k]) for k, v in r["data"].items() if v is not None})
            passport = r.get("passport") or (None, None)
            conn.execute(insert(db.persons).values(
                person_ref=refs[r["key"]], name=r["name"], id_number=r["id"], passport_no=passport[0],
                nationality=passport[1], e_id_token=r["e_id"], shared_data=fields))
        for key, suffix, type_code, name, issuer, issued, valid in CERTS:
            conn.execute(insert(db.certificates).values(
                cert_id=f"EC-{key.upper()}-{suffix}", person_ref=refs[key], type_code=type_code, name=name,
                issuer=issuer, issued_on=issued, valid_to=valid))
        for no, key, codes, status, received, delivery, result in APPS:
            _load_app(conn, services, refs[key], no, codes, status, received, delivery, result)
    return True


def _load_app(conn, services, ref, no, codes, status, received, delivery, result) -> None:  # noqa: ANN001
    title = "、".join(services[c].title for c in codes)
    reasons = [{"code": "out_of_scope", "text": "申请事项不属于本机关职权范围"}] if status == "rejected" else None
    supplement = ({"reason": "残疾评定表缺少医生签字", "materials": ["disability_assessment"],
                   "due": "2026-11-09"} if status == "supplement_required" else None)
    conn.execute(insert(db.applications).values(
        application_no=no, person_ref=ref, kiosk_id="SEED", bundle=None, title=title, status=status,
        received_at=received, promised_date=None if status == "rejected" else _promised(services, codes, received),
        form={}, materials=[], delivery=delivery, contact_phone="13800000000", reasons=reasons,
        supplement=supplement))
    for c in codes:
        dept = services[c].department
        conn.execute(insert(db.application_items).values(application_no=no, code=c, department=dept,
                                                         status=status))
        conn.execute(insert(db.timeline).values(application_no=no, at=received, step="received",
                                                department=dept, note="窗口收件"))
        for hours, (step, note) in enumerate(STEPS[status], start=1):
            conn.execute(insert(db.timeline).values(application_no=no, at=_later(received, hours * 2),
                                                    step=step, department=dept, note=note))
    if result:
        code, rdelivery, expires, collected, extra = result
        conn.execute(insert(db.results).values(
            pickup_code=code, application_no=no, person_ref=ref, title=title, delivery=rdelivery,
            ready_at=_later(received, 8), expires_at=expires, collected_at=collected,
            collected_by="K-WINDOW" if collected else None, collected_via="print" if collected else None,
            locker=extra.get("locker"), courier=extra.get("courier"),
            document={"kind": "ofd", "verify_url": f"https://zwfw.example.gov.cn/verify/{no}"}))
