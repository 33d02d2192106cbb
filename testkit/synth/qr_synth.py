"""Labelled synthetic QR frames (1280x720) for the decoding benchmark: an easy and a hard set.

Usage: .venv/bin/python bench/qr_synth.py [--out bench/data/qr] [--n 200] [--seed 1]
Writes <set>/<nnnn>.png and labels.json ({file: text}); or import `generate()`.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import segno

W, H = 1280, 720
HANZI = "办事服务中心取件码回执身份证明电子社保医疗户籍窗口预约业务编号查询市区街道民政税务公积金"
ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


@dataclass
class Sample:
    """One frame with its ground truth and the degradations applied."""

    image: np.ndarray
    text: str
    encoding: str
    tags: tuple[str, ...]
    quad: np.ndarray  # 4x2 corners of the code card in the frame


def _random_text(rng: np.random.Generator) -> tuple[str, str]:
    """Content like what residents show: URLs, numbers, kiosk payloads, Chinese in two encodings."""
    kind = rng.choice(["url", "digits", "payload", "utf8", "gb18030", "mixed"],
                      p=[0.2, 0.1, 0.2, 0.2, 0.15, 0.15])
    if kind == "url":
        tail = "".join(rng.choice(list(ALNUM.lower()), int(rng.integers(6, 40))))
        return f"https://zwfw.example.gov.cn/q/{tail}", "utf-8"
    if kind == "digits":
        return "".join(rng.choice(list("0123456789"), int(rng.integers(8, 60)))), "utf-8"
    if kind == "payload":
        body = "".join(rng.choice(list(ALNUM), int(rng.integers(20, 70))))
        return f"OTK1:{rng.choice(['P', 'R', 'E'])}:{body}", "utf-8"
    hanzi = "".join(rng.choice(list(HANZI), int(rng.integers(2, 24))))
    if kind == "mixed":
        return f"{hanzi}-{int(rng.integers(0, 10**8))}", rng.choice(["utf-8", "gb18030"])
    return hanzi, "utf-8" if kind == "utf8" else "gb18030"


def _qr_matrix(rng: np.random.Generator, text: str, encoding: str) -> np.ndarray:
    error = rng.choice(["L", "M", "Q", "H"], p=[0.25, 0.4, 0.2, 0.15])
    code = segno.make(text, error=error, encoding=encoding, micro=False, boost_error=False)
    m = np.array(code.matrix, dtype=np.uint8)
    return np.pad(m, 4)  # quiet zone of 4 modules


def _background(rng: np.random.Generator) -> np.ndarray:
    """Cluttered scene: gradient, blobs, lines, texture."""
    base = rng.integers(40, 200, 3)
    gx = np.linspace(-1, 1, W)[None, :, None] * rng.integers(-60, 60)
    gy = np.linspace(-1, 1, H)[:, None, None] * rng.integers(-60, 60)
    img = np.clip(base[None, None, :] + gx + gy, 0, 255).astype(np.uint8)
    img = np.broadcast_to(img, (H, W, 3)).copy()
    for _ in range(int(rng.integers(3, 12))):
        color = tuple(int(c) for c in rng.integers(0, 255, 3))
        if rng.random() < 0.5:
            p1 = (int(rng.integers(0, W)), int(rng.integers(0, H)))
            p2 = (int(rng.integers(0, W)), int(rng.integers(0, H)))
            cv2.line(img, p1, p2, color, int(rng.integers(1, 8)))
        else:
            c = (int(rng.integers(0, W)), int(rng.integers(0, H)))
            cv2.circle(img, c, int(rng.integers(10, 120)), color, -1)
    noise = rng.normal(0, 6, (H, W, 1))
    return np.clip(img + noise, 0, 255).astype(np.uint8)


def _place(rng: np.random.Generator, matrix: np.ndarray, side: float, tilt: float,
           invert: bool, contrast: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Warp the code (with a phone/paper card around it) into the frame; returns image, mask."""
    n = matrix.shape[0]
    scale = 8
    light = 128 + 127 * contrast
    dark = 128 - 127 * contrast
    level = 128 + rng.uniform(-40, 40) * (1 - contrast)  # low contrast also shifts brightness
    code = np.where(matrix == 1, dark, light) - 128 + level
    if invert:
        code = 2 * level - code
    card = np.kron(code, np.ones((scale, scale)))
    # A margin around the quiet zone that looks like a phone bezel or paper edge.
    margin = int(rng.integers(0, 4)) * scale
    fill = rng.uniform(0, 60) if (invert or rng.random() < 0.5) else rng.uniform(150, 240)
    card = np.pad(card, margin, constant_values=fill)
    size = card.shape[0]
    src = np.float32([[0, 0], [size, 0], [size, size], [0, size]])
    # Out-of-plane tilt: shrink one side, then rotate in plane, then place.
    half = side / 2.0 * size / (n * scale)
    k = tilt
    sq = np.float32([[-half * (1 - k), -half], [half * (1 - k), -half], [half * (1 + k * 0.6), half],
                     [-half * (1 + k * 0.6), half]])
    if rng.random() < 0.5:
        sq = sq[:, ::-1].copy()
    ang = rng.uniform(0, 2 * math.pi)
    rot = np.float32([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    sq = sq @ rot.T
    ext = np.abs(sq).max(axis=0)
    cx = rng.uniform(ext[0] + 5, W - ext[0] - 5) if W > 2 * ext[0] + 10 else W / 2
    cy = rng.uniform(ext[1] + 5, H - ext[1] - 5) if H > 2 * ext[1] + 10 else H / 2
    dst = (sq + np.float32([cx, cy])).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(card.astype(np.float32), m, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((size, size), np.float32), m, (W, H),
                               flags=cv2.INTER_LINEAR)
    return warped, mask, dst


def _motion_kernel(length: int, angle: float) -> np.ndarray:
    k = np.zeros((length, length), np.float32)
    c = (length - 1) / 2
    dx, dy = math.cos(angle), math.sin(angle)
    for t in np.linspace(-c, c, length * 2):
        k[int(round(c + t * dy)), int(round(c + t * dx))] = 1
    return k / k.sum()


def make_frame(rng: np.random.Generator, hard: bool) -> Sample:
    """One labelled frame; the hard set stacks 2-3 strong degradations, the easy set 0-1 mild."""
    text, encoding = _random_text(rng)
    matrix = _qr_matrix(rng, text, encoding)
    n = matrix.shape[0]
    all_tags = ["blur", "motion", "noise", "jpeg", "glare", "lowcontrast", "small", "invert",
                "tilt"]
    count = int(rng.integers(2, 4)) if hard else int(rng.integers(0, 2))
    tags = set(rng.choice(all_tags, count, replace=False)) if count else set()
    s = 1.0 if hard else 0.45  # severity
    module = rng.uniform(1.4, 2.4) if "small" in tags else rng.uniform(2.5, 7.0)
    side = float(np.clip(module * n, 40, 640))
    tilt = rng.uniform(0.25, 0.25 + 0.35 * s) if "tilt" in tags else rng.uniform(0, 0.15)
    contrast = rng.uniform(0.08, 0.08 + 0.25 / max(s, 0.5) * 0.5) if "lowcontrast" in tags \
        else rng.uniform(0.55, 0.9)
    code, mask, quad = _place(rng, matrix, side, tilt, "invert" in tags, contrast)
    bg = _background(rng).astype(np.float32)
    img = bg * (1 - mask[..., None]) + code[..., None] * mask[..., None]
    img *= rng.uniform(0.85, 1.1, 3)[None, None, :]  # colour cast
    if "glare" in tags:
        ys, xs = np.nonzero(mask > 0.5)
        i = int(rng.integers(0, len(ys)))
        g = np.zeros((H, W), np.float32)
        axes = (int(side * rng.uniform(0.1, 0.25 * (1 + s))), int(side * rng.uniform(0.05, 0.2)))
        cv2.ellipse(g, (int(xs[i]), int(ys[i])), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
        g = cv2.GaussianBlur(g, (0, 0), max(2.0, side * 0.05))
        img = img + g[..., None] * rng.uniform(120, 260) * s
    if "blur" in tags:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 0.5 + 0.35 * module * s))
    else:
        img = cv2.GaussianBlur(img, (0, 0), 0.6)  # every lens blurs a little
    if "motion" in tags:
        length = int(rng.integers(3, 3 + int(module * 2.2 * s) + 1))
        img = cv2.filter2D(img, -1, _motion_kernel(length, rng.uniform(0, math.pi)))
    if "noise" in tags:
        img = img + rng.normal(0, rng.uniform(6, 6 + 18 * s), img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    quality = int(rng.integers(12, 12 + int(40 / s))) if "jpeg" in tags else 90
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return Sample(img, text, encoding, tuple(sorted(tags)), quad)


def generate(n: int, seed: int, hard: bool) -> list[Sample]:
    """n frames from one seed (the same seed gives the same frames)."""
    rng = np.random.default_rng(seed)
    return [make_frame(rng, hard) for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    """Write the easy and hard sets with their labels."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(Path(__file__).parent / "data" / "qr"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    for name, hard, offset in (("easy", False, 0), ("hard", True, 1000)):
        folder = Path(args.out) / name
        folder.mkdir(parents=True, exist_ok=True)
        labels = {}
        for i, s in enumerate(generate(args.n, args.seed + offset, hard)):
            fname = f"{i:04d}.png"
            cv2.imwrite(str(folder / fname), s.image)
            labels[fname] = {"text": s.text, "encoding": s.encoding, "tags": list(s.tags)}
        (folder / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1),
                                            encoding="utf-8")
        print(f"{name}: {args.n} frames in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
