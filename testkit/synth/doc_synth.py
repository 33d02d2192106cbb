"""Synthetic document photos (1920x1080) with known page corners, for benchmarks and tests."""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

W, H = 1920, 1080
BACKGROUNDS = ("dark", "wood", "patterned", "light_grey")
HELD_OUT_BACKGROUNDS = ("tiles",)   # never looked at while tuning the detector
FORMATS = {"A4": 297 / 210, "A5": 210 / 148, "ID-1": 85.6 / 54.0}


@dataclass(frozen=True)
class Variation:
    """Generator knobs beyond the defaults, to check the detector generalises (defaults = none)."""

    size: float = 1.0          # page size multiplier
    max_angle: float = 35.0    # in-plane rotation range, degrees
    gain: float = 1.0          # overall light level
    jpeg: int | None = None    # fixed JPEG quality instead of 70-95
    blur: float = 0.0          # extra defocus blur sigma, px


NO_VARIATION = Variation()


@dataclass
class Sample:
    """One synthetic photo: BGR image, true corners (page's top-left first, clockwise), facts."""

    image: np.ndarray
    corners: np.ndarray
    background: str
    fmt: str
    effects: tuple[str, ...]


def _noise_field(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Smooth random field in [0, 1] from upscaled random cells."""
    small = rng.random((max(2, cells * h // w), cells)).astype(np.float32)
    big = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(big, 0, 1)


def _background(rng: np.random.Generator, kind: str) -> np.ndarray:
    """A 1920x1080 BGR background of the given kind."""
    if kind == "dark":
        base = rng.uniform(15, 55)
        tint = rng.uniform(-8, 8, 3)
        img = np.full((H, W, 3), base, np.float32) + tint
        img += (_noise_field(rng, H, W, 12)[..., None] - 0.5) * 20
        img += rng.normal(0, 4, (H, W, 1)).astype(np.float32)
    elif kind == "wood":
        y, x = np.mgrid[0:H, 0:W].astype(np.float32)
        ang = rng.uniform(0, math.pi)
        u = x * math.cos(ang) + y * math.sin(ang)
        warp = _noise_field(rng, H, W, 6) * rng.uniform(20, 60)
        grain = 0.5 + 0.5 * np.sin((u + warp) / rng.uniform(6, 18))
        rings = _noise_field(rng, H, W, 24) * 0.4
        t = (0.6 * grain + rings)[..., None]
        light = np.array([rng.uniform(90, 140), rng.uniform(140, 190), rng.uniform(190, 230)], np.float32)
        dark = light * rng.uniform(0.45, 0.7)
        img = dark + (light - dark) * np.clip(t, 0, 1)
    elif kind == "patterned":
        img = np.empty((H, W, 3), np.float32)
        img[:] = rng.uniform(60, 220, 3)
        for _ in range(int(rng.integers(40, 90))):
            color = tuple(float(c) for c in rng.uniform(0, 255, 3))
            cx, cy = int(rng.integers(0, W)), int(rng.integers(0, H))
            r = int(rng.integers(15, 90))
            if rng.random() < 0.5:
                cv2.circle(img, (cx, cy), r, color, -1, cv2.LINE_AA)
            else:
                cv2.rectangle(img, (cx - r, cy - r // 2), (cx + r, cy + r // 2), color, -1)
        if rng.random() < 0.5:   # stripes on top
            period = int(rng.integers(20, 60))
            for x0 in range(0, W + H, period):
                cv2.line(img, (x0, 0), (x0 - H, H), tuple(float(c) for c in rng.uniform(0, 255, 3)),
                         int(rng.integers(3, 10)), cv2.LINE_AA)
    elif kind == "light_grey":
        base = rng.uniform(185, 215)
        img = np.full((H, W, 3), base, np.float32) + rng.uniform(-4, 4, 3)
        img += (_noise_field(rng, H, W, 8)[..., None] - 0.5) * 14
        img += rng.normal(0, 2.5, (H, W, 1)).astype(np.float32)
    elif kind == "tiles":
        img = np.empty((H, W, 3), np.float32)
        img[:] = rng.uniform(120, 200, 3)
        step = int(rng.integers(70, 160))
        grout = tuple(float(c) for c in rng.uniform(60, 140, 3))
        for v in range(0, W, step):
            cv2.line(img, (v, 0), (v, H), grout, 4)
        for v in range(0, H, step):
            cv2.line(img, (0, v), (W, v), grout, 4)
        img += (_noise_field(rng, H, W, 10)[..., None] - 0.5) * 30
    else:
        raise ValueError(f"unknown background {kind!r}")
    return np.clip(img, 0, 255)


def _page_texture(rng: np.random.Generator, fmt: str) -> np.ndarray:
    """A page (A-series) or an ID card with text-like content, portrait for pages."""
    ratio = FORMATS[fmt]
    if fmt == "ID-1":
        w, h = 856, 540
        paper = np.array([rng.uniform(200, 245), rng.uniform(210, 240), rng.uniform(205, 235)])
        img = np.empty((h, w, 3), np.float32)
        img[:] = paper
        img += (_noise_field(rng, h, w, 5)[..., None] - 0.5) * 25
        cv2.rectangle(img, (w - 300, 80), (w - 60, 380), (170, 160, 150), -1)
        lines, x0, lh, top = 6, 50, 60, 70
        max_w = w - 380
    else:
        w = 840
        h = int(round(w * ratio))
        img = np.empty((h, w, 3), np.float32)
        img[:] = rng.uniform(232, 252) + rng.uniform(-3, 3, 3)
        lines, x0, lh, top = int(rng.integers(18, 38)), 80, int(rng.integers(26, 40)), 110
        max_w = w - 160
        cv2.rectangle(img, (x0, 50), (x0 + int(rng.integers(200, 500)), 75), (40, 40, 40), -1)
    ink = rng.uniform(10, 70)
    y = top
    for _ in range(lines):
        if y + lh > h - 60:
            break
        x = x0
        end = x0 + int(max_w * rng.uniform(0.5, 1.0))
        while x < end:
            ww = int(rng.integers(10, 60))
            cv2.rectangle(img, (x, y), (min(end, x + ww), y + int(lh * 0.45)), (ink, ink, ink), -1)
            x += ww + int(rng.integers(6, 14))
        y += lh
    if fmt != "ID-1" and rng.random() < 0.5:   # a red seal
        c = (int(rng.integers(w // 2, w - 120)), int(rng.integers(h // 2, h - 120)))
        cv2.circle(img, c, 70, (40, 40, 200), 6, cv2.LINE_AA)
    return np.clip(img, 0, 255)


def _place(rng: np.random.Generator, fmt: str, tex_shape: tuple[int, ...],
           var: Variation = NO_VARIATION) -> np.ndarray:
    """Random perspective placement of the page's four corners inside the frame."""
    th, tw = tex_shape[:2]
    for _ in range(200):
        long_frac = rng.uniform(0.35, 0.8) if fmt == "ID-1" else rng.uniform(0.6, 0.95)
        long_px = long_frac * H * (1.1 if fmt == "ID-1" else 1.0) * var.size
        scale = long_px / max(th, tw)
        pw, ph = tw * scale, th * scale
        ang = rng.uniform(-35, 35) * var.max_angle / 35.0 + (90 if rng.random() < 0.25 else 0)
        a = math.radians(ang)
        rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        base = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]])
        pts = base @ rot.T
        jitter = rng.normal(0, 0.05, (4, 2)) * np.array([pw, ph]).mean()
        # keystone: top edge shorter, as with a camera looking down at a slant
        key = rng.uniform(0, 0.12) * pw
        pts[0, 0] += key / 2 * math.cos(a)
        pts[1, 0] -= key / 2 * math.cos(a)
        pts += jitter
        centre = np.array([rng.uniform(0.3, 0.7) * W, rng.uniform(0.35, 0.65) * H])
        pts += centre
        margin = 25
        if (pts[:, 0].min() > margin and pts[:, 0].max() < W - margin
                and pts[:, 1].min() > margin and pts[:, 1].max() < H - margin):
            if cv2.isContourConvex(pts.astype(np.float32).reshape(-1, 1, 2)):
                return pts.astype(np.float32)
    raise RuntimeError("could not place the page")


def _shadow(rng: np.random.Generator, img: np.ndarray) -> None:
    """Darken a soft-edged region crossing the frame (a hand or the kiosk hood)."""
    mask = np.zeros((H, W), np.float32)
    p = rng.uniform([0, 0], [W, H], (5, 2)).astype(np.int32)
    cv2.fillConvexPoly(mask, cv2.convexHull(p), 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(30, 90))
    img *= (1 - rng.uniform(0.25, 0.5) * mask)[..., None]
    # uneven light over the whole frame
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    g = 1 - rng.uniform(0, 0.25) * (x * rng.uniform(-1, 1) / W + y * rng.uniform(-1, 1) / H)
    img *= np.clip(g, 0.6, 1.2)[..., None]


def _glare(rng: np.random.Generator, img: np.ndarray, corners: np.ndarray) -> None:
    """A saturated soft highlight somewhere on the page."""
    t = rng.uniform(0.2, 0.8, 2)
    top = corners[0] + (corners[1] - corners[0]) * t[0]
    bot = corners[3] + (corners[2] - corners[3]) * t[0]
    c = top + (bot - top) * t[1]
    mask = np.zeros((H, W), np.float32)
    axes = (int(rng.uniform(40, 140)), int(rng.uniform(25, 80)))
    cv2.ellipse(mask, (int(c[0]), int(c[1])), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(8, 25))
    img += (mask * rng.uniform(120, 260))[..., None]


def _finger(rng: np.random.Generator, img: np.ndarray, corners: np.ndarray) -> None:
    """A finger from outside the page resting over one of its edges."""
    i = int(rng.integers(0, 4))
    a, b = corners[i], corners[(i + 1) % 4]
    p = a + (b - a) * rng.uniform(0.25, 0.75)
    centre = corners.mean(axis=0)
    out = p - centre
    out /= np.linalg.norm(out) + 1e-9
    tip = p - out * rng.uniform(20, 60)
    base = p + out * rng.uniform(180, 320)
    width = rng.uniform(45, 70)
    skin = np.array([rng.uniform(110, 160), rng.uniform(140, 180), rng.uniform(190, 235)], np.float32)
    shadow = np.zeros((H, W), np.float32)
    cv2.line(shadow, tuple(int(v) for v in tip + 8), tuple(int(v) for v in base + 8), 1.0, int(width))
    shadow = cv2.GaussianBlur(shadow, (0, 0), 10)
    img *= (1 - 0.35 * shadow)[..., None]
    mask = np.zeros((H, W), np.float32)
    cv2.line(mask, tuple(int(v) for v in tip), tuple(int(v) for v in base), 1.0, int(width), cv2.LINE_AA)
    cv2.circle(mask, tuple(int(v) for v in tip), int(width / 2), 1.0, -1, cv2.LINE_AA)
    mask = cv2.GaussianBlur(mask, (0, 0), 2)[..., None]
    shade = (0.85 + 0.15 * _noise_field(rng, H, W, 40))[..., None]
    img[:] = img * (1 - mask) + skin * shade * mask


def make_sample(seed: int, background: str | None = None, fmt: str | None = None,
                effects: tuple[str, ...] | None = None, var: Variation = NO_VARIATION) -> Sample:
    """Generate one labelled photo; unspecified parts are drawn at random from the seed."""
    rng = np.random.default_rng(seed)
    background = background or BACKGROUNDS[int(rng.integers(0, len(BACKGROUNDS)))]
    fmt = fmt or ("A4", "A4", "A5", "ID-1")[int(rng.integers(0, 4))]
    if effects is None:
        effects = tuple(e for e in ("shadow", "glare", "finger") if rng.random() < 0.4)
    img = _background(rng, background)
    tex = _page_texture(rng, fmt)
    th, tw = tex.shape[:2]
    corners = _place(rng, fmt, tex.shape, var)
    src = np.array([[0, 0], [tw, 0], [tw, th], [0, th]], np.float32)
    hmat = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(tex, hmat, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((th, tw), np.float32), hmat, (W, H), flags=cv2.INTER_LINEAR)
    # a soft contact shadow under the page
    drop = cv2.GaussianBlur(mask, (0, 0), 6)
    img *= (1 - 0.25 * np.roll(drop, (4, 4), axis=(0, 1)))[..., None]
    img = img * (1 - mask[..., None]) + warped * mask[..., None]
    if "shadow" in effects:
        _shadow(rng, img)
    if "glare" in effects:
        _glare(rng, img, corners)
    if "finger" in effects:
        _finger(rng, img, corners)
    # vignetting, optics blur, sensor noise, JPEG
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    r2 = ((x - W / 2) / W) ** 2 + ((y - H / 2) / H) ** 2
    img *= (1 - rng.uniform(0, 0.35) * r2)[..., None]
    img *= var.gain
    img = cv2.GaussianBlur(img, (0, 0), float(np.hypot(rng.uniform(0.5, 1.3), var.blur)))
    img += rng.normal(0, rng.uniform(1.5, 4.5), img.shape).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    quality = int(rng.integers(70, 95))
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, var.jpeg or quality])
    out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return Sample(out, corners, background, fmt, tuple(effects))


def empty_desk(seed: int, background: str) -> np.ndarray:
    """A photo of the bare desk (no page), with the same camera effects, for false-positive checks."""
    rng = np.random.default_rng(seed)
    img = _background(rng, background)
    if rng.random() < 0.5:
        _shadow(rng, img)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.3))
    img += rng.normal(0, rng.uniform(1.5, 4.5), img.shape).astype(np.float32)
    ok, buf = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8),
                           [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(70, 95))])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


if __name__ == "__main__":   # write a few examples for eyeballing
    import sys
    from pathlib import Path
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/data/doc_synth")
    dest.mkdir(parents=True, exist_ok=True)
    for k, bg in enumerate(BACKGROUNDS + HELD_OUT_BACKGROUNDS):
        s = make_sample(k, bg)
        cv2.imwrite(str(dest / f"{bg}_{k}.jpg"), s.image)
        print(dest / f"{bg}_{k}.jpg", s.fmt, s.effects, s.corners.round(1).tolist())
