"""Turn TOML tables into frozen catalog objects, checking each element and its consistency."""
from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.catalog import model as m
from kiosk.catalog.schema import MAX_NAME, Reader

ID = r"[a-z][a-z0-9_]*"
CODE = r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+"
VERSION = r"\d+(\.\d+){0,2}"
PHONE = r"(\d{3,4}-\d{7,8}|12345)"
URL = r"https://\S+"
COURIER_MODES = ("courier_result", "courier_submit", "courier_both")
ZERO_VISIT_MODES = ("fully_online", "courier_both", "appointment_visit")
_MATERIAL_ATTRS = ("e_certificate", "scan", "commitment", "deferrable")


@dataclass
class Libraries:
    """Shared definitions that item files refer to by id."""

    departments: dict[str, m.Department]
    materials: dict[str, m.Material]
    fields: dict[str, m.FormField]


def parse_departments(r: Reader) -> dict[str, m.Department]:
    """_departments.toml: one table per department id."""
    out: dict[str, m.Department] = {}
    for dept_id in list(r.data):
        d = r.table(dept_id)
        if d is None:
            continue
        if not isinstance(r.data[dept_id], dict):
            continue
        before = len(r.problems)
        name, address = d.text("name"), d.text("address")
        hours = d.hours("window_hours")
        dept = m.Department(dept_id, name, address, hours, d.string("enquiry_phone", pattern=PHONE),
                            d.string("supervision_phone", pattern=PHONE),
                            d.string("online_url", pattern=URL))
        d.finish()
        if len(r.problems) == before:
            out[dept_id] = dept
    return out


def _material_body(r: Reader, mat_id: str) -> m.Material:
    flags = {k: r.boolean(k, required=False) for k in _MATERIAL_ATTRS}
    return m.Material(
        id=mat_id, name=r.text("name", max_len=MAX_NAME), trust_level=r.choice("trust_level", m.TRUST_LEVELS),
        originals=r.integer("originals", False, 1, 0, 9), copies=r.integer("copies", False, 0, 0, 9),
        required=r.boolean("required", False, True), source=r.text("source", False),
        sample=r.string("sample", False), note=r.text("note", False), **flags)


def _check_material(r: Reader, mat: m.Material) -> None:
    if mat.e_certificate and mat.trust_level != "A":
        r.report("trust_level", "an e-certificate must have trust level A (issued by an agency)")
    if mat.originals + mat.copies == 0 and not (mat.e_certificate or mat.commitment):
        r.report("originals", "0 originals and 0 copies: say how many, or mark e_certificate/commitment")
    if mat.deferrable and not mat.required:
        r.report("deferrable", "only a required material can be supplied later (容缺后补)")


def parse_material_library(r: Reader) -> dict[str, m.Material]:
    """_materials.toml: one table per stable material id."""
    out: dict[str, m.Material] = {}
    for mat_id in list(r.data):
        t = r.table(mat_id)
        if t is None or not isinstance(r.data[mat_id], dict):
            continue
        before = len(r.problems)
        mat = _material_body(t, mat_id)
        _check_material(t, mat)
        t.finish()
        if len(r.problems) == before:
            out[mat_id] = mat
    return out


def _field_body(r: Reader, field_id: str) -> m.FormField:
    ftype = r.choice("type", m.FIELD_TYPES)
    choices = r.strings("choices", required=ftype == "choice") if ftype == "choice" or r.has("choices") else ()
    if choices and ftype != "choice":
        r.report("choices", "only a field of type \"choice\" has choices")
    return m.FormField(field_id, r.text("label"), ftype, r.boolean("required", False, True), choices)


def parse_field_library(r: Reader) -> dict[str, m.FormField]:
    """_fields.toml: one table per shared form-field id."""
    out: dict[str, m.FormField] = {}
    for field_id in list(r.data):
        t = r.table(field_id)
        if t is None or not isinstance(r.data[field_id], dict):
            continue
        before = len(r.problems)
        fld = _field_body(t, field_id)
        t.finish()
        if len(r.problems) == before:
            out[field_id] = fld
    return out


def _item_material(r: Reader, libs: Libraries) -> m.Material | None:
    if r.has("ref"):
        ref = r.string("ref")
        base = libs.materials.get(ref)
        if base is None:
            r.report("ref", f"unknown material {ref!r} (not in _materials.toml)")
            return None
        changes = {}
        for key in ("originals", "copies"):
            if r.has(key):
                changes[key] = r.integer(key, True, 0, 0, 9)
        for key in ("required", "deferrable", "commitment"):
            if r.has(key):
                changes[key] = r.boolean(key)
        if r.has("note"):
            changes["note"] = r.text("note")
        mat = replace(base, **changes)
    else:
        mat_id = r.string("id", pattern=ID)
        if mat_id in libs.materials:
            r.report("id", f"material {mat_id!r} is defined in _materials.toml: use ref = \"{mat_id}\"")
        mat = _material_body(r, mat_id)
    _check_material(r, mat)
    r.finish()
    return mat


def _item_field(r: Reader, libs: Libraries) -> m.FormField | None:
    if r.has("ref"):
        ref = r.string("ref")
        base = libs.fields.get(ref)
        if base is None:
            r.report("ref", f"unknown form field {ref!r} (not in _fields.toml)")
            return None
        fld = replace(base, required=r.boolean("required", False, base.required))
    else:
        field_id = r.string("id", pattern=ID)
        if field_id in libs.fields:
            r.report("id", f"field {field_id!r} is defined in _fields.toml: use ref = \"{field_id}\"")
        fld = _field_body(r, field_id)
    r.finish()
    return fld


def _unique(r: Reader, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            r.report(f"{key}[{index}]", f"duplicate id {ident!r}")
        seen.add(ident)


def parse_item(r: Reader, libs: Libraries) -> m.ServiceItem | None:
    """One service item file; None when anything in it is wrong (problems are recorded)."""
    before = len(r.problems)
    dept_id = r.string("department")
    dept = libs.departments.get(dept_id)
    if dept_id and dept is None:
        r.report("department", f"unknown department {dept_id!r} (not in _departments.toml)")
    result = r.table("result")
    fee = r.table("fee")
    materials = [_item_material(t, libs) for t in r.tables("materials")]
    fields = [_item_field(t, libs) for t in r.tables("fields")]
    questions = []
    for q in r.tables("eligibility", required=False):
        questions.append(m.EligibilityQuestion(q.string("id", pattern=ID), q.text("question"),
                                               q.choice("ineligible_answer", m.ANSWERS), q.text("instead")))
        q.finish()
    faqs = []
    for f in r.tables("faq", required=False):
        faqs.append(m.Faq(f.text("q"), f.text("a")))
        f.finish()
    fee_obj = None
    if fee is not None:
        amount = fee.number("amount_yuan")
        fee_obj = m.Fee(amount, fee.text("text"), fee.text("basis", required=amount > 0))
        fee.finish()
    res_name, res_sample, delivery = None, "", ()
    if result is not None:
        res_name = result.text("name")
        res_sample = result.string("sample")
        delivery = result.choices("delivery", m.DELIVERY)
        result.finish()
    item = m.ServiceItem(
        code=r.string("code", pattern=CODE), name=r.text("name", max_len=MAX_NAME),
        item_type=r.choice("type", m.ITEM_TYPES), department=dept,
        implementing_body=r.text("implementing_body", False) or (dept.name if dept else None),
        legal_basis=r.texts("legal_basis"), conditions=r.text("conditions"),
        legal_limit_days=r.integer("legal_limit_days", low=0, high=365),
        promised_limit_days=r.integer("promised_limit_days", low=0, high=365),
        result_name=res_name, result_sample=res_sample, result_delivery=delivery, fee=fee_obj,
        materials=tuple(x for x in materials if x), process=r.texts("process"),
        channels=r.choices("channels", m.CHANNELS), review_standard=r.text("review_standard"),
        scope=r.choice("scope", m.SCOPES), scope_note=r.text("scope_note", False),
        appointment=r.boolean("appointment"), online_payment=r.boolean("online_payment"),
        courier=r.boolean("courier"),
        place=r.text("place", False) or (dept.address if dept else None),
        window_hours=r.hours("window_hours", False, dept.window_hours if dept else None),
        self_service_hours=r.hours("self_service_hours"),
        enquiry_phone=r.string("enquiry_phone", False, dept.enquiry_phone if dept else "", PHONE),
        supervision_phone=r.string("supervision_phone", False,
                                   dept.supervision_phone if dept else "", PHONE),
        online_url=r.string("online_url", False, dept.online_url if dept else "", URL),
        faq=tuple(faqs), modes=r.choices("modes", m.MODES), visits=r.integer("visits", low=0, high=1),
        eligibility=tuple(questions), devices=r.choices("devices", m.DEVICES, allow_empty=True),
        fields=tuple(x for x in fields if x), version=r.string("version", pattern=VERSION),
        updated=r.day("updated"), theme=r.choice("theme", m.THEMES),
        life_events=r.choices("life_events", m.LIFE_EVENTS, allow_empty=True),
        keywords_zh=r.strings("keywords_zh", False), keywords_en=r.strings("keywords_en", False),
        sample_data=r.boolean("sample_data"), source_file=r.file,
        identity_ways=r.choices("identity_ways", m.IDENTITY_WAYS, False) or m.IDENTITY_WAYS,
        assurance=r.choice("assurance", m.ASSURANCE_LEVELS, False))
    r.finish()
    if len(r.problems) == before:
        _check_item(r, item)
    return item if len(r.problems) == before else None


def _check_item(r: Reader, it: m.ServiceItem) -> None:
    """Consistency rules between elements of one guide."""
    if it.legal_limit_days and it.promised_limit_days > it.legal_limit_days:
        r.report("promised_limit_days", "promised limit is longer than the legal limit")
    if "on_the_spot" in it.modes and it.promised_limit_days != 0:
        r.report("modes", "即办件 (on_the_spot) needs promised_limit_days = 0")
    if "committed" in it.modes and it.promised_limit_days == 0:
        r.report("modes", "承诺件 (committed) needs promised_limit_days > 0")
    if it.visits == 0 and not set(ZERO_VISIT_MODES) & set(it.modes):
        r.report("visits", "0 visits needs a mode of " + ", ".join(ZERO_VISIT_MODES))
    if it.courier != bool(set(COURIER_MODES) & set(it.modes)):
        r.report("courier", "courier must be true exactly when a courier_* mode is offered")
    if "appointment_visit" in it.modes and not it.appointment:
        r.report("appointment", "appointment_visit mode offered but appointment = false")
    if it.online_payment and it.fee.free:
        r.report("online_payment", "online payment offered for a free service")
    if it.devices and "kiosk" not in it.channels:
        r.report("devices", "devices listed but \"kiosk\" is not in channels")
    if "kiosk" in it.channels and not it.devices:
        r.report("devices", "a kiosk service must list the devices it needs")
    if any(mat.scan for mat in it.materials if mat.must_bring) and "kiosk" in it.channels \
            and "document_camera" not in it.devices:
        r.report("devices", "materials are scanned at the kiosk but document_camera is not listed")
    if "e_certificate" in it.result_delivery and "online" not in it.channels:
        r.report("result.delivery", "e-certificate delivery needs the online channel")
    _unique(r, "materials", [x.id for x in it.materials])
    _unique(r, "fields", [x.id for x in it.fields])
    _unique(r, "eligibility", [x.id for x in it.eligibility])


def parse_bundle(r: Reader) -> m.Bundle | None:
    """One bundle file; item codes are resolved later against the whole catalog."""
    before = len(r.problems)
    bundle = m.Bundle(
        id=r.string("id", pattern=ID), name=r.text("name", max_len=MAX_NAME),
        description=r.text("description"),
        theme=r.choice("theme", m.THEMES), life_events=r.choices("life_events", m.LIFE_EVENTS),
        item_codes=r.strings("items"), keywords_zh=r.strings("keywords_zh", False),
        keywords_en=r.strings("keywords_en", False), version=r.string("version", pattern=VERSION),
        updated=r.day("updated"), hotline=r.string("hotline", pattern=PHONE),
        sample_data=r.boolean("sample_data"), source_file=r.file)
    r.finish()
    if len(bundle.item_codes) < 2 and len(r.problems) == before:
        r.report("items", "a bundle needs at least 2 items")
    return bundle if len(r.problems) == before else None
