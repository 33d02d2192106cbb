"""Live camera preview: one reused texture, the page outline drawn over it, never blocking."""
from __future__ import annotations

import cv2
import numpy as np
from kivy.app import App
from kivy.clock import Clock
from kivy.graphics import Color, Line, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.widget import Widget

PREVIEW_FPS = 30
MAX_PREVIEW_WIDTH = 640  # frames are shrunk before upload; software GL samples fewer texels


class CameraPreview(Widget):
    """Shows the newest frame of `device` while active; counts frames shown (for tests)."""

    device = StringProperty("")
    frames_shown = NumericProperty(0)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._texture: Texture | None = None
        self._last_frame = None
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

    def start(self) -> None:
        """Begin pulling frames on the Kivy clock."""
        if self._event is None:
            self._event = Clock.schedule_interval(self._update, 1 / PREVIEW_FPS)

    def stop(self) -> None:
        """Stop pulling frames."""
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def set_outline(self, corners) -> None:
        """Page corners in frame pixels (or None)."""
        self._corners = corners
        self._layout()

    def _update(self, _dt) -> None:
        app = App.get_running_app()
        if app is None:  # the app stopped under us
            self.stop()
            return
        frame = app.flow.preview_frame(self.device)
        if frame is None or frame is self._last_frame:
            return  # the camera has nothing new: no upload
        self._last_frame = frame
        h, w = frame.shape[:2]
        self._frame_size = (w, h)
        if w > MAX_PREVIEW_WIDTH:
            scale = MAX_PREVIEW_WIDTH / w
            frame = cv2.resize(frame, (MAX_PREVIEW_WIDTH, round(h * scale)),
                               interpolation=cv2.INTER_LINEAR)
        th, tw = frame.shape[:2]
        if self._texture is None or self._texture.size != (tw, th):
            self._texture = Texture.create(size=(tw, th), colorfmt="bgr")
            self._texture.flip_vertical()  # OpenCV rows run top to bottom
            self._rect.texture = self._texture
        self._texture.blit_buffer(memoryview(np.ascontiguousarray(frame)).cast("B"),
                                  colorfmt="bgr", bufferfmt="ubyte")
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
