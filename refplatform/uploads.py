"""PDF uploads of materials: checked with pikepdf, stored as hash and page count."""
from __future__ import annotations

import hashlib
import io
import re
import secrets

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from refplatform import clock, db
from refplatform.problems import ProblemError

MATERIAL_CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def check_request(content_type: str | None, material_code: str | None) -> str:
    """415 unless the body is application/pdf; 400 without a usable X-Material-Code."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/pdf":
        raise ProblemError("unsupported_media_type", f"uploads must be application/pdf, not {media[:60] or 'missing'}")
    if not material_code:
        raise ProblemError("material_code_missing", "X-Material-Code header is required (e.g. id_card)")
    if not MATERIAL_CODE_RE.match(material_code):
        raise ProblemError("validation_failed", "X-Material-Code must be 1-64 characters of A-Z a-z 0-9 _ . -",
                           errors=[{"loc": ["header", "X-Material-Code"], "msg": "bad characters"}])
    return material_code


def count_pages(body: bytes) -> int:
    """Page count of a PDF, or 422 not_a_pdf."""
    if not body.startswith(b"%PDF-"):
        raise ProblemError("not_a_pdf", "the body does not start with %PDF-")
    import pikepdf  # imported on first upload: keeps the server's start-up short

    try:
        with pikepdf.open(io.BytesIO(body)) as pdf:
            pages = len(pdf.pages)
    except Exception:  # pikepdf raises several types for damaged files; all mean "not readable"
        raise ProblemError("not_a_pdf", "the PDF cannot be read (damaged or encrypted)") from None
    if pages < 1:
        raise ProblemError("not_a_pdf", "the PDF has no pages")
    return pages


def store(conn: Connection, kiosk_id: str, material_code: str, body: bytes, pages: int) -> dict:
    """Record the upload and answer with its id, SHA-256 and page count."""
    upload_id = "UP" + secrets.token_hex(8).upper()
    digest = hashlib.sha256(body).hexdigest()
    conn.execute(insert(db.uploads).values(upload_id=upload_id, kiosk_id=kiosk_id, material_code=material_code,
                                           sha256=digest, pages=pages, size=len(body),
                                           created_at=clock.iso(clock.now())))
    return {"upload_id": upload_id, "sha256": digest, "pages": pages, "material_code": material_code}
