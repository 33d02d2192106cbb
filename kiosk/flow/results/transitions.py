"""The results journey's transition table."""
from __future__ import annotations

from kiosk.flow.journey import Transition
from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PICKUP, PROGRESS, RATING, SUPPLEMENT
from kiosk.flow.state import ATTRACT

TRANSITIONS = (
    Transition.on(ri.OpenProgress, {ATTRACT}, {PROGRESS}),
    Transition.on(ri.OpenPickup, {ATTRACT}, {PICKUP}),
    Transition.on(ri.PressKey, {PROGRESS, PICKUP, RATING}),
    Transition.on(ri.SubmitEntry, {PROGRESS, PICKUP}),
    Transition.on(ri.OpenRating, {PICKUP}, {RATING}),
    Transition.on(ri.ChooseLevel, {RATING}),
    Transition.on(ri.ToggleOption, {RATING}),
    Transition.on(ri.SetComment, {RATING}),
    Transition.on(ri.SendRating, {RATING}),
    Transition.on(ri.SkipRating, {RATING}, {ATTRACT}),
    Transition.on(ri.UseCard, {PROGRESS}),
    Transition.on(ri.ChooseApplication, {PROGRESS}),
    Transition.on(ri.AnswerSupplement, {PROGRESS}, {SUPPLEMENT}),
    Transition.on(ri.SelectMaterial, {SUPPLEMENT}),
    Transition.on(ri.UseCertificate, {SUPPLEMENT}),
    Transition.on(ri.FinishMaterial, {SUPPLEMENT}),
    Transition.on(ri.SendSupplement, {SUPPLEMENT}),
)
