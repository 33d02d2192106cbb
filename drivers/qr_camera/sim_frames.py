"""Camera-like frames for the QR-camera simulator: a desk, and a phone or slip showing a code."""
from __future__ import annotations

import functools

import numpy as np
import segno

FRAME_SIZE = (960, 540)  # width, height: what a 540p camera delivers


@functools.lru_cache(maxsize=4)
def desk(size: tuple[int, int] = FRAME_SIZE, seed: int = 7) -> np.ndarray:
    """An empty desk under the camera: a soft gradient with a little sensor noise (BGR)."""
    import cv2  # imported on first use: the kiosk's start-up does not need OpenCV
    w, h = size
    ramp = np.linspace(70, 110, w, dtype=np.float32)[None, :].repeat(h, axis=0)
    noise = np.random.default_rng(seed).normal(0, 3.0, (h, w)).astype(np.float32)
    grey = np.clip(ramp + noise, 0, 255).astype(np.uint8)
    frame = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    frame[..., 0] = np.clip(frame[..., 0].astype(np.int16) + 12, 0, 255)  # a cool cast
    frame.flags.writeable = False  # cached and shared with the preview: read-only
    return frame


# A frame is ~1.5 MB; a device keeps no gallery. Three frames hold the default script's codes
# (pickup, foreign, receipt): the constant ones hit, a new signed pickup code replaces the oldest.
CODE_FRAMES_KEPT = 3


@functools.lru_cache(maxsize=CODE_FRAMES_KEPT)
def code_frame(text: str, size: tuple[int, int] = FRAME_SIZE, module_px: int = 6,
               angle_deg: float = 4.0, seed: int = 7) -> np.ndarray:
    """The desk with a QR code for `text` held slightly turned in the middle (BGR)."""
    import cv2  # see desk()
    w, h = size
    matrix = np.pad(np.array(segno.make(text, error="m", micro=False).matrix, np.uint8), 4)
    card = np.where(matrix == 1, 25, 235).astype(np.uint8)
    card = cv2.resize(card, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    n = card.shape[0]
    if n + 20 > min(w, h):
        raise ValueError(f"code too large for a {w}x{h} frame; shorten the text")
    frame = desk(size, seed)
    rot = cv2.getRotationMatrix2D((n / 2, n / 2), angle_deg, 1.0)
    rot[:, 2] += (w / 2 - n / 2, h / 2 - n / 2)
    warped = cv2.warpAffine(card, rot, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
    mask = cv2.warpAffine(np.full_like(card, 255), rot, (w, h), flags=cv2.INTER_LINEAR)
    # Blend in 8 bits with 2-D weights: float frames (~6 MB each, several at once) left ~20 MB of
    # freed buffers in the camera thread's malloc arena each time a new code was drawn.
    alpha = mask.astype(np.float32) / 255.0
    card3 = cv2.cvtColor(warped, cv2.COLOR_GRAY2BGR)
    frame = cv2.GaussianBlur(cv2.blendLinear(card3, frame, alpha, 1.0 - alpha), (0, 0), 0.6)
    frame.flags.writeable = False  # cached and shared with the preview: read-only
    return frame
