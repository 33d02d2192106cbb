"""Tuning set for the QR camera: bursts of consecutive 720p frames (30 fps) per named condition.

A phone screen or a paper slip moves in front of a fixed camera; each burst is what the camera
sends in a fraction of a second. Conditions follow issue 14: motion blur (medium, strong), glare on
phone screens, low contrast, heavy JPEG, plus low light, defocus, small/far codes and a clean
control. Import `bursts(seed, per_condition)`; the same seed gives the same frames.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import segno

W, H = 1280, 720
FPS = 30.0
CONDITIONS = ("clean", "motion_medium", "motion_strong", "screen_glare", "low_contrast",
              "heavy_jpeg", "low_light", "defocus", "small")
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
_HANZI = "办事服务中心取件码回执身份证明电子社保医疗户籍窗口预约业务编号查询"


@dataclass
class Burst:
    """Consecutive frames of one code under one condition, with the code's corners per frame."""

    condition: str
    payload: bytes
    frames: list[np.ndarray]
    corners: list[np.ndarray]


def _payload(rng: np.random.Generator) -> tuple[str, str]:
    kind = int(rng.integers(0, 4))
    if kind == 0:
        tail = "".join(rng.choice(list(_ALNUM.lower()), int(rng.integers(8, 50))))
        return f"https://zwfw.example.gov.cn/q/{tail}", "utf-8"
    if kind == 1:
        return "OTK1:R:" + "".join(rng.choice(list(_ALNUM), int(rng.integers(16, 80)))), "utf-8"
    if kind == 2:
        return "".join(rng.choice(list(_HANZI), int(rng.integers(3, 20)))), "gb18030"
    return "".join(rng.choice(list("0123456789"), int(rng.integers(10, 90)))), "utf-8"


def _scene(rng: np.random.Generator) -> np.ndarray:
    """A static counter/desk background with a few shapes, float32 gray-ish BGR."""
    base = rng.uniform(60, 190)
    img = np.full((H, W, 3), base, np.float32)
    img += (np.linspace(-1, 1, W)[None, :, None] * rng.uniform(-40, 40)).astype(np.float32)
    for _ in range(int(rng.integers(2, 8))):
        color = tuple(float(c) for c in rng.uniform(0, 255, 3))
        if rng.random() < 0.5:
            cv2.rectangle(img, (int(rng.integers(0, W)), int(rng.integers(0, H))),
                          (int(rng.integers(0, W)), int(rng.integers(0, H))), color, -1)
        else:
            cv2.line(img, (int(rng.integers(0, W)), int(rng.integers(0, H))),
                     (int(rng.integers(0, W)), int(rng.integers(0, H))), color,
                     int(rng.integers(1, 6)))
    return img


def _card(rng: np.random.Generator, text: str, enc: str, phone: bool, contrast: float
          ) -> tuple[np.ndarray, int, int]:
    """The code on its carrier (phone screen with bezel, or paper slip), 6 px per module."""
    ecl = rng.choice(["L", "M", "Q", "H"], p=[0.2, 0.45, 0.2, 0.15])
    m = np.array(segno.make(text, encoding=enc, error=ecl, micro=False).matrix, np.uint8)
    m = np.pad(m, 4)
    px = 6
    hi, lo = 128 + 127 * contrast, 128 - 127 * contrast
    code = np.kron(np.where(m == 1, lo, hi), np.ones((px, px))).astype(np.float32)
    if phone:
        # A screen shows pixel rows; the camera sees a faint line pattern (moire at a distance).
        code *= 1 - 0.06 * (np.arange(code.shape[0]) % 3 == 0)[:, None]
        margin = int(rng.integers(4, 14)) * px
        card = np.pad(code, margin, constant_values=float(hi))
        card = np.pad(card, 3 * px, constant_values=float(rng.uniform(10, 40)))  # bezel
    else:
        card = np.pad(code, int(rng.integers(2, 10)) * px, constant_values=float(hi))
    return card, m.shape[0], (card.shape[0] - code.shape[0]) // 2


def _pose_quad(center, angle, side, tilt, card_size, code_off, code_n) -> tuple[np.ndarray, ...]:
    half = side / 2
    sq = np.float32([[-half * (1 - tilt), -half], [half * (1 - tilt), -half],
                     [half * (1 + tilt * 0.5), half], [-half * (1 + tilt * 0.5), half]])
    rot = np.float32([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    dst = sq @ rot.T + np.float32(center)
    s = float(card_size)
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [s, 0], [s, s], [0, s]]), dst)
    c0, c1 = code_off, card_size - code_off
    corners = cv2.perspectiveTransform(
        np.float32([[[c0, c0], [c1, c0], [c1, c1], [c0, c1]]]), m)[0]
    return m, corners


def _motion_kernel(dx: float, dy: float) -> np.ndarray | None:
    length = math.hypot(dx, dy)
    if length < 1.0:
        return None
    n = int(math.ceil(length)) | 1
    k = np.zeros((n, n), np.float32)
    c = (n - 1) / 2
    for t in np.linspace(-0.5, 0.5, 4 * n):
        k[int(round(c + t * dy)), int(round(c + t * dx))] += 1
    return k / k.sum()


def _settings(cond: str, rng: np.random.Generator) -> dict:
    """Per-burst parameters: speed in px/frame, exposure, contrast, module size, etc."""
    s = {"speed": rng.uniform(0, 4), "exposure": 0.5, "contrast": rng.uniform(0.6, 0.9),
         "module": rng.uniform(3.0, 6.0), "phone": rng.random() < 0.6, "jpeg": 85,
         "defocus": 0.7, "noise": 2.0, "gain": 1.0, "glare": 0.0}
    if cond == "motion_medium":
        s["speed"], s["exposure"] = rng.uniform(10, 18), rng.uniform(0.4, 0.7)
    elif cond == "motion_strong":
        s["speed"], s["exposure"] = rng.uniform(18, 32), rng.uniform(0.5, 0.8)
    elif cond == "screen_glare":
        s["phone"], s["glare"] = True, rng.uniform(0.6, 1.0)
    elif cond == "low_contrast":
        s["contrast"], s["noise"] = rng.uniform(0.03, 0.08), rng.uniform(2, 5)
    elif cond == "heavy_jpeg":
        s["jpeg"], s["module"] = int(rng.integers(3, 10)), rng.uniform(2.4, 4.0)
    elif cond == "low_light":
        s["gain"], s["noise"] = rng.uniform(0.15, 0.3), rng.uniform(8, 16)
    elif cond == "defocus":
        s["defocus"] = rng.uniform(1.4, 2.4)
    elif cond == "small":
        s["module"] = rng.uniform(1.6, 2.4)
    return s


def make_burst(rng: np.random.Generator, cond: str, n_frames: int = 8) -> Burst:
    """One burst: the carrier moves along a smooth path with a varying speed (a hand slowing)."""
    text, enc = _payload(rng)
    st = _settings(cond, rng)
    card, code_n, off = _card(rng, text, enc, st["phone"], st["contrast"])
    side = st["module"] * code_n * card.shape[0] / (card.shape[0] - 2 * off)
    side = min(side, H * 0.95)
    scene = _scene(rng)
    center = np.array([rng.uniform(side * 0.6, W - side * 0.6),
                       rng.uniform(min(side * 0.6, H / 2), max(H - side * 0.6, H / 2))])
    heading = rng.uniform(0, 2 * math.pi)
    angle, tilt = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.25)
    spin = rng.uniform(-0.02, 0.02)
    phase = rng.uniform(0, 2 * math.pi)
    glare_at = rng.uniform(-0.3, 0.3, 2)
    frames, corners = [], []
    for f in range(n_frames):
        # Speed swings between ~0.35x and 1x of the nominal speed within a burst.
        speed = st["speed"] * (0.675 + 0.325 * math.sin(phase + f * 0.8))
        heading += rng.normal(0, 0.25)
        vel = speed * np.array([math.cos(heading), math.sin(heading)])
        center = center + vel
        center = np.clip(center, side * 0.55, np.array([W, H]) - side * 0.55)
        angle += spin
        m, quad = _pose_quad(center, angle, side, tilt, card.shape[0], off, code_n)
        layer = cv2.warpPerspective(card, m, (W, H), flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(np.ones_like(card), m, (W, H), flags=cv2.INTER_LINEAR)
        if st["glare"]:
            g = np.zeros((H, W), np.float32)
            gc = center + (glare_at + 0.02 * f * np.array([1, -1])) * side
            axes = (int(side * rng.uniform(0.12, 0.3)), int(side * rng.uniform(0.05, 0.15)))
            cv2.ellipse(g, (int(gc[0]), int(gc[1])), axes, float(np.degrees(angle)), 0, 360,
                        1.0, -1)
            g = cv2.GaussianBlur(g, (0, 0), max(2.0, side * 0.04)) * mask
            layer = layer + g * 255 * st["glare"] * 1.6
        k = _motion_kernel(*(vel * st["exposure"]))
        if k is not None:
            layer = cv2.filter2D(layer * mask, -1, k)
            mask = cv2.filter2D(mask, -1, k)
            img = scene * (1 - mask[..., None]) + layer[..., None]
        else:
            img = scene * (1 - mask[..., None]) + (layer * mask)[..., None]
        if st["phone"]:
            img[..., 0] += 12 * mask  # screens look bluish
        img = cv2.GaussianBlur(img, (0, 0), st["defocus"])
        img = img * st["gain"] + rng.normal(0, st["noise"], (H, W, 1)).astype(np.float32)
        img = np.clip(img, 0, 255).astype(np.uint8)
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, st["jpeg"]])
        frames.append(cv2.imdecode(buf, cv2.IMREAD_COLOR))
        corners.append(quad)
    return Burst(cond, text.encode(enc), frames, corners)


def bursts(seed: int, per_condition: int, n_frames: int = 8,
           conditions: tuple[str, ...] = CONDITIONS) -> list[Burst]:
    """per_condition bursts of every condition, reproducible from the seed."""
    out = []
    for ci, cond in enumerate(conditions):
        rng = np.random.default_rng([seed, ci])
        out.extend(make_burst(rng, cond, n_frames) for _ in range(per_condition))
    return out


if __name__ == "__main__":
    import sys
    from pathlib import Path

    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qr_conditions")
    dest.mkdir(parents=True, exist_ok=True)
    for i, b in enumerate(bursts(1, 1)):
        for j, fr in enumerate(b.frames[:3]):
            cv2.imwrite(str(dest / f"{b.condition}_{i}_{j}.jpg"), fr)
    print(dest)
