"""Checks the every-screen audit shares: visible widgets, reach, text size and fit, contrast."""
from __future__ import annotations

from kivy.core.window import Window
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from testkit.ui_harness import walk

REACH_TOP = 0.55  # low reach: every control's top edge at most this share of the window height


def shown(widget) -> bool:
    """On screen now: in the window, opaque, and every parent opaque."""
    if widget.get_root_window() is None or widget.width < 1 or widget.height < 1:
        return False
    w = widget
    while w is not None and w is not w.parent:
        if getattr(w, "opacity", 1) == 0:
            return False
        w = w.parent
    return True


def _scroll_parent(widget):
    p = widget.parent
    while p is not None and p is not p.parent:
        if isinstance(p, ScrollView):
            return p
        p = p.parent
    return None


def in_view(widget) -> bool:
    """Inside the window and, in a scroll area, inside its visible part."""
    x, y = widget.to_window(widget.x, widget.y)
    if y + widget.height <= 0 or y >= Window.height or x >= Window.width or x + widget.width <= 0:
        return False
    sv = _scroll_parent(widget)
    if sv is None:
        return True
    sx, sy = sv.to_window(sv.x, sv.y)
    return y < sy + sv.height and y + widget.height > sy


def controls(root):
    """Every enabled, visible button under root."""
    return [w for w in walk(root) if isinstance(w, Button) and not w.disabled and shown(w)]


def labels(root):
    """Every visible label with text (buttons included)."""
    return [w for w in walk(root) if isinstance(w, Label) and w.text.strip() and shown(w)]


def out_of_reach(root) -> list[str]:
    """Controls whose top edge is above the low-reach line (window coordinates, y up)."""
    bad = []
    for w in controls(root):
        if not in_view(w):  # scrolled out of its list: nothing of it to touch
            continue
        _x, y = w.to_window(w.x, w.y)
        top = y + w.height
        sv = _scroll_parent(w)
        if sv is not None:  # partly scrolled out: only the part inside the list can be touched
            top = min(top, sv.to_window(sv.x, sv.y)[1] + sv.height)
        if top > REACH_TOP * Window.height + 1:
            bad.append(f"{w.text[:30]!r} top at {top / Window.height:.0%}")
    return bad


def visible_box(widget) -> tuple[int, int, int, int] | None:
    """The part of widget the resident sees, as (left, top, right, bottom) in frame pixels
    (clipped by the window and every scroll area around it); None when nothing shows."""
    from kivy.uix.stencilview import StencilView
    x, y = widget.to_window(widget.x, widget.y)
    x0, y0, x1, y1 = x, y, x + widget.width, y + widget.height
    p = widget.parent
    while p is not None and p is not p.parent:
        if isinstance(p, StencilView):  # ScrollView and RecycleView clip to themselves
            px, py = p.to_window(p.x, p.y)
            x0, y0, x1, y1 = max(x0, px), max(y0, py), min(x1, px + p.width), min(y1, py + p.height)
        p = p.parent
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, Window.width), min(y1, Window.height)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return int(x0), int(Window.height - y1), int(x1), int(Window.height - y0)


def text_problems(widget) -> list[str]:
    """Text cut or overflowing: the rendered text is larger than its widget."""
    tw, th = widget.texture_size
    problems = []
    if tw > widget.width + 2:
        problems.append(f"text {tw:.0f} px wide in a {widget.width:.0f} px widget")
    if th > widget.height + 2:
        problems.append(f"text {th:.0f} px tall in a {widget.height:.0f} px widget")
    if getattr(widget, "shorten", False):
        problems.append("shortened with an ellipsis")
    return problems
