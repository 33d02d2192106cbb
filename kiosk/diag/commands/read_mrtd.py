"""`kiosk-diag read-mrtd`: read an e-passport / travel document over PC/SC with BAC."""
from __future__ import annotations

import argparse

from drivers.base import HalError
from drivers.card_reader.base import IdentityRecord
from drivers.card_reader.pcsc_driver import PcscCardReader
from kiosk.diag.cli import emit
from kiosk.privacy import mask_id, mask_name


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the read-mrtd subcommand."""
    p = subparsers.add_parser("read-mrtd", help="read an e-passport's chip (PC/SC reader, BAC)")
    p.add_argument("--mrz", required=True,
                   help="MRZ line 2 (44 characters for a passport) or the whole MRZ")
    p.add_argument("--reader", default=None, help="PC/SC reader name (default: the first one)")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a document")
    p.add_argument("--no-face", action="store_true", help="skip DG2 (the face image)")
    p.add_argument("--unmasked", action="store_true", help="show name and document number in full")
    p.set_defaults(func=run)


def record_json(rec: IdentityRecord, unmasked: bool) -> dict[str, object]:
    """The DG1 fields for field staff; name and document number masked unless asked."""
    x = rec.extra
    out: dict[str, object] = {
        "document_type": x.get("document_code", ""), "issuing_state": x.get("issuing_state", ""),
        "name": rec.name, "document_number": rec.id_number,
        "nationality": x.get("nationality", ""), "birth_date": rec.birth_date,
        "sex": x.get("sex_mrz", ""), "expiry_date": rec.valid_to,
        "mrz_format": x.get("mrz_format", ""), "lds_version": x.get("lds_version", ""),
        "face_image": {"format": x.get("face_format", ""), "bytes": len(x.get("face_image", b""))},
    }
    if not unmasked:
        out["name"] = mask_name(rec.name)
        out["document_number"] = mask_id(rec.id_number)
    out["missing"] = dict(rec.missing)  # optional files not read (e.g. the face), with the reason
    out["plausibility"] = list(rec.plausibility)
    return out


def run(args: argparse.Namespace) -> int:
    """Open the reader, wait for a document, print its DG1 fields; exit 0 only on success."""
    reader = PcscCardReader("card_reader", reader=args.reader)
    reader.start()
    try:
        rec = reader.read_mrtd(args.mrz, args.timeout, with_face=not args.no_face) \
            .result(args.timeout + 5.0)
    except HalError as exc:
        emit({"error": exc.code, "message": exc.message, "action": exc.action.value,
              "reader": args.reader or reader.diagnostics().get("reader")})
        return 2
    finally:
        reader.stop()
    emit(record_json(rec, args.unmasked))
    return 0
