"""A signature pad: a finger draws ink lines; the strokes go to the core as points in 0..1 (y down)."""
from __future__ import annotations

from kivy.graphics import Color, Line, Rectangle
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

INK_WIDTH = 2.5


class SignaturePad(Widget):
    """White box that keeps the strokes drawn on it; never renders files (the core does)."""

    points = NumericProperty(0)  # points drawn so far (the Sign button and tests watch it)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strokes: list[list[tuple[float, float]]] = []  # widget-local pixels, y up
        self._lines: list[Line] = []
        with self.canvas.before:
            Color(1, 1, 1, 1)
            self._paper = Rectangle(pos=self.pos, size=self.size)
            Color(0.55, 0.55, 0.55, 1)
            self._border = Line(rectangle=(*self.pos, *self.size), width=1.2)
            self._baseline = Line(points=[], width=1, dash_length=6, dash_offset=4)
        self.bind(pos=self._layout, size=self._layout)

    def _layout(self, *_args) -> None:
        self._paper.pos, self._paper.size = self.pos, self.size
        self._border.rectangle = (*self.pos, *self.size)
        y = self.y + self.height * 0.25
        self._baseline.points = [self.x + 12, y, self.right - 12, y]
        for stroke, line in zip(self._strokes, self._lines):
            line.points = self._to_screen(stroke)

    def _to_screen(self, stroke) -> list[float]:
        return [c for x, y in stroke for c in (self.x + x, self.y + y)]

    def on_touch_down(self, touch) -> bool:
        """A finger lands on the pad: a new stroke."""
        if not self.collide_point(*touch.pos):
            return super().on_touch_down(touch)
        touch.grab(self)
        self._strokes.append([])
        with self.canvas:
            Color(0.05, 0.05, 0.2, 1)
            self._lines.append(Line(points=[], width=INK_WIDTH, cap="round", joint="round"))
        self._add(touch)
        return True

    def on_touch_move(self, touch) -> bool:
        """The stroke goes on."""
        if touch.grab_current is not self:
            return super().on_touch_move(touch)
        self._add(touch)
        return True

    def on_touch_up(self, touch) -> bool:
        """The finger lifts: the stroke ends."""
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        self._add(touch)
        touch.ungrab(self)
        return True

    def _add(self, touch) -> None:
        x = min(max(touch.x - self.x, 0), self.width)
        y = min(max(touch.y - self.y, 0), self.height)
        stroke = self._strokes[-1]
        if stroke and stroke[-1] == (x, y):
            return
        stroke.append((x, y))
        self._lines[-1].points = self._to_screen(stroke)
        self.points += 1

    def clear(self) -> None:
        """Wipe the ink (the strokes never left this widget)."""
        self.canvas.clear()  # the ink and its colours; the paper is in canvas.before
        self._strokes.clear()
        self._lines.clear()
        self.points = 0

    def strokes(self) -> tuple[tuple[tuple[float, float], ...], ...]:
        """The strokes as the core takes them: points in 0..1 of the pad, y downward."""
        w, h = max(self.width, 1), max(self.height, 1)
        return tuple(tuple((round(x / w, 4), round(1 - y / h, 4)) for x, y in s)
                     for s in self._strokes if s)
