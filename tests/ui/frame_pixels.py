"""The rendered window as a numpy array, and the contrast of a label measured on it (fast: numpy)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from kivy.core.window import Window
from PIL import Image

from screens.theme import contrast


def grab_frame() -> np.ndarray:
    """The window's widgets rendered now: H x W x 3 uint8, row 0 at the top."""
    root = Window.children[-1]
    tex = root.export_as_image().texture
    rgba = np.frombuffer(tex.pixels, np.uint8).reshape(tex.height, tex.width, 4)
    return np.ascontiguousarray(rgba[:, :, :3])  # export_as_image already flips rows top-down


def save_frame(frame: np.ndarray, path: Path) -> Path:
    """Write the frame as a PNG (fast compression: many screenshots per test)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(frame).save(path, compress_level=1)
    return path


def measure(frame: np.ndarray, box: tuple[int, int, int, int],
            text_rgb: tuple[float, float, float], tol: int = 40) -> tuple[float, int]:
    """(contrast of text_rgb on the most common colour in box, pixels of nearly text_rgb there).

    box is (left, top, right, bottom) in frame pixels.
    """
    left, top, right, bottom = box
    region = frame[top:bottom, left:right]
    sample = region[::3, ::3].reshape(-1, 3).astype(np.int32)  # the background is most pixels
    packed = (sample[:, 0] << 16) | (sample[:, 1] << 8) | sample[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    crop = region.reshape(-1, 3).astype(np.int16)
    bg = int(values[counts.argmax()])
    bg_rgb = ((bg >> 16) / 255, ((bg >> 8) & 255) / 255, (bg & 255) / 255)
    target = np.array([round(c * 255) for c in text_rgb], np.int16)
    ink = int(np.all(np.abs(crop - target) <= tol, axis=1).sum())
    return contrast(tuple(text_rgb), bg_rgb), ink
