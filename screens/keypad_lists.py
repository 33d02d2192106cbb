"""Keypad focus in a RecycleView list (the catalog): rows below the fold are scrolled into view.

A RecycleView draws only the rows that show, so a row past the fold is not a widget the focus
could reach. Moving the focus along a list therefore goes by the list's data: the next row that
is a control is scrolled fully into view (the RecycleView then draws it), and the focus lands on
the widget drawn for it. Only renders: scrolling is what a resident's drag would do.
"""
from __future__ import annotations

from kivy.factory import Factory
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.recycleview import RecycleView

PADDING_PX = 10  # room kept between a revealed row and the list's edge


def is_list(widget) -> bool:
    """widget is a RecycleView (by its parts: Kivy's Factory loads the class a second time as
    kivy.uix.recycleview.__init__, so isinstance fails on the catalog's list)."""
    return hasattr(widget, "view_adapter") and hasattr(widget, "layout_manager") and \
        hasattr(widget, "refresh_views")


def enclosing_list(widget) -> RecycleView | None:
    """The RecycleView that drew widget as one of its rows, or None."""
    node = widget.parent
    while node is not None and node is not node.parent:
        if is_list(node):
            return node
        node = node.parent
    return None


def row_index(rv: RecycleView, widget) -> int | None:
    """The data index the list drew widget for (None: not one of its current rows)."""
    for index, view in rv.view_adapter.views.items():
        if view is widget:
            return index
    return None


def _is_control(rv: RecycleView, item: dict) -> bool:
    viewclass = item.get(rv.key_viewclass, None) if rv.key_viewclass else None
    cls = viewclass or rv.viewclass
    if isinstance(cls, str):
        cls = Factory.get(cls)
    return cls is not None and issubclass(cls, ButtonBehavior)


def next_row(rv: RecycleView, index: int, step: int) -> int | None:
    """The data index of the next row (step +1) or previous row (-1) that is a control, or None."""
    data = rv.data
    index += step
    while 0 <= index < len(data):
        if _is_control(rv, data[index]):
            return index
        index += step
    return None


def _row_span(rv: RecycleView, index: int) -> tuple[float, float] | None:
    """(top, bottom) of row index in px from the top of the list's content."""
    manager = rv.layout_manager
    opts = getattr(manager, "view_opts", None)
    if manager is None or not opts or index >= len(opts):
        return None
    _x, y = opts[index]["pos"]
    height = opts[index]["size"][1]
    return manager.top - (y + height), manager.top - y


def reveal_row(rv: RecycleView, index: int) -> bool:
    """Scroll the list (no animation) so that row index shows whole; draw the rows now. True: scrolled."""
    span = _row_span(rv, index)
    manager = rv.layout_manager
    if span is None:
        return False
    room = manager.height - rv.height
    if room <= 0:
        return False
    top, bottom = span
    offset = (1 - rv.scroll_y) * room
    if top < offset:
        offset = top - PADDING_PX
    elif bottom > offset + rv.height:
        offset = bottom - rv.height + PADDING_PX
    else:
        return False
    scroll_y = 1 - max(0.0, min(room, offset)) / room
    if abs(scroll_y - rv.scroll_y) < 1e-6:
        return False
    rv.scroll_y = scroll_y
    rv.refresh_from_viewport()
    rv.refresh_views()  # the row's widget exists now, not on the next frame
    return True


def drawn_row(rv: RecycleView, index: int):
    """The widget the list drew for row index (None: not drawn)."""
    return rv.view_adapter.views.get(index)


def in_data_order(controls: list) -> list:
    """controls with each list's rows in the list's data order (recycled rows come in any order)."""
    result = list(controls)
    positions: dict = {}
    for pos, widget in enumerate(result):
        rv = enclosing_list(widget)
        if rv is not None:
            positions.setdefault(rv, []).append(pos)
    for rv, slots in positions.items():
        rows = [result[p] for p in slots]
        rows.sort(key=lambda w, rv=rv: (row_index(rv, w) is None, row_index(rv, w) or 0))
        for p, widget in zip(slots, rows):
            result[p] = widget
    return result
