"""Wider QR tuning conditions: harsher motion blur, far codes, disk defocus, two conditions mixed.

Written from the held-out set's *written description* of its conditions (testkit/heldout/README.md),
never from its code or images: blur 8-15 / 15-25 px per frame in a drifting, slightly curved
direction with the carrier really moving and rolling-shutter skew (20 ms readout) on it; codes
60-120 px wide; disk (lens) defocus of radius 2-6 px; two conditions at once. These are for TUNING
(seeds 1-2); `bursts(seed, per_condition)` returns `qr_conditions.Burst` objects.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from testkit.synth.qr_conditions import FPS, H, W, Burst, _card, _payload, _pose_quad, _scene

CONDITIONS = ("blur_medium", "blur_strong", "small_far", "disk_defocus", "mixed")
_MIXABLE = ("blur_medium", "blur_strong", "small_far", "disk_defocus", "glare", "low_contrast",
            "heavy_jpeg")
READOUT_S = 0.020  # rolling shutter: time between the first and the last row


def curved_kernel(length: float, angle: float, bend: float) -> np.ndarray | None:
    """Point-spread function of a smear `length` px long along `angle`, bowed by `bend` (0..~0.3)."""
    if length < 1.0:
        return None
    n = int(math.ceil(length + 2 * abs(bend) * length)) | 1
    k = np.zeros((n, n), np.float32)
    c = (n - 1) / 2
    dx, dy = math.cos(angle), math.sin(angle)
    for t in np.linspace(-0.5, 0.5, 6 * n):
        off = bend * length * (1 - 4 * t * t)  # a parabola: the path curves sideways
        x, y = c + t * length * dx - off * dy, c + t * length * dy + off * dx
        k[int(round(y)) % n, int(round(x)) % n] += 1
    return k / k.sum()


def disk_kernel(radius: float) -> np.ndarray:
    """A filled disk of the given radius (lens defocus), normalised."""
    r = int(math.ceil(radius))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    k = (np.hypot(xx, yy) <= radius + 0.5).astype(np.float32)
    return k / k.sum()


def _parts(cond: str, rng: np.random.Generator) -> tuple[str, ...]:
    if cond != "mixed":
        return (cond,)
    while True:
        a, b = rng.choice(_MIXABLE, 2, replace=False)
        if {a, b} != {"blur_medium", "blur_strong"}:
            return (str(a), str(b))


def _settings(parts: tuple[str, ...], rng: np.random.Generator) -> dict:
    s = {"blur": (0.0, 0.0), "width": rng.uniform(150, 360), "defocus": 0.0,
         "phone": rng.random() < 0.6, "glare": 0.0, "contrast": rng.uniform(0.6, 0.9),
         "jpeg": int(rng.integers(72, 93)), "twice": False, "noise": rng.uniform(1.5, 4.0)}
    for p in parts:
        if p == "blur_medium":
            s["blur"] = (8.0, 15.0)
        elif p == "blur_strong":
            s["blur"] = (15.0, 25.0)
        elif p == "small_far":
            s["width"] = rng.uniform(60, 120)
        elif p == "disk_defocus":
            s["defocus"] = rng.uniform(2.0, 6.0)
        elif p == "glare":
            s["phone"], s["glare"] = True, rng.uniform(0.6, 1.0)
        elif p == "low_contrast":
            s["contrast"] = rng.uniform(0.05, 0.15)
        elif p == "heavy_jpeg":
            s["jpeg"], s["twice"] = int(rng.integers(5, 21)), bool(rng.random() < 0.5)
    return s


def _text_for(rng: np.random.Generator, width: float) -> tuple[str, str]:
    """A payload whose code has at least ~1.5 px per module at this width."""
    for _ in range(50):
        text, enc = _payload(rng)
        modules = 17 + 4 * math.ceil(len(text.encode(enc)) / 14)  # rough version estimate
        if width / (modules + 8) >= 1.5:
            return text, enc
    return "OTK1:" + "".join(rng.choice(list("ABCDEFGH"), 8)), "utf-8"


def make_burst(rng: np.random.Generator, cond: str, n_frames: int = 6) -> Burst:
    """One burst: the carrier moves (fast when blurred), the blur direction drifts frame to frame."""
    parts = _parts(cond, rng)
    st = _settings(parts, rng)
    text, enc = _text_for(rng, st["width"])
    card, code_n, off = _card(rng, text, enc, st["phone"], st["contrast"])
    side = min(st["width"] * card.shape[0] / (card.shape[0] - 2 * off), H * 0.95)
    scene = cv2.GaussianBlur(_scene(rng), (0, 0), 3.0)  # surroundings out of focus
    center = np.array([rng.uniform(side * 0.6, W - side * 0.6),
                       rng.uniform(min(side * 0.6, H / 2), max(H - side * 0.6, H / 2))])
    heading = rng.uniform(0, 2 * math.pi)
    angle, tilt = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.3)
    exposure = rng.uniform(0.4, 0.8)  # share of the frame time the shutter is open
    glare_at = rng.uniform(-0.3, 0.3, 2)
    frames, corners = [], []
    for f in range(n_frames):
        lo, hi = st["blur"]
        length = rng.uniform(lo, hi) if hi else rng.uniform(0, 2.5)
        heading += rng.normal(0, 0.3)  # the direction drifts
        speed = length / exposure  # px per frame
        vel = speed * np.array([math.cos(heading), math.sin(heading)])
        center = np.clip(center + vel, side * 0.55, np.array([W, H]) - side * 0.55)
        angle += rng.normal(0, 0.01)
        m, quad = _pose_quad(center, angle, side, tilt, card.shape[0], off, code_n)
        # Rolling shutter: a row y is read READOUT_S * y / H later, the object has moved on.
        skew = vel * FPS * READOUT_S / H
        rs = np.float64([[1, skew[0], -skew[0] * center[1]],
                         [0, 1 + skew[1], -skew[1] * center[1]], [0, 0, 1]])
        m = rs @ m
        quad = cv2.perspectiveTransform(quad[None].astype(np.float64), rs)[0]
        layer = cv2.warpPerspective(card, m, (W, H), flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(np.ones_like(card), m, (W, H), flags=cv2.INTER_LINEAR)
        if st["glare"]:
            g = np.zeros((H, W), np.float32)
            gc = center + (glare_at + 0.04 * f * np.array([1, -1])) * side
            axes = (int(side * rng.uniform(0.12, 0.3)), int(side * rng.uniform(0.05, 0.15)))
            cv2.ellipse(g, (int(gc[0]), int(gc[1])), axes, float(rng.uniform(0, 180)), 0, 360,
                        1.0, -1)
            layer = layer + cv2.GaussianBlur(g, (0, 0), max(2.0, side * 0.04)) * mask * 255 \
                * st["glare"] * 1.6
        k = curved_kernel(length, heading, rng.uniform(-0.15, 0.15))
        if k is not None:
            layer = cv2.filter2D(layer * mask, -1, k)
            mask = cv2.filter2D(mask, -1, k)
        else:
            layer = layer * mask
        img = scene * (1 - mask[..., None]) + layer[..., None]
        if st["phone"]:
            img[..., 0] += 12 * mask
        img = cv2.filter2D(img, -1, disk_kernel(st["defocus"])) if st["defocus"] else \
            cv2.GaussianBlur(img, (0, 0), 0.7)
        img = img + rng.normal(0, st["noise"], (H, W, 1)).astype(np.float32)
        img = np.clip(img, 0, 255).astype(np.uint8)
        for _ in range(2 if st["twice"] else 1):
            _, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, st["jpeg"]])
            img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        frames.append(img)
        corners.append(quad.astype(np.float32))
    return Burst(cond, text.encode(enc), frames, corners)


def bursts(seed: int, per_condition: int, n_frames: int = 6,
           conditions: tuple[str, ...] = CONDITIONS) -> list[Burst]:
    """per_condition bursts of every wide condition, reproducible from the seed."""
    out = []
    for cond in conditions:
        rng = np.random.default_rng([seed, 100 + CONDITIONS.index(cond)])
        out.extend(make_burst(rng, cond, n_frames) for _ in range(per_condition))
    return out


if __name__ == "__main__":
    import sys
    from pathlib import Path

    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qr_wide")
    dest.mkdir(parents=True, exist_ok=True)
    for i, b in enumerate(bursts(1, 2)):
        for j, fr in enumerate(b.frames[:2]):
            cv2.imwrite(str(dest / f"{b.condition}_{i}_{j}.jpg"), fr)
    print(dest)
