"""Every screen of the kiosk, by name: the attract screen built at once, the others registered."""
from __future__ import annotations

from kiosk.flow.apply.material_pages import CAPTURE, SIGN
from kiosk.flow.apply.pages import MATERIALS
from kiosk.flow.browse.pages import CATALOG, DONE, GUIDE, PRINTING
from kiosk.flow.results.pages import PICKUP, PROGRESS, RATING, SUPPLEMENT
from kiosk.flow.scan.pages import SCAN
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF, STAFF_LOGIN
from kiosk.flow.state import ATTRACT
from screens import results as results_screens
from screens.apply import APPLY_SCREENS, add_apply_button, apply_screens
from screens.attract import AttractScreen
from screens.catalog import CatalogScreen
from screens.guide import GuideScreen
from screens.lazy_manager import LazyScreenManager
from screens.result import DoneScreen, PrintingScreen
from screens.scan import ScanScreen
from screens.staff import OutOfServiceScreen, StaffLoginScreen, StaffScreen


def add_screens(app, manager: LazyScreenManager) -> None:
    """Build the attract screen; register the others in the order a resident meets them."""
    manager.add_widget(AttractScreen())
    results_screens.add_to_attract(manager.get_screen(ATTRACT))

    manager.add_lazy((CATALOG,), lambda: [CatalogScreen()])
    manager.add_lazy((GUIDE,), lambda: [GuideScreen()], after=lambda: add_apply_button(app, manager))
    manager.add_lazy((PRINTING,), lambda: [PrintingScreen()])
    manager.add_lazy((DONE,), lambda: [DoneScreen()])
    manager.add_lazy((SCAN,), lambda: [ScanScreen()])
    manager.add_lazy((*APPLY_SCREENS, MATERIALS, CAPTURE, SIGN), apply_screens)
    manager.add_lazy((PROGRESS, PICKUP, RATING, SUPPLEMENT), results_screens.screens)
    manager.add_lazy((STAFF_LOGIN, STAFF, OUT_OF_SERVICE),
                     lambda: [StaffLoginScreen(), StaffScreen(), OutOfServiceScreen()])
