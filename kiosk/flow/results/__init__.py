"""The results journey: progress of an application, result pickup bound to the card holder, 好差评."""
from kiosk.flow.results.journey import ResultsJourney

__all__ = ["ResultsJourney"]
