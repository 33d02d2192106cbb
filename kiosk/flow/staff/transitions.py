"""Staff mode's transition table."""
from __future__ import annotations

from kiosk.flow.journey import Transition
from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF, STAFF_LOGIN
from kiosk.flow.state import ATTRACT

_ON_STAFF = (si.RefreshStaff, si.PrintTestSlip, si.MarkPaperReplaced, si.OpenLockerDoor,
             si.TakeOutOfService, si.BackInService, si.RestartApp, si.RetryOutboxItem,
             si.AcknowledgeCall)

TRANSITIONS = (
    Transition.on(si.CornerTap, {ATTRACT, OUT_OF_SERVICE}, {STAFF_LOGIN}),
    Transition.on(si.ReadStaffCard, {STAFF_LOGIN}),
    Transition.on(si.SubmitPin, {STAFF_LOGIN}, {STAFF}),
    Transition.on(si.SubmitTotp, {STAFF_LOGIN}, {STAFF}),
    Transition.on(si.LeaveStaff, {STAFF_LOGIN, STAFF}, {ATTRACT, OUT_OF_SERVICE}),
) + tuple(Transition.on(intent, {STAFF}) for intent in _ON_STAFF)
