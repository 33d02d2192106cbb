"""The flow: a host (kiosk.flow.host) running one package per journey (browse/, scan/, ...)."""
from kiosk.flow.state import ATTRACT, AttractPage, Chrome, ViewState  # noqa: F401
