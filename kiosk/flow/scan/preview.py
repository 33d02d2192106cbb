"""Camera preview for the screens: frames as plain bytes, shrunk and converted in the core."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_PREVIEW_WIDTH = 640  # frames are shrunk before upload; software GL samples fewer texels


@dataclass(frozen=True)
class PreviewFrame:
    """One preview frame: `pixels` holds height rows of width*3 bytes in `colorfmt` order
    ("bgr" as cameras deliver it, or "rgb"), top row first; textures take either as is."""

    seq: int
    width: int
    height: int
    source_width: int  # the camera frame's size, for drawing the page outline
    source_height: int
    pixels: bytes
    colorfmt: str = "bgr"


class CameraFeed:
    """A handle on one camera's newest frame; the scan page carries it, the screen polls it.

    `frame()` never blocks: it converts the camera's newest frame once (on the caller's
    thread, ~1 ms at 640 px) and returns the same PreviewFrame until a new one arrives.
    """

    def __init__(self, device: Any) -> None:
        self.device = device
        self._source: Any = None
        self._frame: PreviewFrame | None = None
        self._seq = 0

    def frame(self) -> PreviewFrame | None:
        """The newest frame, or None while the camera has shown nothing."""
        latest = getattr(self.device, "latest_frame", None)
        source = latest() if latest is not None else None
        if source is None:
            return self._frame
        if source is self._source:
            return self._frame
        self._source = source
        self._seq += 1
        self._frame = to_preview(source, self._seq)
        return self._frame


def to_preview(bgr: Any, seq: int, max_width: int = MAX_PREVIEW_WIDTH) -> PreviewFrame:
    """An OpenCV BGR (or grey) frame as a PreviewFrame no wider than max_width.

    Colour frames stay in BGR: the texture upload swaps channels for free, a conversion here
    would cost a pass over every pixel.
    """
    import cv2  # only once a camera shows something: keeps OpenCV out of the kiosk's start-up
    import numpy as np
    h, w = bgr.shape[:2]
    frame = bgr
    if w > max_width:
        frame = cv2.resize(frame, (max_width, round(h * max_width / w)),
                           interpolation=cv2.INTER_LINEAR)
    if frame.ndim == 2:
        frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    th, tw = frame.shape[:2]
    return PreviewFrame(seq, tw, th, w, h, np.ascontiguousarray(frame).tobytes(), "bgr")
