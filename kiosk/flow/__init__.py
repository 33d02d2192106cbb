"""Flow core: the browse journey's state machine, its intents and the immutable view state."""
from kiosk.flow.intents import *  # noqa: F401,F403
from kiosk.flow.view import Screen, ViewState  # noqa: F401
