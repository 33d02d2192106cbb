"""Identity verification, shared data and e-certificates of residents."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from drivers.card_reader import gb11643
from kiosk.privacy import mask_name
from refplatform import db
from refplatform.models import VerifyIn
from refplatform.problems import ProblemError

ASSURANCE = {"id_card": "high", "e_id": "high", "passport": "substantial", "typed": "low"}


def _need(value: str | None, field: str, method: str) -> str:
    if not value:
        raise ProblemError("validation_failed", f"{field} is required for method {method}",
                           errors=[{"loc": [field], "msg": "Field required"}])
    return value


def _valid_id(id_number: str) -> str:
    if not gb11643.is_valid(id_number):
        raise ProblemError("validation_failed", "id_number is not a valid GB 11643 number "
                           "(length, birth date or check character)",
                           errors=[{"loc": ["id_number"], "msg": "invalid GB 11643 number"}])
    return id_number.upper()


def verify(conn: Connection, req: VerifyIn) -> dict:
    """Find the person behind the identity data; 404 person_unknown when nobody matches."""
    p = db.persons.c
    if req.method in ("id_card", "typed"):
        id_number = _valid_id(_need(req.id_number, "id_number", req.method))
        if req.method == "typed":
            _need(req.name, "name", req.method)
        cond = [p.id_number == id_number]
    elif req.method == "passport":
        cond = [p.passport_no == _need(req.document_number, "document_number", req.method).upper(),
                p.nationality == _need(req.nationality, "nationality", req.method).upper()]
    else:
        cond = [p.e_id_token == _need(req.e_id_token, "e_id_token", req.method)]
    row = conn.execute(select(db.persons).where(*cond)).first()
    if row is None or (req.name and req.name != row.name):
        raise ProblemError("person_unknown", "no resident matches this identity data")
    return {"person_ref": row.person_ref, "assurance": ASSURANCE[req.method],
            "display_name": mask_name(row.name)}


def require_person(conn: Connection, person_ref: str):  # noqa: ANN201
    """The person row, or 404 person_unknown."""
    row = conn.execute(select(db.persons).where(db.persons.c.person_ref == person_ref)).first()
    if row is None:
        raise ProblemError("person_unknown", "no resident has this person_ref")
    return row


def shared_data(conn: Connection, person_ref: str) -> dict:
    """The person's shared data fields with their source registers."""
    return {"fields": require_person(conn, person_ref).shared_data}


def certificates(conn: Connection, person_ref: str) -> list[dict]:
    """The person's e-certificates (metadata only)."""
    require_person(conn, person_ref)
    c = db.certificates.c
    rows = conn.execute(select(db.certificates).where(c.person_ref == person_ref).order_by(c.cert_id))
    return [{"cert_id": r.cert_id, "type_code": r.type_code, "name": r.name, "issuer": r.issuer,
             "issued_on": r.issued_on, "valid_to": r.valid_to} for r in rows]
