"""The browse journey's transition table: which intent is accepted where, and where it leads."""
from __future__ import annotations

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import CATALOG, DONE, GUIDE, PRINTING
from kiosk.flow.journey import Transition
from kiosk.flow.state import ATTRACT

ANY_BUT_ATTRACT = None  # Home is checked by its handler (it is a no-op on the attract screen)

TRANSITIONS = (
    Transition.on(bi.Start, {ATTRACT}, {CATALOG}),
    Transition.on(bi.Browse, {CATALOG}),
    Transition.on(bi.Search, {CATALOG}),
    Transition.on(bi.OpenService, {CATALOG, GUIDE}, {GUIDE}),
    Transition.on(bi.OpenBundle, {CATALOG, GUIDE}, {GUIDE}),
    Transition.on(bi.ToggleBundleItem, {GUIDE}),
    Transition.on(bi.AnswerQuestion, {GUIDE}),
    Transition.on(bi.PrintGuide, {GUIDE}, {PRINTING, DONE}),
    Transition.on(it.Home, ANY_BUT_ATTRACT, {CATALOG}),
)
