"""Widened tuning photos (issue 14, point 3): small cards, tinted light desks, steep camera tilt, ...

Written from the held-out README's *description* of conditions only (never from its code or its
images): small ID-1, bank and business cards at many sizes, white/grey/beige/light-wood desks of
any tint, a camera tilted 25-45 degrees (a true 3-D pinhole projection), head or arm shadows across
the page, a lamp highlight on the page, fingers with the hand over an edge, bowed pages with one
edge lifted. `make_wide(seed, condition)` returns a doc_synth.Sample; tuning only.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from testkit.synth.doc_conditions import (_camera_finish, _fingers, _hard_shadow, _light_desk, _strong_glare,
                                         _textured_desk)
from testkit.synth.doc_synth import H, W, Sample, _background, _noise_field, _page_texture, _shadow

WIDE_CONDITIONS = ("small_card", "tinted_light_desk", "steep_tilt", "body_shadow", "lamp_glare",
                   "hand_fingers", "bowed_page")
CARD_RATIOS = {"ID-1": 85.6 / 54.0, "business": 90.0 / 54.0, "business_us": 3.5 / 2.0}
PAGE_RATIOS = {"A4": 297 / 210, "A5": 210 / 148, "letter": 11 / 8.5}
FOCAL = 1450.0          # px, a ~67 degree horizontal field of view at 1920 wide


def _tinted_light_desk(rng: np.random.Generator) -> np.ndarray:
    """White, light grey, beige or light wood, with any faint tint: close to paper."""
    k = int(rng.integers(0, 4))
    if k == 3:   # light wood: the doc_synth grain pulled towards white
        wood = _background(rng, "wood")
        img = 255 - (255 - wood) * rng.uniform(0.25, 0.5)
    else:
        img = _light_desk(rng, ("white", "grey", "beige")[k])
    img *= rng.uniform(0.9, 1.04, 3)[None, None].astype(np.float32)   # tint of the desk or the light
    return img.astype(np.float32)


def _card_texture(rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """An ID card, a bank card (strong colour) or a business card (white, sparse text)."""
    kind = ("ID-1", "bank", "business", "business_us")[int(rng.integers(0, 4))]
    if kind == "ID-1":
        return _page_texture(rng, "ID-1"), CARD_RATIOS["ID-1"]
    ratio = CARD_RATIOS["ID-1"] if kind == "bank" else CARD_RATIOS[kind]
    w = 856
    h = int(round(w / ratio))
    img = np.empty((h, w, 3), np.float32)
    if kind == "bank":
        c0, c1 = rng.uniform(20, 230, 3), rng.uniform(20, 230, 3)
        t = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
        img[:] = c0 * (1 - t) + c1 * t
        cv2.rectangle(img, (80, 180), (200, 270), (80, 170, 210), -1)          # chip
        for i in range(16):     # embossed number blocks
            x0 = 80 + 42 * i + 20 * (i // 4)
            cv2.rectangle(img, (x0, 340), (x0 + 30, 385), (235, 235, 235), -1)
    else:
        img[:] = rng.uniform(225, 252) + rng.uniform(-4, 4, 3)
        ink = tuple(float(v) for v in rng.uniform(10, 120, 3))
        cv2.circle(img, (120, 120), 60, ink, -1)
        for i in range(int(rng.integers(2, 5))):
            cv2.rectangle(img, (240, 90 + 70 * i), (240 + int(rng.integers(150, 500)), 120 + 70 * i), ink, -1)
    img += (_noise_field(rng, h, w, 5)[..., None] - 0.5) * 12
    return np.clip(img, 0, 255), ratio


def _sheet_mask(h: int, w: int, card: bool) -> np.ndarray:
    """The sheet's shape in texture pixels: cards have rounded corners (ID-1: 3.18 mm radius)."""
    m = np.ones((h, w), np.float32)
    if card:
        r = int(round(w * 3.18 / 85.6))
        m[:] = 0
        cv2.rectangle(m, (r, 0), (w - 1 - r, h - 1), 1.0, -1)
        cv2.rectangle(m, (0, r), (w - 1, h - 1 - r), 1.0, -1)
        for cx, cy in ((r, r), (w - 1 - r, r), (w - 1 - r, h - 1 - r), (r, h - 1 - r)):
            cv2.circle(m, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
    return m


def _project(rng: np.random.Generator, ratio: float, long_px: float, tilt: float) -> np.ndarray | None:
    """Corners of a ratio:1 rectangle seen by a pinhole camera tilted by `tilt` degrees, or None."""
    a = math.radians(rng.uniform(-180, 180))
    half = np.array([[-ratio, -1], [ratio, -1], [ratio, 1], [-ratio, 1]]) / 2
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    pts = np.c_[half @ rot.T, np.zeros(4)]
    t, yaw = math.radians(tilt), math.radians(rng.uniform(-1, 1) * tilt * 0.4)
    rx = np.array([[1, 0, 0], [0, math.cos(t), -math.sin(t)], [0, math.sin(t), math.cos(t)]])
    ry = np.array([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
    pts = pts @ (ry @ rx).T
    depth = FOCAL * ratio / long_px          # puts the long side at about long_px when flat
    pts[:, 2] += depth
    if pts[:, 2].min() <= 0.05 * depth:
        return None
    uv = FOCAL * pts[:, :2] / pts[:, 2:3]
    uv += np.array([rng.uniform(0.3, 0.7) * W, rng.uniform(0.35, 0.65) * H])
    return uv.astype(np.float32)


def _inside(pts: np.ndarray, margin: float = 25) -> bool:
    """All corners at least `margin` px inside the frame and the outline convex."""
    return bool(pts[:, 0].min() > margin and pts[:, 0].max() < W - margin and pts[:, 1].min() > margin
                and pts[:, 1].max() < H - margin and cv2.isContourConvex(pts.reshape(-1, 1, 2)))


def _placement(rng: np.random.Generator, ratio: float, card: bool, tilt_range: tuple[float, float]):
    """Corners for a page or card; cards range from small in the frame to close up."""
    for _ in range(300):
        long_px = (90 * 6.0 ** rng.random()) if card else rng.uniform(0.55, 0.95) * H * ratio
        pts = _project(rng, ratio, long_px, rng.uniform(*tilt_range))
        if pts is not None and _inside(pts):
            return pts
    raise RuntimeError("could not place the sheet")


def _bow(rng: np.random.Generator, img: np.ndarray, mask: np.ndarray, corners: np.ndarray) -> None:
    """Bend one side of the page (a lifted edge) out by a few per cent; the corners stay put."""
    i = int(rng.integers(0, 4))
    a, b = corners[i], corners[(i + 1) % 4]
    length = float(np.linalg.norm(b - a))
    side = (b - a) / length
    nrm = np.array([-side[1], side[0]])
    if np.dot(corners.mean(axis=0) - a, nrm) > 0:
        nrm = -nrm                                     # out of the page
    amp = rng.uniform(0.01, 0.04) * length * (1 if rng.random() < 0.7 else -1)
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    t = np.clip(((x - a[0]) * side[0] + (y - a[1]) * side[1]) / length, 0, 1)
    depth_in = (a[0] - x) * nrm[0] + (a[1] - y) * nrm[1]            # >0 inside the page
    reach = rng.uniform(0.3, 0.7) * float(np.linalg.norm(corners[(i + 2) % 4] - b))
    fall = np.clip(1 - depth_in / reach, 0, 1)
    d = (amp * np.sin(np.pi * t) * fall).astype(np.float32)
    map_x, map_y = x - d * nrm[0], y - d * nrm[1]
    img[:] = cv2.remap(img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask[:] = cv2.remap(mask, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    # the lifted part catches the light differently
    img *= (1 + 0.12 * np.sign(amp) * fall * np.sin(np.pi * t) * mask)[..., None]


def _desk(rng: np.random.Generator, condition: str) -> np.ndarray:
    """Light desks for the light-desk and small-card conditions; any desk otherwise."""
    if condition == "tinted_light_desk" or (condition == "small_card" and rng.random() < 0.6):
        return _tinted_light_desk(rng)
    k = int(rng.integers(0, 6))
    if k < 2:
        return _tinted_light_desk(rng)
    if k == 2:
        return _textured_desk(rng)
    return _background(rng, ("dark", "wood", "patterned")[k - 3])


def make_wide(seed: int, condition: str) -> Sample:
    """One labelled 1920x1080 photo of a widened condition (tuning only)."""
    if condition not in WIDE_CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; expected one of {WIDE_CONDITIONS}")
    rng = np.random.default_rng(seed)
    img = _desk(rng, condition)
    card = condition == "small_card" or rng.random() < 0.15
    if card:
        tex, ratio = _card_texture(rng)
        fmt = "card"
    else:
        fmt = ("A4", "A4", "A5", "letter")[int(rng.integers(0, 4))]
        tex, ratio = _page_texture(rng, "A4" if fmt == "letter" else fmt), PAGE_RATIOS[fmt]
        tex *= rng.uniform(0.9, 1.0, 3)[None, None]          # cream, greyish or bluish paper
    tilt = (25.0, 45.0) if condition == "steep_tilt" else (0.0, 20.0)
    corners = _placement(rng, ratio, card, tilt)
    th, tw = tex.shape[:2]
    # which texture corner goes to corners[0] does not matter for the outline
    src = np.array([[0, 0], [tw, 0], [tw, th], [0, th]], np.float32)
    if (tw > th) != (np.linalg.norm(corners[1] - corners[0]) > np.linalg.norm(corners[2] - corners[1])):
        src = np.roll(src, 1, axis=0)
    hmat = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(tex, hmat, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(_sheet_mask(th, tw, card), hmat, (W, H), flags=cv2.INTER_LINEAR)
    if condition == "bowed_page":
        _bow(rng, warped, mask, corners)
    drop = cv2.GaussianBlur(mask, (0, 0), rng.uniform(3, 8))
    img *= (1 - rng.uniform(0.1, 0.3) * np.roll(drop, (4, 4), axis=(0, 1)))[..., None]
    img = img * (1 - mask[..., None]) + warped * mask[..., None]
    effects: list[str] = []
    if condition == "body_shadow":
        _hard_shadow(rng, img) if rng.random() < 0.5 else _shadow(rng, img)
        if rng.random() < 0.5:
            _hard_shadow(rng, img)
        effects.append("shadow")
    elif rng.random() < 0.2:
        _shadow(rng, img)
        effects.append("shadow")
    if condition == "lamp_glare":
        desk_img = img.copy()
        _strong_glare(rng, img, corners)
        # weaker on a matte desk than on the page
        keep = rng.uniform(0.3, 1.0)
        img[:] = img * mask[..., None] + (desk_img + (img - desk_img) * keep) * (1 - mask[..., None])
        effects.append("glare")
    if condition == "hand_fingers":
        _fingers(rng, img, corners, int(rng.integers(1, 3)))
        effects.append("finger")
    return Sample(_camera_finish(rng, img, exposure=True, quality=(70, 95)), corners, condition, fmt,
                  tuple(effects))


if __name__ == "__main__":   # write a few examples for eyeballing
    import sys
    from pathlib import Path
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/data/doc_wide")
    dest.mkdir(parents=True, exist_ok=True)
    for k, cond in enumerate(WIDE_CONDITIONS):
        for j in range(2):
            s = make_wide(1000 * k + j, cond)
            img = s.image.copy()
            cv2.polylines(img, [s.corners.astype(np.int32).reshape(-1, 1, 2)], True, (0, 0, 255), 1)
            cv2.imwrite(str(dest / f"{cond}_{j}.jpg"), img)
            print(dest / f"{cond}_{j}.jpg", s.fmt, s.effects)
