"""Every screen of the kiosk, by name: the attract screen built at once, the others registered."""
from __future__ import annotations

from kiosk.flow.apply.material_pages import CAPTURE, SIGN
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.browse.pages import CATALOG, DONE, GUIDE, PRINTING
from kiosk.flow.results.pages import PICKUP, PROGRESS, RATING, SUPPLEMENT
from kiosk.flow.scan.pages import SCAN
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF, STAFF_LOGIN
from kiosk.flow.state import ATTRACT
from screens import results as results_screens
from screens.attract import AttractScreen
from screens.catalog import CatalogScreen
from screens.guide import GuideScreen
from screens.lazy_manager import LazyScreenManager
from screens.scan import ScanScreen
from screens.staff import OutOfServiceScreen, StaffLoginScreen, StaffScreen


def add_screens(app, manager: LazyScreenManager) -> None:
    """Build the attract screen; register the others in the order a resident meets them."""
    manager.add_widget(AttractScreen())
    results_screens.add_to_attract(manager.get_screen(ATTRACT))

    manager.add_lazy((CATALOG,), lambda: [CatalogScreen()])
    manager.add_lazy((GUIDE,), lambda: [GuideScreen()], after=lambda: _add_apply_button(app, manager))
    manager.add_lazy((PRINTING, DONE), _result_screens)
    manager.add_lazy((SCAN,), lambda: [ScanScreen()])
    manager.add_lazy((IDENTIFY, FORM, REVIEW, SUBMITTED, MATERIALS, CAPTURE, SIGN), _apply_screens)
    manager.add_lazy((PROGRESS, PICKUP, RATING, SUPPLEMENT), results_screens.screens)
    manager.add_lazy((STAFF_LOGIN, STAFF, OUT_OF_SERVICE),
                     lambda: [StaffLoginScreen(), StaffScreen(), OutOfServiceScreen()])


# The modules below (and the .kv files and libraries they load) are imported with their screens,
# after the first frame: the attract screen does not need them.
def _result_screens() -> list:
    from screens.result import DoneScreen, PrintingScreen
    return [PrintingScreen(), DoneScreen()]


def _apply_screens() -> list:
    from screens.apply import apply_screens
    return apply_screens()


def _add_apply_button(app, manager: LazyScreenManager) -> None:
    from screens.apply import add_apply_button
    add_apply_button(app, manager)


def lay_out_now(screen, manager, passes: int = 3) -> None:
    """Size a screen like the manager and lay it out and render its labels' text now.

    The warm-up shows a screen for no frame at all: left to Kivy's triggers, its labels would be
    laid out at the default widget size and rendered again, at the real width, on the resident's
    first visit (61 label textures on the first guide: ~30 ms of that touch).
    """
    from kivy.uix.label import Label
    from kivy.uix.layout import Layout
    from kivy.uix.recyclelayout import RecycleLayout
    screen.size, screen.pos = manager.size, manager.pos
    for _ in range(passes):  # sizes flow down one level of layout per pass
        for widget in screen.walk():
            if isinstance(widget, Layout) and not isinstance(widget, RecycleLayout):
                widget.do_layout()  # a RecycleLayout is laid out by its view only
            elif isinstance(widget, Label):
                widget.texture_update()
