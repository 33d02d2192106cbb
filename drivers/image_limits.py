"""Limits on images from outside (files, camera frames): size, pixel count, shape, aspect ratio."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 64 * 1024 * 1024      # a 1080p PNG is ~4 MB; a 24 MP JPEG ~12 MB
MAX_PIXELS = 40_000_000                # a 40 MP frame is larger than any kiosk camera gives
MAX_SIDE = 12_000
MIN_SIDE = 16                          # below this no code or page can be seen at all
MAX_ASPECT = 12.0                      # panoramic strips are not camera frames


class ImageRejected(ValueError):
    """An image that cannot or must not be processed, with the reason in plain words."""


def check_shape(width: int, height: int) -> None:
    """Raise ImageRejected when a width x height frame is outside the limits."""
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ImageRejected(f"image is {width}x{height} px; each side must be at least {MIN_SIDE} px")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageRejected(f"image is {width}x{height} px; at most {MAX_SIDE} px a side and "
                            f"{MAX_PIXELS // 1_000_000} megapixels are processed")
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise ImageRejected(f"image is {width}x{height} px; the long side may be at most "
                            f"{MAX_ASPECT:g} times the short side")


def frame_ok(image: Any) -> bool:
    """True when an in-memory frame (numpy array) has a shape the pipelines can process."""
    shape = getattr(image, "shape", None)
    if not shape or len(shape) < 2:
        return False
    try:
        check_shape(int(shape[1]), int(shape[0]))
    except ImageRejected:
        return False
    return True


def read_image(path: str | Path) -> Any:
    """Read an image file as a BGR array, checking size and header dimensions before decoding."""
    from PIL import Image

    from drivers.camera_capture import cv2  # sets OpenCV's environment before importing it
    import numpy as np

    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ImageRejected(f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise ImageRejected(f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are read")
    try:
        with Image.open(path) as probe:  # reads the header only
            width, height = probe.size
    except Image.DecompressionBombError:
        raise ImageRejected(f"image claims more than {MAX_PIXELS // 1_000_000} megapixels; "
                            "not processed") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageRejected(f"not a readable image ({type(exc).__name__})") from None
    check_shape(width, height)
    data = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if image is None:
        raise ImageRejected("not a readable image (the decoder failed)")
    check_shape(image.shape[1], image.shape[0])
    return image
