"""Tuning photos for real-desk conditions (issue 14): light desks, fingers, glare, small cards, ...

Builds on doc_synth's page textures, placement and camera model and adds the conditions the
external measurement found weak. `make_condition(seed, condition)` returns a doc_synth.Sample.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from testkit.synth.doc_synth import (FORMATS, H, NO_VARIATION, W, Sample, _background, _glare, _noise_field,
                       _page_texture, _place, _shadow)

CONDITIONS = ("white_desk", "light_grey_desk", "beige_desk", "fingers", "glare", "shadows",
              "id_light_desk", "id_dark_desk", "certificate", "textured_desk")


def _light_desk(rng: np.random.Generator, kind: str) -> np.ndarray:
    """White, light grey or beige desk with a little low-frequency unevenness and grain."""
    if kind == "white":
        base = np.full(3, rng.uniform(215, 245)) + rng.uniform(-4, 4, 3)
    elif kind == "beige":
        base = np.array([rng.uniform(165, 200), rng.uniform(195, 220), rng.uniform(210, 238)])
    else:
        base = np.full(3, rng.uniform(175, 220)) + rng.uniform(-5, 5, 3)
    img = np.empty((H, W, 3), np.float32)
    img[:] = base
    img += (_noise_field(rng, H, W, 6)[..., None] - 0.5) * rng.uniform(6, 18)
    img += rng.normal(0, rng.uniform(1.5, 4), (H, W, 1)).astype(np.float32)
    return img


def _textured_desk(rng: np.random.Generator) -> np.ndarray:
    """Granite, fabric or laminate-like texture: fine high-contrast speckle or weave, any tone."""
    base = rng.uniform(40, 210, 3).astype(np.float32)
    img = np.empty((H, W, 3), np.float32)
    img[:] = base
    kind = rng.integers(0, 3)
    if kind == 0:      # granite: speckle at two scales
        for cells, amp in ((480, 60), (160, 30)):
            img += (_noise_field(rng, H, W, cells)[..., None] - 0.5) * amp
        img += rng.normal(0, 10, (H, W, 1)).astype(np.float32)
    elif kind == 1:    # woven fabric
        y, x = np.mgrid[0:H, 0:W].astype(np.float32)
        p = rng.uniform(4, 9)
        weave = np.sin(x / p) * np.sin(y / p)
        img += (weave * rng.uniform(15, 35))[..., None]
        img += (_noise_field(rng, H, W, 30)[..., None] - 0.5) * 25
    else:              # laminate with faint streaks
        y, x = np.mgrid[0:H, 0:W].astype(np.float32)
        ang = rng.uniform(0, math.pi)
        u = x * math.cos(ang) + y * math.sin(ang)
        img += (np.sin(u / rng.uniform(2, 5) + _noise_field(rng, H, W, 40) * 8) * 12)[..., None]
        img += rng.normal(0, 6, (H, W, 1)).astype(np.float32)
    return img


def _certificate(rng: np.random.Generator) -> np.ndarray:
    """A certificate: cream or white paper with a coloured frame near its border and a title."""
    tex = _page_texture(rng, "A4")
    h, w = tex.shape[:2]
    tex[:] = tex * (np.array([rng.uniform(0.85, 1.0), rng.uniform(0.95, 1.0), 1.0]))[None, None]
    colour = [(140, 90, 20), (40, 150, 200), (40, 110, 40), (30, 30, 150), (120, 60, 110)]
    c = tuple(float(v) for v in colour[int(rng.integers(0, len(colour)))])
    m = int(rng.uniform(8, 40))
    t = int(rng.uniform(10, 40))
    cv2.rectangle(tex, (m, m), (w - m, h - m), c, t)
    if rng.random() < 0.6:    # a thin inner rule
        g = m + t + int(rng.uniform(6, 20))
        cv2.rectangle(tex, (g, g), (w - g, h - g), c, 3)
    if rng.random() < 0.5:    # a gold seal near the bottom
        cv2.circle(tex, (int(w * rng.uniform(0.2, 0.8)), int(h * 0.85)), 60, (40, 170, 210), -1)
    return tex


def _fingers(rng: np.random.Generator, img: np.ndarray, corners: np.ndarray, count: int) -> None:
    """Fingers or thumbs from outside resting over page edges, some near corners."""
    centre = corners.mean(axis=0)
    for _ in range(count):
        i = int(rng.integers(0, 4))
        a, b = corners[i], corners[(i + 1) % 4]
        p = a + (b - a) * rng.uniform(0.08, 0.92)
        side = (b - a) / (np.linalg.norm(b - a) + 1e-9)
        nrm = np.array([-side[1], side[0]])
        if np.dot(centre - p, nrm) > 0:
            nrm = -nrm                       # points out of the page
        tilt = rng.uniform(-0.6, 0.6)
        out = nrm * math.cos(tilt) + side * math.sin(tilt)
        thumb = rng.random() < 0.4
        width = rng.uniform(70, 110) if thumb else rng.uniform(40, 70)
        tip = p - out * rng.uniform(15, 90 if thumb else 60)
        base = p + out * rng.uniform(250, 450)
        skin = np.array([rng.uniform(90, 170), rng.uniform(120, 185), rng.uniform(170, 240)],
                        np.float32)
        shadow = np.zeros((H, W), np.float32)
        cv2.line(shadow, tuple(int(v) for v in tip + 8), tuple(int(v) for v in base + 8), 1.0,
                 int(width))
        img *= (1 - 0.35 * cv2.GaussianBlur(shadow, (0, 0), 10))[..., None]
        mask = np.zeros((H, W), np.float32)
        cv2.line(mask, tuple(int(v) for v in tip), tuple(int(v) for v in base), 1.0, int(width),
                 cv2.LINE_AA)
        cv2.ellipse(mask, tuple(int(v) for v in tip), (int(width / 2), int(width / 2)), 0, 0, 360,
                    1.0, -1, cv2.LINE_AA)
        mask = cv2.GaussianBlur(mask, (0, 0), 2)[..., None]
        shade = (0.8 + 0.2 * _noise_field(rng, H, W, 40))[..., None]
        img[:] = img * (1 - mask) + skin * shade * mask


def _strong_glare(rng: np.random.Generator, img: np.ndarray, corners: np.ndarray) -> None:
    """A large blown-out highlight, often reaching over a page edge onto the desk."""
    i = int(rng.integers(0, 4))
    a, b = corners[i], corners[(i + 1) % 4]
    c = a + (b - a) * rng.uniform(0.2, 0.8)
    c = c + (corners.mean(axis=0) - c) * rng.uniform(-0.05, 0.5)
    mask = np.zeros((H, W), np.float32)
    axes = (int(rng.uniform(80, 260)), int(rng.uniform(40, 140)))
    cv2.ellipse(mask, (int(c[0]), int(c[1])), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(10, 40))
    img += (mask * rng.uniform(150, 300))[..., None]


def _hard_shadow(rng: np.random.Generator, img: np.ndarray) -> None:
    """A fairly sharp shadow (arm, phone, the kiosk hood) crossing the page."""
    mask = np.zeros((H, W), np.float32)
    p = rng.uniform([0, 0], [W, H], (4, 2)).astype(np.int32)
    cv2.fillConvexPoly(mask, cv2.convexHull(p), 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(3, 20))
    img *= (1 - rng.uniform(0.3, 0.55) * mask)[..., None]


def _desk_for(rng: np.random.Generator, condition: str) -> np.ndarray:
    """The desk for a condition; the remaining ones draw from every kind of desk."""
    if condition == "white_desk":
        return _light_desk(rng, "white")
    if condition == "light_grey_desk":
        return _light_desk(rng, "grey")
    if condition == "beige_desk":
        return _light_desk(rng, "beige")
    if condition == "id_light_desk":
        return _light_desk(rng, ("white", "grey", "beige")[int(rng.integers(0, 3))])
    if condition == "id_dark_desk":
        return _background(rng, ("dark", "wood")[int(rng.integers(0, 2))])
    if condition == "textured_desk":
        return _textured_desk(rng)
    k = int(rng.integers(0, 6))
    if k < 3:
        return _light_desk(rng, ("white", "grey", "beige")[k])
    return _background(rng, ("dark", "wood", "patterned")[k - 3])


def _small_card_corners(rng: np.random.Generator) -> np.ndarray:
    """An ID-1 card at 18-35 % of the frame height, any rotation, slight perspective."""
    ratio = FORMATS["ID-1"]
    for _ in range(200):
        long_px = rng.uniform(0.18, 0.35) * H * ratio
        pw, ph = long_px, long_px / ratio
        a = math.radians(rng.uniform(-180, 180))
        rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        pts = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]])
        pts = pts @ rot.T + rng.normal(0, 0.03, (4, 2)) * pw
        pts += np.array([rng.uniform(0.2, 0.8) * W, rng.uniform(0.25, 0.75) * H])
        if pts[:, 0].min() > 25 and pts[:, 0].max() < W - 25 and pts[:, 1].min() > 25 \
                and pts[:, 1].max() < H - 25:
            return pts.astype(np.float32)
    raise RuntimeError("could not place the card")


def make_condition(seed: int, condition: str) -> Sample:
    """One labelled 1920x1080 photo of the given condition."""
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; expected one of {CONDITIONS}")
    rng = np.random.default_rng(seed)
    img = _desk_for(rng, condition)
    if condition == "certificate":
        fmt, tex = "A4", _certificate(rng)
    elif condition.startswith("id_"):
        fmt, tex = "ID-1", _page_texture(rng, "ID-1")
    else:
        fmt = ("A4", "A4", "A5", "ID-1")[int(rng.integers(0, 4))]
        tex = _page_texture(rng, fmt)
    if fmt == "ID-1" and rng.random() < 0.5:   # tinted card stock: pale to strongly coloured
        tex *= rng.uniform(0.45, 1.0, 3)[None, None]
    th, tw = tex.shape[:2]
    if condition.startswith("id_"):
        corners = _small_card_corners(rng)
    else:
        corners = _place(rng, fmt, tex.shape, NO_VARIATION)
    src = np.array([[0, 0], [tw, 0], [tw, th], [0, th]], np.float32)
    hmat = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(tex, hmat, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((th, tw), np.float32), hmat, (W, H), flags=cv2.INTER_LINEAR)
    drop = cv2.GaussianBlur(mask, (0, 0), rng.uniform(3, 8))
    img *= (1 - rng.uniform(0.1, 0.3) * np.roll(drop, (4, 4), axis=(0, 1)))[..., None]
    img = img * (1 - mask[..., None]) + warped * mask[..., None]
    effects: list[str] = []
    if condition == "shadows" or rng.random() < 0.2:
        (_hard_shadow if rng.random() < 0.5 else _shadow)(rng, img)
        effects.append("shadow")
    if condition == "glare":
        _strong_glare(rng, img, corners)
        effects.append("glare")
    elif rng.random() < 0.15:
        _glare(rng, img, corners)
        effects.append("glare")
    if condition == "fingers":
        _fingers(rng, img, corners, int(rng.integers(1, 4)))
        effects.append("finger")
    elif rng.random() < 0.15:
        _fingers(rng, img, corners, 1)
        effects.append("finger")
    return Sample(_camera_finish(rng, img, exposure=False, quality=(65, 95)), corners, condition, fmt,
                  tuple(effects))


def _camera_finish(rng: np.random.Generator, img: np.ndarray, exposure: bool,
                   quality: tuple[int, int]) -> np.ndarray:
    """What the camera adds to a float scene: vignetting, (auto exposure), lens blur, noise, JPEG."""
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    r2 = ((x - W / 2) / W) ** 2 + ((y - H / 2) / H) ** 2
    img *= (1 - rng.uniform(0, 0.35) * r2)[..., None]
    if exposure:
        img *= rng.uniform(0.8, 1.1)
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.5, 1.4)))
    img += rng.normal(0, rng.uniform(1.5, 4.5), img.shape).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    _ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(*quality))])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


if __name__ == "__main__":   # write a few examples for eyeballing
    import sys
    from pathlib import Path
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/data/doc_conditions")
    dest.mkdir(parents=True, exist_ok=True)
    for k, cond in enumerate(CONDITIONS):
        s = make_condition(k, cond)
        cv2.imwrite(str(dest / f"{cond}_{k}.jpg"), s.image)
        print(dest / f"{cond}_{k}.jpg", s.fmt, s.effects)
