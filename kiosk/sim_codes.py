"""Codes the simulated QR camera shows in demos: the kiosk's own, signed with this kiosk's key."""
from __future__ import annotations

import time

from kiosk import codes

DEMO_PICKUP_ID = "PK20240042"
DEMO_RECEIPT_NO = "R2024051800017"
DEMO_EID_TOKEN = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"  # fictitious


def demo_code(kind: str) -> str:
    """QR text of a valid demo code of this kind ("pickup", "receipt" or "eid"), built now."""
    now = int(time.time())
    if kind == "pickup":
        return codes.build_pickup(DEMO_PICKUP_ID, now + 3600)
    if kind == "receipt":
        return codes.build_receipt(DEMO_RECEIPT_NO)
    if kind == "eid":
        return codes.build_eid(DEMO_EID_TOKEN, now - 5, now + 290)
    raise ValueError(f"no demo code of kind {kind!r}; known: pickup, receipt, eid")
