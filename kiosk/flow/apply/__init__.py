"""The apply journey: identify, one form, materials, review, submit through the outbox, receipt."""
from kiosk.flow.apply.journey import ApplyJourney
from kiosk.flow.apply.services import ApplyServices

__all__ = ["ApplyJourney", "ApplyServices"]
