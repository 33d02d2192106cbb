"""Staff mode: hidden gesture, staff authentication, the staff screen and the out-of-service screen."""
from kiosk.flow.staff.journey import StaffJourney
from kiosk.flow.staff.services import StaffServices

__all__ = ["StaffJourney", "StaffServices"]
