"""Live camera preview: blits the scan page's frames into one reused texture, never blocking."""
from __future__ import annotations

from kivy.clock import Clock
from kivy.graphics import Color, Line, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

PREVIEW_FPS = 30


class CameraPreview(Widget):
    """Shows the newest frame of a CameraFeed while shown; counts frames shown (for tests)."""

    frames_shown = NumericProperty(0)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._texture: Texture | None = None
        self._feed = None
        self._seq = -1
        self._event = None
        self._frame_size = (0, 0)
        self._corners = None
        with self.canvas:
            Color(1, 1, 1, 1)
            self._rect = Rectangle(pos=self.pos, size=(0, 0))
        with self.canvas.after:
            self._outline_color = Color(0.1, 0.8, 0.3, 1)
            self._outline = Line(points=[], width=3, close=True)
        self.bind(pos=self._layout, size=self._layout)

    def show(self, feed) -> None:
        """Follow feed (a kiosk.flow.scan.preview.CameraFeed, or None for no preview)."""
        if feed is not self._feed:
            self._feed = feed
            self._seq = -1
        if feed is None:
            self.stop()
        elif self._event is None:
            self._event = Clock.schedule_interval(self._update, 1 / PREVIEW_FPS)

    def stop(self) -> None:
        """Stop pulling frames."""
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def set_outline(self, corners) -> None:
        """Page corners in camera-frame pixels (or None)."""
        self._corners = corners
        self._layout()

    def _update(self, _dt) -> None:
        frame = self._feed.frame() if self._feed is not None else None
        if frame is None or frame.seq == self._seq:
            return  # the camera has nothing new: no upload
        self._seq = frame.seq
        self._frame_size = (frame.source_width, frame.source_height)
        size = (frame.width, frame.height)
        if self._texture is None or self._texture.size != size \
                or self._texture.colorfmt != frame.colorfmt:
            self._texture = Texture.create(size=size, colorfmt=frame.colorfmt)
            self._texture.flip_vertical()  # frame rows run top to bottom
            self._rect.texture = self._texture
        self._texture.blit_buffer(frame.pixels, colorfmt=frame.colorfmt, bufferfmt="ubyte")
        self.frames_shown += 1
        self._layout()
        self.canvas.ask_update()

    def _fit(self) -> tuple[float, float, float, float]:
        """Letterboxed (x, y, w, h) of the frame inside the widget."""
        fw, fh = self._frame_size
        if not fw or not fh:
            return self.x, self.y, self.width, self.height
        scale = min(self.width / fw, self.height / fh)
        w, h = fw * scale, fh * scale
        return self.x + (self.width - w) / 2, self.y + (self.height - h) / 2, w, h

    def _layout(self, *_args) -> None:
        x, y, w, h = self._fit()
        self._rect.pos, self._rect.size = (x, y), (w, h) if self._texture else (0, 0)
        fw, fh = self._frame_size
        if self._corners and fw and fh:
            pts = []
            for cx, cy in self._corners:  # frame y grows downwards, Kivy's upwards
                pts += [x + cx / fw * w, y + h - cy / fh * h]
            self._outline.points = pts
        else:
            self._outline.points = []
