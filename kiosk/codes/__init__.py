"""The kiosk's own QR payloads (pickup, receipt, mobile e-ID): builders and a strict parser."""
from kiosk.codes.errors import ERROR_KEYS, CodeError
from kiosk.codes.payloads import (EidCode, Payload, PickupCode, ReceiptCode, build_eid,
                                  build_pickup, build_receipt, configure, parse)

__all__ = ["CodeError", "ERROR_KEYS", "EidCode", "Payload", "PickupCode", "ReceiptCode",
           "build_eid", "build_pickup", "build_receipt", "configure", "parse"]
