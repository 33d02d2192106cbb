"""PageBar: Previous / "Page 2 of 3" / Next under a scroll area, for elder mode (issue 13).

Elder residents find scrolling by dragging hard; in elder mode a list that does not fit gets
page buttons that move by one screenful, and says where they are. Standard mode keeps scrolling.
"""
from __future__ import annotations

import math

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty
from kivy.uix.boxlayout import BoxLayout

from screens.widgets import tr


def page_count(content_h: float, view_h: float) -> int:
    """How many screenfuls the content needs (1 when it fits)."""
    if view_h <= 0 or content_h <= view_h + 1:
        return 1
    return math.ceil((content_h - 1) / view_h)


def page_of(offset: float, content_h: float, view_h: float) -> int:
    """The 1-based page showing at `offset` px from the top (the last page ends at the bottom)."""
    pages = page_count(content_h, view_h)
    if pages == 1:
        return 1
    if offset >= content_h - view_h - 1:
        return pages
    return min(pages, int((offset + 2) // view_h) + 1)  # +2 px: float error at a page's start


class PageBar(BoxLayout):
    """Set `scroll` to a ScrollView (or RecycleView); shows only in elder mode when it overflows."""

    scroll = ObjectProperty(None, allownone=True)
    page = NumericProperty(1)
    pages = NumericProperty(1)
    active = BooleanProperty(False)
    suppressed = BooleanProperty(False)  # the room is needed for something else (the form's keypad)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._viewport = None
        self._trigger = Clock.create_trigger(lambda _dt: self.update(), -1)
        app = App.get_running_app()
        app.bind(theme=lambda *_: self._trigger(), language=lambda *_: self._trigger())

    def on_scroll(self, _instance, scroll) -> None:
        """Follow the scroll area's position and size."""
        if scroll is not None:
            scroll.bind(scroll_y=lambda *_: self._trigger(), height=lambda *_: self._trigger(),
                        children=lambda *_: self._trigger())
        self._trigger()

    def _content_height(self) -> float:
        viewport = self.scroll.children[0] if self.scroll is not None and self.scroll.children else None
        if viewport is not self._viewport and viewport is not None:
            viewport.bind(height=lambda *_: self._trigger())
            self._viewport = viewport
        return viewport.height if viewport is not None else 0.0

    def _offset(self, content_h: float) -> float:
        return (1 - self.scroll.scroll_y) * max(0.0, content_h - self.scroll.height)

    def update(self) -> None:
        """Recount pages; show the bar in elder mode when there is more than one."""
        app = App.get_running_app()
        if self.scroll is None or app is None:  # None: the app has stopped (a late trigger)
            return
        content_h, view_h = self._content_height(), self.scroll.height
        self.pages = page_count(content_h, view_h)
        self.page = page_of(self._offset(content_h), content_h, view_h)
        self.active = app.theme.page_lists and self.pages > 1  # buttons usable
        ids = self.ids
        ids.prev_button.text = tr("page.prev")
        ids.next_button.text = tr("page.next")
        ids.where.text = tr("page.of", page=self.page, pages=self.pages)
        ids.prev_button.disabled = not self.active or self.page <= 1
        ids.next_button.disabled = not self.active or self.page >= self.pages

    def turn(self, step: int) -> None:
        """One screenful forward (+1) or back (-1)."""
        content_h, view_h = self._content_height(), self.scroll.height
        room = content_h - view_h
        if room <= 0:
            return
        target = min(self.pages, max(1, self.page + step))
        offset = min(room, (target - 1) * view_h)
        self.scroll.scroll_y = 1 - offset / room
        self.update()
