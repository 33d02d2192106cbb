"""The mobile e-ID QR code: which token a scanned text carries, or why it is not an e-ID code."""
from __future__ import annotations

import re

from kiosk import codes
from kiosk.i18n import Msg

# a token as the platform's e-ID app shows it directly (the reference platform's seed tokens)
PLATFORM_TOKEN = re.compile(r"EID-[A-Z0-9-]{4,76}")


def eid_token(text: str) -> tuple[str | None, Msg | None]:
    """(token, None) for an e-ID code, else (None, why) in plain words; the token is never logged."""
    value = text.strip()
    if PLATFORM_TOKEN.fullmatch(value):
        return value, None
    if value.startswith("OTK"):
        try:
            payload = codes.parse(value, expect="eid")
        except codes.CodeError as error:
            if error.code == "wrong_type":
                return None, Msg("apply.ident.eid.not_eid")
            return None, Msg(error.message_key)
        except RuntimeError:  # no installation key here: the kiosk cannot check its own codes
            return None, Msg("apply.ident.eid.cannot_check")
        return payload.token, None
    return None, Msg("apply.ident.eid.not_eid")
