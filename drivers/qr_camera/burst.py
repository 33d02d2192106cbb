"""Multi-frame QR decoding: what the live QR camera uses (chosen on the held-out set, bench/QR_CONDITIONS.md).

A camera sends many frames a second of the same code. `FrameDecoder.feed()` is given each frame in
order; it remembers where the code was (decoded or only detected), decodes that region first, and
spends time on harder passes (enhancement, motion/defocus deconvolution, averaging aligned frames)
only out of a time credit earned at a fixed ratio of what zxing-cpp alone costs per frame, and
preferably on the sharpest recent frames. While the code is only read after deblurring (the phone
keeps moving), the tracked region is deblurred before any whole-frame read.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable, Iterator

import cv2
import numpy as np
import zxingcpp

from drivers.qr_camera import deblur, enhance
from drivers.qr_camera.regions import faint_regions
from drivers.qr_camera.decode import (Decoded, QrDecoder, _results, _unique, candidate_regions,
                                      to_gray)

_QR = [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode]
Box = tuple[int, int, int, int]
# Cap on one frame's decode: at 10 decodes a second this leaves the worker idle 40 % of the time.
DEFAULT_MAX_MS = 60.0

# Passes on the code's region, roughly cheapest reads-per-millisecond first (tuning sets
# testkit/synth/qr_conditions.py and qr_wide.py, seeds 1-2): Wiener deconvolution along the
# estimated smear (deblur.py; only when the crop shows one), zxing's fixed-threshold binarizer,
# the darkest of aligned frames (only when the region has saturated glare), 2x upscale,
# median+stretch, disk-PSF deconvolution (refocus, for even blur), unsharp after upscale, CLAHE,
# the mean of aligned frames.
PASSES = ("deblur", "fixed", "refocus", "min", "up", "denoise", "upsharp", "clahe", "average",
          "faint", "frame")


def _zxing(gray: np.ndarray, **kw: object) -> list[zxingcpp.Barcode]:
    return zxingcpp.read_barcodes(gray, formats=_QR, **kw)


def _quad_points(barcode: zxingcpp.Barcode) -> np.ndarray:
    p = barcode.position
    return np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                     [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]],
                    np.float32)


def _grow(box: Box, shape: tuple[int, ...], pad: float, shift: tuple[float, float] = (0, 0),
          extra: float = 0.0) -> Box:
    x0, y0, x1, y1 = box
    px, py = (x1 - x0) * pad + 8 + extra, (y1 - y0) * pad + 8 + extra
    h, w = shape[:2]
    return (int(max(0, x0 + shift[0] - px)), int(max(0, y0 + shift[1] - py)),
            int(min(w, x1 + shift[0] + px)), int(min(h, y1 + shift[1] + py)))


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / max(smaller, 1)


def _box_of(points: np.ndarray, offset: tuple[int, int] = (0, 0), scale: float = 1.0) -> Box:
    pts = points / scale + np.float32(offset)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return int(x0), int(y0), int(x1), int(y1)


class FrameDecoder:
    """Feed camera frames in order; each call returns the codes read in that frame.

    time_ratio: total decode time is kept near this multiple of zxing-cpp's own full-frame time (a
    running average of the grey conversion plus zxing on the grey frame, which runs faster than
    zxing-cpp on the camera's colour frame: 2.6 measured at ~1.3-1.8x of zxing-cpp alone on the
    tuning sets), by a credit that fallbacks spend. budget_ms: a fixed per-frame budget instead
    (single images). max_ms: a cap on any one frame's fallbacks in either mode. passes: restrict
    the passes (names from PASSES); track=False turns off the tracked region.
    """

    def __init__(self, *, lean_crops: bool = False, time_ratio: float = 2.6,
                 budget_ms: float | None = None, max_ms: float = DEFAULT_MAX_MS,
                 passes: tuple[str, ...] = PASSES, track: bool = True, history: int = 4,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.time_ratio = time_ratio
        # Time saved on easy frames (a tracked code read on a crop) may be spent later on hard
        # ones, up to this many frames' allowance.
        self.credit_cap = 8.0
        self.budget_ms = budget_ms
        self.max_ms = max_ms
        self.passes = passes
        self.track = track
        # lean_crops: skip zxing's rotation (1D codes only) and downscaling on crops; measured as
        # a wash on the tuning set (within timing noise), so off by default.
        self._crop_kw = {"try_rotate": False, "try_downscale": False} if lean_crops else {}
        self.clock = clock
        self._history: deque[np.ndarray] = deque(maxlen=history)
        self._sharp: deque[float] = deque(maxlen=history)
        self._zxing_ms = 0.0
        self._convert_ms = 0.0
        self._credit = 0.0
        self.reset()

    def reset(self) -> None:
        """Forget the tracked region and the frame history (a new customer, a new code)."""
        self._box: Box | None = None
        self._age = 99
        self._velocity = (0.0, 0.0)
        self._smeared = False
        self._history.clear()
        self._sharp.clear()

    # --- one frame -----------------------------------------------------------------------------
    def feed(self, image: np.ndarray) -> list[Decoded]:
        """Decode one frame, using what earlier frames showed; empty list when nothing is read."""
        start = self.clock()
        gray = to_gray(image)
        # zxing-cpp alone converts the frame to grey itself: that cost is part of its time.
        self._convert_ms = (self.clock() - start) * 1000.0
        try:
            return self._decode(gray, start)
        finally:
            self._history.append(gray)
            self._age += 1
            if self.budget_ms is None:
                spent = (self.clock() - start) * 1000.0
                allowance = self.time_ratio * self._zxing_ms
                self._credit = min(self._credit + allowance - spent, self.credit_cap * allowance)

    def _decode(self, gray: np.ndarray, start: float) -> list[Decoded]:
        tracked = self._tracked_box(gray.shape)
        if tracked is not None:
            hits = self._read_crop(gray, tracked, "tracked")
            if hits:
                return hits
            if self._smeared and "deblur" in self.passes:
                # The code was last read only after deblurring: the phone is still moving, so
                # deblur the tracked region before paying for a whole-frame read.
                hits = self._read_region(gray, tracked, self._deadline(start), ("deblur",))
                if hits:
                    return hits
        t0 = self.clock()
        found = _zxing(gray, return_errors=True)
        ms = (self.clock() - t0) * 1000.0 + self._convert_ms
        self._zxing_ms = ms if self._zxing_ms == 0.0 else 0.9 * self._zxing_ms + 0.1 * ms
        valid = [b for b in found if b.valid]
        if valid:
            self._see(_box_of(_quad_points(valid[0])), gray.shape)
            self._smeared = False
            return _unique(_results(valid, "zxing"))
        if found:
            self._see(_box_of(_quad_points(found[0])), gray.shape)
        return self._fallbacks(gray, start)

    def _fallbacks(self, gray: np.ndarray, start: float) -> list[Decoded]:
        deadline = self._deadline(start)
        if deadline <= self.clock():
            return []
        tracked = self._tracked_box(gray.shape)
        boxes = [tracked] if tracked is not None else candidate_regions(gray, limit=1)
        for box in boxes:
            hits = self._read_region(gray, self._with_glare(gray, box), deadline)
            if hits or self.clock() >= deadline:
                return hits
        if tracked is None and "faint" in self.passes:
            for box in faint_regions(gray):
                if not any(_overlap(box, b) > 0.5 for b in boxes):
                    hits = self._read_region(gray, box, deadline)
                    if hits:
                        return hits
        left_ms = (deadline - self.clock()) * 1000.0
        if "frame" in self.passes and left_ms > 0:
            # Whole-frame unsharp mask and more texture regions (decode.py's stages).
            hits = QrDecoder(left_ms, stages=("sharpen", "roi_texture"), clock=self.clock
                             ).decode(gray)
            if hits:
                self._box = None
                return hits
        return []

    def _read_region(self, gray: np.ndarray, box: Box, deadline: float,
                     passes: tuple[str, ...] | None = None) -> list[Decoded]:
        x0, y0, x1, y1 = box
        crop = gray[y0:y1, x0:x1]
        if crop.size == 0:
            return []
        sharp = enhance.sharpness(crop)
        # Heavier passes only on a frame at least about as sharp as the recent ones.
        heavy_ok = not self._sharp or sharp >= 0.8 * max(self._sharp)
        self._sharp.append(sharp)
        for name, variant, scale in self._variants(gray, crop, box, heavy_ok, passes):
            kw = dict(self._crop_kw)
            if name in ("fixed", "deblur_fixed", "refocus_fixed"):
                kw["binarizer"] = zxingcpp.Binarizer.FixedThreshold
            found = _zxing(variant, return_errors=True, **kw)
            valid = [b for b in found if b.valid]
            if valid:
                self._see(_box_of(_quad_points(valid[0]), (x0, y0), scale), gray.shape)
                self._smeared = name.startswith("deblur")
                return _unique(_results(valid, name))
            if self.clock() >= deadline:
                break
        return []

    def _variants(self, gray: np.ndarray, crop: np.ndarray, box: Box, heavy_ok: bool,
                  passes: tuple[str, ...] | None = None
                  ) -> Iterator[tuple[str, np.ndarray, float]]:
        up_scale = 2.0 if max(crop.shape) < 400 else 1.0
        stack, stacked = None, False
        for name in passes or self.passes:
            if name == "fixed":
                yield name, crop, 1.0
            elif name == "refocus":
                for sharp_crop, scale in deblur.refocused(crop):
                    yield name, sharp_crop, scale
                    yield "refocus_fixed", sharp_crop, scale
            elif name == "deblur":
                sharp = deblur.deblurred(crop)
                if sharp is not None:
                    yield name, sharp[0], sharp[1]
                    yield "deblur_fixed", sharp[0], sharp[1]
            elif name == "up" and up_scale > 1:
                yield name, enhance.upscale(crop), up_scale
            elif name == "denoise":
                yield name, enhance.denoise_stretch(crop), 1.0
            elif name == "upsharp" and heavy_ok:
                yield name, enhance.unsharp(enhance.upscale(crop), 1.2 * up_scale, 1.5), up_scale
            elif name == "clahe":
                yield name, enhance.clahe(crop), 1.0
            elif name in ("average", "min") and len(self._history) >= 1:
                if not stacked:
                    stack, stacked = self._aligned_stack(crop, box), True
                if stack is None:
                    continue
                if name == "average":
                    yield name, np.clip(stack.mean(axis=0), 0, 255).astype(np.uint8), 1.0
                elif float((crop >= 250).mean()) > 0.005:
                    # Glare moves over the code from frame to frame; the darkest look wins.
                    yield name, np.clip(stack.min(axis=0), 0, 255).astype(np.uint8), 1.0

    def _aligned_stack(self, crop: np.ndarray, box: Box) -> np.ndarray | None:
        """This crop and the same region of up to 3 earlier frames, shifted onto it (float32).

        The shift is found by phase correlation at half size (fast; the error is under a pixel
        at full size for the slow moves where frames are worth combining).
        """
        x0, y0, x1, y1 = box
        h, w = crop.shape
        ref = crop.astype(np.float32)
        window = cv2.createHanningWindow((w // 2, h // 2), cv2.CV_32F)
        small = self._for_alignment(ref)
        layers = [ref]
        for old in list(self._history)[-3:]:
            prev = old[y0:y1, x0:x1].astype(np.float32)
            if prev.shape != ref.shape:
                continue
            (dx, dy), response = cv2.phaseCorrelate(small, self._for_alignment(prev), window)
            if response < 0.05:
                continue
            m = np.float32([[1, 0, -2 * dx], [0, 1, -2 * dy]])
            layers.append(cv2.warpAffine(prev, m, (w, h), borderMode=cv2.BORDER_REPLICATE))
        return None if len(layers) < 2 else np.stack(layers)

    @staticmethod
    def _with_glare(gray: np.ndarray, box: Box) -> Box:
        """Grow a texture box over saturated glare next to it: glare hides part of the code, so
        the texture alone finds only the visible part."""
        x0, y0, x1, y1 = _grow(box, gray.shape, 0.5)
        ys, xs = np.nonzero(gray[y0:y1, x0:x1] >= 250)
        if len(xs) < 20:
            return box
        union = (min(box[0], x0 + int(xs.min())), min(box[1], y0 + int(ys.min())),
                 max(box[2], x0 + int(xs.max()) + 1), max(box[3], y0 + int(ys.max()) + 1))
        return _grow(union, gray.shape, 0.2)

    @staticmethod
    def _for_alignment(crop: np.ndarray) -> np.ndarray:
        """Half-size copy with saturated glare flattened to the median, so glare (which moves
        differently from the code) does not steer the phase correlation."""
        h, w = crop.shape
        small = cv2.resize(crop, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
        return np.where(small >= 235.0, np.float32(np.median(small)), small)

    # --- tracking and time ----------------------------------------------------------------------
    def _see(self, box: Box, shape: tuple[int, ...]) -> None:
        if self._box is not None and self._age <= 2:
            (ax, ay), (bx, by) = self._center(self._box), self._center(box)
            self._velocity = ((bx - ax) / max(self._age, 1), (by - ay) / max(self._age, 1))
        else:
            self._velocity = (0.0, 0.0)
        self._box, self._age = box, 0

    @staticmethod
    def _center(box: Box) -> tuple[float, float]:
        return (box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0

    def _tracked_box(self, shape: tuple[int, ...]) -> Box | None:
        if not self.track or self._box is None or self._age > 6:
            return None
        steps = max(self._age, 1)
        vx, vy = self._velocity
        return _grow(self._box, shape, 0.25, (vx * steps, vy * steps),
                     extra=(abs(vx) + abs(vy)) * steps * 0.5)

    def _read_crop(self, gray: np.ndarray, box: Box, stage: str) -> list[Decoded]:
        x0, y0, x1, y1 = box
        crop = gray[y0:y1, x0:x1]
        if crop.size == 0:
            return []
        valid = [b for b in _zxing(crop, **self._crop_kw) if b.valid]
        if not valid:
            return []
        self._see(_box_of(_quad_points(valid[0]), (x0, y0)), gray.shape)
        self._smeared = False
        return _unique(_results(valid, stage))

    def _deadline(self, start: float) -> float:
        cap = start + self.max_ms / 1000.0
        if self.budget_ms is not None:
            return min(cap, start + self.budget_ms / 1000.0)
        return min(cap, self.clock() + max(0.0, self._credit) / 1000.0)


def decode_image(image: np.ndarray, budget_ms: float = 40.0) -> list[Decoded]:
    """Decode a single image (no earlier frames): the frame pipeline, then the region passes.

    QrDecoder (decode.py) runs first with half the budget; if it reads nothing, FrameDecoder's
    region passes get the rest.
    """
    start = time.perf_counter()
    hits = QrDecoder(budget_ms / 2).decode(image)
    if hits:
        return hits
    left = budget_ms - (time.perf_counter() - start) * 1000.0
    if left <= 0:
        return []
    single_passes = tuple(p for p in PASSES if p not in ("average", "min"))
    return FrameDecoder(budget_ms=left, passes=single_passes).feed(image)
