"""The apply journey's transition table."""
from __future__ import annotations

from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.apply import input_intents as ni
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply import material_intents as mi
from kiosk.flow.apply.material_pages import CAPTURE, SIGN
from kiosk.flow.apply.notice_step import PrintOneTimeNotice
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.browse.pages import GUIDE
from kiosk.flow.journey import Transition

TRANSITIONS = (
    Transition.on(ai.StartApply, {GUIDE}, {IDENTIFY}),
    Transition.on(ai.ReadIdCard, {IDENTIFY}, {FORM}),
    Transition.on(ai.TypeIdentity, {IDENTIFY}, {FORM}),
    Transition.on(ii.ChooseIdentityWay, {IDENTIFY}),
    Transition.on(ii.TypeIdentityField, {IDENTIFY}),
    Transition.on(ii.ReadPassport, {IDENTIFY}, {FORM}),
    Transition.on(ii.ScanMrz, {IDENTIFY}),
    Transition.on(ii.SubmitTypedIdentity, {IDENTIFY}, {FORM}),
    Transition.on(ai.TypeField, {FORM}),
    Transition.on(ai.FormDone, {FORM}, {MATERIALS}),
    Transition.on(ai.ChooseMaterial, {MATERIALS}, {CAPTURE, SIGN}),
    Transition.on(mi.FinishCapture, {CAPTURE}, {MATERIALS}),
    Transition.on(mi.RetakeCapture, {CAPTURE}),
    Transition.on(mi.SignCommitment, {SIGN}, {MATERIALS}),
    Transition.on(ai.MaterialsDone, {MATERIALS}, {REVIEW}),
    Transition.on(PrintOneTimeNotice, {MATERIALS}),
    Transition.on(ai.SubmitApplication, {REVIEW}, {SUBMITTED}),
    Transition.on(ai.EditSection, {REVIEW}, {FORM, MATERIALS}),
    *(Transition.on(intent, {FORM}) for intent in (
        ni.FocusField, ni.PressKey, ni.ChooseCandidate, ni.PageCandidates, ni.OpenPicker,
        ni.PickOption, ni.PagePicker, ni.PickerBack, ni.ClosePicker)),
)
