"""The apply journey's transition table."""
from __future__ import annotations

from kiosk.flow.apply import input_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.browse.pages import GUIDE
from kiosk.flow.journey import Transition

TRANSITIONS = (
    Transition.on(ai.StartApply, {GUIDE}, {IDENTIFY}),
    Transition.on(ai.ReadIdCard, {IDENTIFY}, {FORM}),
    Transition.on(ai.TypeIdentity, {IDENTIFY}, {FORM}),
    Transition.on(ai.TypeField, {FORM}),
    Transition.on(ai.FormDone, {FORM}, {MATERIALS}),
    Transition.on(ai.ChooseMaterial, {MATERIALS}),
    Transition.on(ai.MaterialsDone, {MATERIALS}, {REVIEW}),
    Transition.on(ai.SubmitApplication, {REVIEW}, {SUBMITTED}),
    *(Transition.on(intent, {FORM}) for intent in (
        ii.FocusField, ii.PressKey, ii.ChooseCandidate, ii.PageCandidates, ii.OpenPicker,
        ii.PickOption, ii.PagePicker, ii.PickerBack, ii.ClosePicker)),
)
