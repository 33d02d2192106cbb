"""Printed matter to photograph: A4 letters, forms, tables, certificates, ID cards and small cards (linear reflectance)."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from testkit.heldout._props import draw_text, font

_HANZI = ("中华人民共和国居民身份证申请表办理事项说明根据有关规定现将相关材料提交审核本人承诺所填信息真实有效"
          "社会保障卡公积金提取不动产登记营业执照户籍证明结婚登记出生医学证明学历学位证书荣誉证书")
_LATIN = ("application form certificate of residence the applicant declares that the information given "
          "is true and complete signature date address office use only reference number approved").split()


@dataclass
class Sheet:
    """A flat printed object: reflectance texture (HxWx3), coverage (rounded corners) and size in mm."""

    albedo: np.ndarray
    cover: np.ndarray
    px_per_mm: float
    size_mm: tuple[float, float]
    kind: str
    glossy: bool = False


def _line(rng: np.random.Generator, n: int) -> str:
    if rng.random() < 0.6:
        return "".join(rng.choice(list(_HANZI), size=n))
    return " ".join(str(w) for w in rng.choice(_LATIN, size=max(2, n // 3))).capitalize()


def _paper(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    base = rng.uniform(0.72, 0.9)
    tint = np.float32([rng.uniform(0.94, 1.0), rng.uniform(0.97, 1.0), 1.0])  # BGR, slightly warm
    fibre = cv2.GaussianBlur(rng.standard_normal((h, w)).astype(np.float32), (0, 0), 1.5) * 0.015
    return (np.ones((h, w, 3), np.float32) * base * tint * (1 + fibre)[..., None]).astype(np.float32)


def _ink(rng: np.random.Generator) -> tuple:
    k = rng.uniform(0.02, 0.08)
    return (k * rng.uniform(1.0, 1.6), k, k) if rng.random() < 0.2 else (k, k, k)


def _stamp(img: np.ndarray, rng: np.random.Generator, centre: tuple[int, int], radius: int) -> None:
    """A red official seal: ring, star and a line of text, printed as a multiplicative ink layer."""
    m = np.zeros(img.shape[:2], np.float32)
    cv2.circle(m, centre, radius, 1.0, max(2, radius // 14), cv2.LINE_AA)
    star = np.array([[np.cos(np.radians(-90 + 144 * k)), np.sin(np.radians(-90 + 144 * k))] for k in range(5)])
    cv2.fillPoly(m, [(star * radius * 0.3 + centre).astype(np.int32)], 1.0, cv2.LINE_AA)
    f = font(max(8, radius // 4))
    text = "".join(rng.choice(list(_HANZI), size=6))
    tw = f.getlength(text)
    draw_text(m, (int(centre[0] - tw / 2), int(centre[1] + radius * 0.35)), text, max(8, radius // 4), 1.0)
    m *= rng.uniform(0.55, 0.9) * (0.75 + 0.25 * (rng.random(m.shape) > 0.3))  # uneven ink
    red = np.float32([0.05, 0.04, 0.55])
    img *= 1 - m[..., None] * (1 - red)


def _text_block(img, rng, x0, y0, x1, y1, size, ink, gap=1.6) -> None:
    y = y0
    while y + size < y1:
        n = int((x1 - x0) / size * rng.uniform(0.5, 1.0))
        draw_text(img, (x0, y), _line(rng, max(3, n)), size, ink)
        y += int(size * gap)


def a4_page(rng: np.random.Generator, kind: str) -> Sheet:
    """An A4 page (210 x 297 mm): 'letter' text, 'form' with boxes, or 'table'; may carry a stamp."""
    ppm = 4.0
    w, h = int(210 * ppm), int(297 * ppm)
    img = _paper(rng, h, w)
    ink = _ink(rng)
    m = int(rng.uniform(18, 30) * ppm)
    title = int(rng.uniform(5, 8) * ppm)
    draw_text(img, (m + int(rng.uniform(0, 40) * ppm), m), _line(rng, 10)[:14], title, ink)
    top = m + int(title * 2.2)
    body = int(rng.uniform(3.0, 4.2) * ppm)
    if kind == "letter":
        _text_block(img, rng, m, top, w - m, h - m - int(30 * ppm), body, ink)
    elif kind == "form":
        y = top
        while y < h - m - 40 * ppm:
            label_w = int(rng.uniform(25, 45) * ppm)
            draw_text(img, (m, y + 2), _line(rng, 4), body, ink)
            box_h = int(rng.choice([8, 8, 16, 24]) * ppm)
            cv2.rectangle(img, (m + label_w, y), (w - m, y + box_h), ink, max(1, int(0.3 * ppm)))
            if rng.random() < 0.4:  # handwritten-ish entry in blue
                draw_text(img, (m + label_w + 8, y + 2), _line(rng, 6), body, (0.35, 0.12, 0.05))
            y += box_h + int(rng.uniform(3, 6) * ppm)
    else:  # table
        rows, cols = int(rng.integers(8, 25)), int(rng.integers(3, 7))
        x_edges = np.linspace(m, w - m, cols + 1).astype(int)
        row_h = int(min((h - top - m - 30 * ppm) / rows, 12 * ppm))
        for r in range(rows + 1):
            cv2.line(img, (x_edges[0], top + r * row_h), (x_edges[-1], top + r * row_h), ink, 1, cv2.LINE_AA)
        for x in x_edges:
            cv2.line(img, (x, top), (x, top + rows * row_h), ink, 1, cv2.LINE_AA)
        for r in range(rows):
            for c in range(cols):
                txt = _line(rng, 4)[:5] if r == 0 else str(rng.integers(1, 99999))
                draw_text(img, (x_edges[c] + 6, top + r * row_h + row_h // 5), txt, int(row_h * 0.5), ink)
    if rng.random() < 0.6:
        _stamp(img, rng, (int(w - m - rng.uniform(20, 50) * ppm), int(h - m - rng.uniform(15, 35) * ppm)),
               int(rng.uniform(18, 22) * ppm))
    return Sheet(img, np.ones((h, w), np.float32), ppm, (210.0, 297.0), kind)


def certificate(rng: np.random.Generator) -> Sheet:
    """A certificate (A4, portrait or landscape) with a coloured ornamental border and a seal."""
    ppm = 4.0
    landscape = rng.random() < 0.5
    wmm, hmm = (297.0, 210.0) if landscape else (210.0, 297.0)
    w, h = int(wmm * ppm), int(hmm * ppm)
    img = _paper(rng, h, w) * np.float32([rng.uniform(0.85, 1.0), rng.uniform(0.92, 1.0), 1.0])
    colour = np.float32(rng.choice([(0.05, 0.1, 0.45), (0.35, 0.15, 0.02), (0.05, 0.3, 0.05), (0.02, 0.25, 0.5)]))
    b = int(rng.uniform(6, 14) * ppm)
    ring = np.zeros((h, w), np.float32)
    cv2.rectangle(ring, (b // 3, b // 3), (w - b // 3, h - b // 3), 1.0, b // 2)
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    wave = 0.5 + 0.5 * np.sin((xx + yy) / rng.uniform(3, 8)) * np.sin((xx - yy) / rng.uniform(3, 8))
    ring *= 0.6 + 0.4 * wave
    inner = np.zeros((h, w), np.float32)
    cv2.rectangle(inner, (b, b), (w - b, h - b), 1.0, max(1, int(0.6 * ppm)), cv2.LINE_AA)
    layer = np.clip(ring + inner, 0, 1)[..., None]
    img = img * (1 - layer) + layer * colour * img
    ink = _ink(rng)
    big = int(rng.uniform(12, 18) * ppm)
    title = str(rng.choice(["荣誉证书", "结业证书", "CERTIFICATE", "资格证书"]))
    tw = font(big).getlength(title)
    draw_text(img, (int((w - tw) / 2), int(b + 20 * ppm)), title, big, colour * 0.6)
    _text_block(img, rng, int(b + 25 * ppm), int(b + 50 * ppm), int(w - b - 25 * ppm), int(h - b - 45 * ppm),
                int(rng.uniform(4.5, 6.5) * ppm), ink, gap=2.0)
    _stamp(img, rng, (int(w - b - 45 * ppm), int(h - b - 35 * ppm)), int(rng.uniform(18, 24) * ppm))
    return Sheet(img.astype(np.float32), np.ones((h, w), np.float32), ppm, (wmm, hmm), "certificate")


def _rounded_cover(h: int, w: int, r: int) -> np.ndarray:
    cover = np.zeros((h, w), np.float32)
    cv2.rectangle(cover, (r, 0), (w - 1 - r, h - 1), 1.0, -1)
    cv2.rectangle(cover, (0, r), (w - 1, h - 1 - r), 1.0, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
        cv2.circle(cover, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
    return cover


def id_card(rng: np.random.Generator) -> Sheet:
    """An ID-1 card (85.6 x 54 mm, 3.18 mm corner radius): tinted guilloche, photo, fields, number."""
    ppm = 10.0
    w, h = int(85.6 * ppm), int(54.0 * ppm)
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    tint = np.float32(rng.choice([(0.75, 0.6, 0.45), (0.55, 0.7, 0.6), (0.6, 0.55, 0.7), (0.5, 0.62, 0.75)]))
    guil = 0.9 + 0.1 * np.sin(xx / 9 + 3 * np.sin(yy / 23)) * np.cos(yy / 7 + 2 * np.sin(xx / 31))
    grad = 0.85 + 0.15 * (xx / w)
    img = (tint[None, None, :] * (guil * grad)[..., None]).astype(np.float32)
    ink = (0.03, 0.03, 0.03)
    # Photo: a light panel with a head and shoulders.
    px0, py0, pw, ph = int(w * 0.66), int(h * 0.14), int(w * 0.26), int(h * 0.58)
    img[py0:py0 + ph, px0:px0 + pw] = np.float32(rng.uniform(0.6, 0.85, 3))
    skin = np.float32(rng.choice([(0.3, 0.38, 0.55), (0.18, 0.25, 0.4), (0.1, 0.14, 0.22)]))
    cv2.ellipse(img, (px0 + pw // 2, py0 + int(ph * 0.42)), (int(pw * 0.24), int(ph * 0.26)), 0, 0, 360,
                skin.tolist(), -1, cv2.LINE_AA)
    cv2.ellipse(img, (px0 + pw // 2, py0 + ph), (int(pw * 0.48), int(ph * 0.3)), 0, 180, 360,
                (0.08, 0.08, 0.1), -1, cv2.LINE_AA)
    cv2.ellipse(img, (px0 + pw // 2, py0 + int(ph * 0.28)), (int(pw * 0.26), int(ph * 0.16)), 0, 180, 360,
                (0.02, 0.02, 0.02), -1, cv2.LINE_AA)
    size = int(3.0 * ppm)
    labels = ["姓名", "性别", "出生", "住址"]
    for i, lab in enumerate(labels):
        y = int(h * 0.1 + i * size * 1.9)
        draw_text(img, (int(5 * ppm), y), lab, int(size * 0.8), (0.35, 0.3, 0.15))
        draw_text(img, (int(16 * ppm), y), "".join(rng.choice(list(_HANZI), size=int(rng.integers(2, 9)))), size, ink)
    number = "".join(str(d) for d in rng.integers(0, 10, 18))
    draw_text(img, (int(5 * ppm), int(h * 0.8)), "公民身份号码 " + number, int(size * 0.9), ink)
    return Sheet(img, _rounded_cover(h, w, int(3.18 * ppm)), ppm, (85.6, 54.0), "id_card", glossy=True)


def small_card(rng: np.random.Generator) -> Sheet:
    """A bank card (ID-1, dark or colourful) or a white business card (90 x 54 mm)."""
    ppm = 10.0
    if rng.random() < 0.5:
        w, h = int(90 * ppm), int(54 * ppm)
        img = _paper(rng, h, w)
        ink = _ink(rng)
        draw_text(img, (int(8 * ppm), int(10 * ppm)), "".join(rng.choice(list(_HANZI), size=3)), int(6 * ppm), ink)
        _text_block(img, rng, int(8 * ppm), int(25 * ppm), int(80 * ppm), int(50 * ppm), int(3 * ppm), ink)
        return Sheet(img, np.ones((h, w), np.float32), ppm, (90.0, 54.0), "business_card")
    w, h = int(85.6 * ppm), int(54.0 * ppm)
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    c0, c1 = np.float32(rng.uniform(0.01, 0.5, 3)), np.float32(rng.uniform(0.01, 0.5, 3))
    t = (xx / w * 0.7 + yy / h * 0.3)[..., None]
    img = (c0 * (1 - t) + c1 * t).astype(np.float32)
    cv2.rectangle(img, (int(10 * ppm), int(18 * ppm)), (int(21 * ppm), int(27 * ppm)), (0.25, 0.5, 0.6), -1, cv2.LINE_AA)
    number = "  ".join("".join(str(d) for d in rng.integers(0, 10, 4)) for _ in range(4))
    draw_text(img, (int(8 * ppm), int(33 * ppm)), number, int(4.5 * ppm), (0.85, 0.85, 0.85))
    return Sheet(img, _rounded_cover(h, w, int(3.18 * ppm)), ppm, (85.6, 54.0), "bank_card", glossy=True)
