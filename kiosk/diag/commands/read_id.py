"""`kiosk-diag read-id`: read a resident ID card through the real SAM serial driver."""
from __future__ import annotations

import argparse

from drivers.base import HalError
from drivers.card_reader.base import IdentityRecord
from drivers.card_reader.sam_driver import SamCardReader
from kiosk.diag.cli import emit
from kiosk.privacy import mask_address, mask_date, mask_id, mask_name

FIELDS = ("name", "sex", "nation", "birth_date", "address", "id_number", "authority",
          "valid_from", "valid_to")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the read-id subcommand."""
    p = subparsers.add_parser("read-id", help="read a resident ID card (SAM reader on a serial port)")
    p.add_argument("--port", required=True, help="serial device, e.g. /dev/ttyUSB0")
    p.add_argument("--baud", type=int, default=115200, help="baud rate (default 115200)")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a card")
    p.add_argument("--unmasked", action="store_true",
                   help="show name, ID number, birth date and address in full")
    p.set_defaults(func=run)


def record_json(rec: IdentityRecord, unmasked: bool) -> dict:
    """The record's fields for field staff, personal ones masked unless asked; what was missing."""
    out: dict = {f: getattr(rec, f) for f in FIELDS}
    if not unmasked:
        out["name"] = mask_name(rec.name)
        out["id_number"] = mask_id(rec.id_number)
        out["birth_date"] = mask_date(rec.birth_date)
        out["address"] = mask_address(rec.address)
    out["missing"] = dict(rec.missing)  # optional parts not read, with the reason
    out["plausibility"] = list(rec.plausibility)  # findings (codes only): the read is kept
    return out


def run(args: argparse.Namespace) -> int:
    """Open the reader, wait for a card, print its fields; exit 0 only on success."""
    reader = SamCardReader("card_reader", args.port, baud=args.baud, poll_interval=0.2)
    reader.start()
    try:
        rec = reader.read_card(args.timeout).result(args.timeout + 5.0)
    except HalError as exc:
        emit({"error": exc.code, "message": exc.message, "action": exc.action.value,
              "port": args.port})
        return 2
    finally:
        reader.stop()
    emit(record_json(rec, args.unmasked))
    return 0
