"""The platform check behind `kiosk-diag platform check`: reachable, clock in step, signature accepted."""
from __future__ import annotations

import time
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from kiosk.platform_link.client import PlatformClient
from kiosk.platform_link.errors import PlatformError, PlatformRejected

MAX_SKEW_S = 300  # the interface rejects requests more than 300 s off
PROBE_PERSON = "kiosk-diag-probe"


def server_time(value: Any, date_header: str | None) -> float | None:
    """Unix seconds from /health's `time` (Unix number or ISO 8601), else from the Date header."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if parsed.tzinfo is not None:
                return parsed.timestamp()
        except ValueError:
            pass
    if date_header:
        try:
            return parsedate_to_datetime(date_header).timestamp()
        except (TypeError, ValueError):
            return None
    return None


def check_platform(client: PlatformClient) -> dict[str, Any]:
    """Run the three checks; {"ok", "checks": {...}, "message"}: ok only when all three hold."""
    checks: dict[str, Any] = {}
    started = time.time()
    try:
        resp = client.call("health")
        data = resp.json() if resp.content else {}
    except (PlatformError, ValueError) as exc:
        checks["reachable"] = {"ok": False, "detail": str(exc)}
        return {"ok": False, "checks": checks, "error": "unreachable",
                "message": f"the platform does not answer at {client.base}: {exc}"}
    rtt = time.time() - started
    checks["reachable"] = {"ok": True, "status": data.get("status") if isinstance(data, dict) else None,
                           "round_trip_ms": round(rtt * 1000)}
    theirs = server_time(data.get("time") if isinstance(data, dict) else None,
                         resp.headers.get("Date"))
    if theirs is None:
        checks["clock"] = {"ok": False, "detail": "the platform reported no usable time"}
    else:
        skew = (started + rtt / 2) - theirs  # positive: this kiosk's clock is ahead
        checks["clock"] = {"ok": abs(skew) <= MAX_SKEW_S, "skew_s": round(skew, 1),
                           "limit_s": MAX_SKEW_S}
    try:
        client.list_applications(PROBE_PERSON)
        checks["signature"] = {"ok": True}
    except PlatformRejected as exc:
        # any answer but 401 means the signature itself was accepted
        checks["signature"] = {"ok": exc.status != 401, "status": exc.status, "code": exc.code}
    except PlatformError as exc:
        checks["signature"] = {"ok": False, "detail": str(exc)}
    ok = all(c["ok"] for c in checks.values())
    return {"ok": ok, "checks": checks, "error": None if ok else _first_error(checks),
            "message": "platform reachable, clock in step, signature accepted" if ok
            else _message(checks)}


def _first_error(checks: dict[str, Any]) -> str:
    if not checks["clock"]["ok"]:
        return "clock_skew"
    sig = checks["signature"]
    return sig.get("code") or "signature_check_failed"


def _message(checks: dict[str, Any]) -> str:
    clock, sig = checks["clock"], checks["signature"]
    parts = []
    if not clock["ok"]:
        if "skew_s" in clock:
            parts.append(f"this kiosk's clock is {clock['skew_s']:+.0f} s off the platform's "
                         f"(limit ±{MAX_SKEW_S} s): set the time (NTP)")
        else:
            parts.append(clock["detail"])
    if not sig["ok"]:
        code = sig.get("code")
        if code == "signature_invalid":
            parts.append("the platform rejects this kiosk's signature: wrong secret file or kiosk id")
        elif code:
            parts.append(f"the platform rejects signed requests: {code}")
        else:
            parts.append(f"signed request failed: {sig.get('detail')}")
    return "; ".join(parts)
