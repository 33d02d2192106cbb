"""The browse journey: find a service or bundle, read its guide, print the notice slip."""
from kiosk.flow.browse.content import CatalogContent  # noqa: F401
from kiosk.flow.browse.journey import BrowseJourney  # noqa: F401
from kiosk.flow.browse.pages import CATALOG, DONE, GUIDE, PRINTING  # noqa: F401
