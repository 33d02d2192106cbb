"""Staff authentication: ID card + PIN (scrypt, salted) or TOTP (RFC 6238), with a kiosk-wide lockout."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import struct
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}
MAX_FAILURES = 5
LOCKOUT_S = 300.0

log = logging.getLogger(__name__)


def hash_secret(secret: str, salt: bytes) -> str:
    """scrypt(secret, salt) as hex: ID numbers and PINs are only ever stored like this."""
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **SCRYPT).hex()


def totp(secret_b32: str, at: float, step: int = 30, digits: int = 6) -> str:
    """The RFC 6238 code (HMAC-SHA1) of a base32 secret at a Unix time."""
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


@dataclass(frozen=True)
class StaffMember:
    """One registered staff member: a staff number and hashes, never the ID number or PIN."""

    staff_no: str
    salt: str  # hex
    id_hash: str
    pin_hash: str
    totp_secret: str = ""  # base32; empty: no TOTP for this member

    @classmethod
    def enrol(cls, staff_no: str, id_number: str, pin: str, totp_secret: str = "") -> "StaffMember":
        """A new member with a fresh salt (for the enrolment tool and tests)."""
        salt = os.urandom(16)
        return cls(staff_no, salt.hex(), hash_secret(id_number.upper(), salt),
                   hash_secret(pin, salt), totp_secret)

    def matches_card(self, id_number: str) -> bool:
        """True when the card's ID number is this member's."""
        return hmac.compare_digest(self.id_hash, hash_secret(id_number.upper(),
                                                             bytes.fromhex(self.salt)))

    def matches_pin(self, pin: str) -> bool:
        """True when the PIN is this member's."""
        return hmac.compare_digest(self.pin_hash, hash_secret(pin, bytes.fromhex(self.salt)))


class StaffRegistry:
    """The registered staff, read from a JSON file ({"staff": [StaffMember fields, ...]})."""

    def __init__(self, members: list[StaffMember]) -> None:
        self.members = list(members)

    @classmethod
    def load(cls, path: Path) -> "StaffRegistry":
        """Read the registry; a missing file means no staff (staff mode stays closed)."""
        if not Path(path).exists():
            return cls([])
        from kiosk.fileio import FileReadError, read_json
        try:
            data = read_json(path)
            return cls([StaffMember(**m) for m in data.get("staff", [])])
        except (FileReadError, AttributeError, TypeError) as exc:
            # a damaged registry must not stop the kiosk: staff mode stays closed, and says why
            log.error("staff registry %s unusable (%s): staff mode stays closed", path,
                      getattr(exc, "reason", type(exc).__name__))
            return cls([])

    def save(self, path: Path) -> None:
        """Write the registry (0600): hashes only."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"staff": [asdict(m) for m in self.members]}, indent=1))
        path.chmod(0o600)

    def by_card(self, id_number: str) -> StaffMember | None:
        """The member whose ID card this is, or None."""
        return next((m for m in self.members if m.matches_card(id_number)), None)

    def by_number(self, staff_no: str) -> StaffMember | None:
        """The member with this staff number, or None."""
        return next((m for m in self.members if m.staff_no == staff_no), None)


@dataclass(frozen=True)
class AuthResult:
    """The outcome of one attempt: ok with the staff number, or a reason key and lockout time."""

    ok: bool
    staff_no: str = ""
    reason: str = ""  # "bad_credentials" | "locked" | "unknown_card"
    locked_for_s: int = 0


class StaffAuthenticator:
    """Checks credentials; after MAX_FAILURES failures every attempt is refused for LOCKOUT_S.

    The lockout is kiosk-wide (not per card) so that trying other cards or numbers does not help.
    `clock` is monotonic time; `wall` is Unix time for TOTP.
    """

    def __init__(self, registry: StaffRegistry, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time, max_failures: int = MAX_FAILURES,
                 lockout_s: float = LOCKOUT_S) -> None:
        self.registry = registry
        self.clock, self.wall = clock, wall
        self.max_failures, self.lockout_s = max_failures, lockout_s
        self.failures = 0
        self.locked_until = 0.0

    def locked_for(self) -> int:
        """Seconds of lockout left (0 when attempts are accepted)."""
        return max(0, round(self.locked_until - self.clock()))

    def card_and_pin(self, id_number: str, pin: str) -> AuthResult:
        """A staff ID card read by the reader plus the PIN typed on screen."""
        if self.locked_for():
            return AuthResult(False, reason="locked", locked_for_s=self.locked_for())
        member = self.registry.by_card(id_number) if id_number else None
        if member is None or not pin or not member.matches_pin(pin):
            return self._fail()
        return self._ok(member)

    def totp_code(self, staff_no: str, code: str) -> AuthResult:
        """A staff number plus the current TOTP code (one step of clock drift either way)."""
        if self.locked_for():
            return AuthResult(False, reason="locked", locked_for_s=self.locked_for())
        member = self.registry.by_number(staff_no) if staff_no else None
        now = self.wall()
        if member is None or not member.totp_secret or not code or not any(
                hmac.compare_digest(totp(member.totp_secret, now + d * 30), code)
                for d in (-1, 0, 1)):
            return self._fail()
        return self._ok(member)

    def _ok(self, member: StaffMember) -> AuthResult:
        self.failures = 0
        return AuthResult(True, staff_no=member.staff_no)

    def _fail(self) -> AuthResult:
        self.failures += 1
        if self.failures >= self.max_failures:
            self.failures = 0
            self.locked_until = self.clock() + self.lockout_s
            return AuthResult(False, reason="locked", locked_for_s=self.locked_for())
        return AuthResult(False, reason="bad_credentials")
