"""The scan journey: the kiosk's QR codes and photographed materials."""
from kiosk.flow.scan.journey import ScanJourney  # noqa: F401
from kiosk.flow.scan.materials_step import PAGES_KEY, PDF_KEY  # noqa: F401
from kiosk.flow.scan.pages import SCAN, ScanPage  # noqa: F401
