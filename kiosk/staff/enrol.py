"""`python -m kiosk.staff.enrol S0042`: add a staff member to config/staff.json (hashes only)."""
from __future__ import annotations

import argparse
import base64
import getpass
import os
import sys
from pathlib import Path

from kiosk.staff.auth import StaffMember, StaffRegistry

DEFAULT_REGISTRY = Path(__file__).resolve().parents[2] / "config" / "staff.json"


def main(argv: list[str] | None = None, ask=getpass.getpass) -> int:
    """Ask for the ID number and PIN (not echoed), store their scrypt hashes and a TOTP secret."""
    p = argparse.ArgumentParser(prog="kiosk-staff-enrol", description=main.__doc__)
    p.add_argument("staff_no")
    p.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    args = p.parse_args(argv)
    id_number, pin = ask("ID number: ").strip(), ask("PIN (6+ digits): ").strip()
    if not id_number or len(pin) < 6 or not pin.isdigit():
        print("enrol: an ID number and a PIN of at least 6 digits are needed", file=sys.stderr)
        return 2
    registry = StaffRegistry.load(args.registry)
    if registry.by_number(args.staff_no) is not None:
        print(f"enrol: {args.staff_no} is already registered", file=sys.stderr)
        return 1
    secret = base64.b32encode(os.urandom(20)).decode()
    registry.members.append(StaffMember.enrol(args.staff_no, id_number, pin, secret))
    registry.save(args.registry)
    print(f"{args.staff_no} enrolled. TOTP secret for the authenticator app: {secret}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
