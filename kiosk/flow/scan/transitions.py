"""The scan journey's transition table."""
from __future__ import annotations

from kiosk.flow.browse.pages import GUIDE
from kiosk.flow.journey import Transition
from kiosk.flow.scan import intents as si
from kiosk.flow.scan.pages import SCAN
from kiosk.flow.state import ATTRACT

TRANSITIONS = (
    Transition.on(si.ScanCode, {ATTRACT}, {SCAN}),
    Transition.on(si.ScanMaterials, {GUIDE}, {SCAN}),
    Transition.on(si.FinishScan, {SCAN}),
)
