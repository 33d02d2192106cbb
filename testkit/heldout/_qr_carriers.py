"""What a QR code is shown on: a phone (body, bezel, emissive screen with a pixel grid) or a thermal receipt slip."""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
import segno

from testkit.heldout._props import draw_text

ECC_LEVELS = ("L", "M", "Q", "H")
_HANZI = ("政务服务中心办理业务预约取号社会保障卡居民身份证户籍证明营业执照不动产登记公积金医疗保险"
          "缴费查询打印材料窗口请持本码到自助终端扫描领取结果欢迎使用一网通办城市服务大厅")
_WORDS = ("appointment ticket window service counter booking reference citizen permit renewal queue "
          "document pickup tax office health insurance residence license payment receipt").split()


@dataclass
class Code:
    """A QR symbol: payload bytes, version, ECC level and its module matrix (1 = dark), no quiet zone."""

    payload: bytes
    version: int
    ecc: str
    kind: str
    modules: np.ndarray


@dataclass
class Carrier:
    """A textured sheet in millimetres: reflectance, light emission, coverage and the code's placement."""

    albedo: np.ndarray        # HxWx3 linear reflectance
    emission: np.ndarray      # HxWx3 linear emitted radiance (0 for paper)
    cover: np.ndarray         # HxW 0..1 (rounded corners, slip outline)
    glass: np.ndarray         # HxW 0..1 where a glossy glass front reflects (phones only)
    px_per_mm: float
    size_mm: tuple[float, float]
    code_corners: np.ndarray  # 4x2 mm, TL TR BR BL of the symbol (no quiet zone)
    kind: str
    height_fn: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
    finger_edges: tuple = ()  # (u, v, inward angle deg) candidates for finger tips


def _text_payload(rng: np.random.Generator, kind: str, n: int) -> str:
    if kind == "url":
        host = rng.choice(["gov.example.cn", "ywtb.example.gov", "m.service.example.org", "pay.example.com"])
        alnum = string.ascii_letters + string.digits
        token = "".join(rng.choice(list(alnum), size=max(n, 8)))
        return f"https://{host}/q/{token[:6]}?t={token[6:]}"
    if kind in ("short_text", "long_text"):
        words = [str(rng.choice(_WORDS)) for _ in range(max(2, n // 4))]
        return " ".join(words).capitalize() + f" #{rng.integers(100, 99999)}"
    if kind == "chinese":
        return "".join(rng.choice(list(_HANZI), size=max(2, n)))
    if kind == "digits":
        return "".join(rng.choice(list(string.digits), size=max(4, n)))
    # binary-ish token
    import base64
    return base64.urlsafe_b64encode(rng.bytes(max(3, n))).decode("ascii").rstrip("=")


_KIND_VERSIONS = {"url": (2, 10), "short_text": (1, 4), "long_text": (5, 12), "chinese": (2, 12),
                  "digits": (1, 8), "base64": (3, 12)}


def make_code(rng: np.random.Generator, max_version: int = 12) -> Code:
    """A random payload of a random kind, filling 55-100 % of a chosen version at a chosen ECC level."""
    kind = str(rng.choice(list(_KIND_VERSIONS)))
    lo, hi = _KIND_VERSIONS[kind]
    hi = max(1, min(hi, max_version))
    lo = min(lo, hi)
    version = int(rng.integers(lo, hi + 1))
    ecc = str(rng.choice(ECC_LEVELS))
    text = _text_payload(rng, kind, 600)
    mode = "byte" if kind in ("chinese", "base64") else None
    fits = _longest_prefix(text, version, ecc, mode)
    keep = max(1, int(fits * rng.uniform(0.55, 1.0)))
    text = text[:keep]
    data = text.encode("utf-8")
    qr = segno.make(data if mode else text, version=version, error=ecc, boost_error=False, micro=False, mode=mode)
    return Code(data, qr.version, qr.error, kind, np.array(qr.matrix, np.uint8))


def _longest_prefix(text: str, version: int, ecc: str, mode: str | None) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            chunk = text[:mid]
            segno.make(chunk.encode("utf-8") if mode else chunk, version=version, error=ecc,
                       boost_error=False, micro=False, mode=mode)
            lo = mid
        except Exception:  # segno raises DataOverflowError (and ValueError for some modes)
            hi = mid - 1
    return lo


def _module_px(code_mm: float, ppm: float, n: int) -> int:
    return max(2, int(round(code_mm * ppm / n)))


def _paint_code(img: np.ndarray, modules: np.ndarray, x0: float, y0: float, module_px: int,
                dark, light) -> None:
    n = modules.shape[0]
    size = n * module_px
    mod = cv2.resize(modules.astype(np.float32), (size, size), interpolation=cv2.INTER_NEAREST)
    xi, yi = int(round(x0)), int(round(y0))
    region = img[yi:yi + size, xi:xi + size]
    m = mod[..., None]
    region[...] = np.float32(light) * (1 - m) + np.float32(dark) * m


def phone(rng: np.random.Generator, code: Code, code_mm: float, brightness: float) -> Carrier:
    """A smartphone showing the code in an app screen; emission is in units of paper-white radiance."""
    ppm = 10.0
    w_mm, h_mm = rng.uniform(68, 78), rng.uniform(140, 165)
    bezel = rng.uniform(1.5, 4.0)
    radius_mm = rng.uniform(6, 12)
    W, H = int(w_mm * ppm), int(h_mm * ppm)
    body_colour = np.float32(rng.choice([(0.02, 0.02, 0.02), (0.25, 0.25, 0.27), (0.5, 0.48, 0.45),
                                        (0.35, 0.12, 0.05), (0.05, 0.1, 0.35)]))
    albedo = np.ones((H, W, 3), np.float32) * body_colour
    cover = np.zeros((H, W), np.float32)
    r = int(radius_mm * ppm)
    cv2.rectangle(cover, (r, 0), (W - 1 - r, H - 1), 1.0, -1)
    cv2.rectangle(cover, (0, r), (W - 1, H - 1 - r), 1.0, -1)
    for cx, cy in ((r, r), (W - 1 - r, r), (r, H - 1 - r), (W - 1 - r, H - 1 - r)):
        cv2.circle(cover, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
    bz = int(bezel * ppm)
    sx0, sy0, sx1, sy1 = bz, bz + int(rng.uniform(0, 8) * ppm), W - bz, H - bz - int(rng.uniform(0, 8) * ppm)
    albedo[sy0:sy1, sx0:sx1] = 0.03  # black glass over the panel
    albedo[:, :] = albedo * cover[..., None]
    emission = np.zeros_like(albedo)
    screen = np.ones((sy1 - sy0, sx1 - sx0, 3), np.float32)
    theme = np.float32(rng.uniform(0.2, 0.9, 3))
    bar_h = int(rng.uniform(8, 18) * ppm)
    screen[:bar_h] = theme
    draw_text(screen, (int(4 * ppm), int(bar_h * 0.25)), str(rng.choice(["电子凭证", "Ticket", "扫码核验", "My Pass"])),
              int(bar_h * 0.45), (1.0, 1.0, 1.0))
    sw, sh = screen.shape[1], screen.shape[0]
    mpx = _module_px(code_mm, ppm, code.modules.shape[0])
    code_mm = mpx * code.modules.shape[0] / ppm
    qx = (sw - code_mm * ppm) / 2 + rng.uniform(-2, 2) * ppm
    qy = bar_h + rng.uniform(10, max(11, (sh - bar_h - code_mm * ppm) * 0.5 / ppm)) * ppm
    qy = min(qy, sh - code_mm * ppm - 6 * ppm)
    qx, qy = round(qx), round(qy)
    _paint_code(screen, code.modules, qx, qy, mpx, dark=(0.0, 0.0, 0.0), light=(1.0, 1.0, 1.0))
    draw_text(screen, (int(qx), int(qy + code_mm * ppm + 3 * ppm)), str(rng.choice(["请出示此码", "Show at the kiosk",
              "有效期 5 分钟", "Ref 20261128"])), int(3.5 * ppm), (0.25, 0.25, 0.25))
    # Pixel grid of the panel (RGB stripes, dark gaps): sampled by the camera it gives moire.
    period = rng.uniform(2.3, 3.6)
    xs = np.arange(sw, dtype=np.float32)
    ys = np.arange(sh, dtype=np.float32)
    depth = rng.uniform(0.15, 0.35)
    phase = (xs / period) % 1.0
    stripes = np.stack([np.clip(1 - 3 * np.abs(phase - c), 0.3, 1) for c in (5 / 6, 0.5, 1 / 6)], axis=1)
    rows = 1 - depth * (np.cos(2 * np.pi * ys / period) > 0.6)
    grid = (1 - depth) + depth * stripes[None, :, :]
    screen = screen * grid * rows[:, None, None].astype(np.float32)
    black_level = rng.uniform(0.002, 0.02)
    emission[sy0:sy1, sx0:sx1] = (screen * (1 - black_level) + black_level) * brightness
    glass = cover.copy()
    code_corners = np.array([[qx, qy], [qx + code_mm * ppm, qy], [qx + code_mm * ppm, qy + code_mm * ppm],
                             [qx, qy + code_mm * ppm]], np.float64)
    code_corners = (code_corners + [sx0, sy0]) / ppm
    edges = tuple((0.0 + rng.uniform(2.0, 7.0), float(v), 0.0) for v in rng.uniform(0.3, 0.9, 3) * h_mm) + \
        tuple((w_mm - rng.uniform(2.0, 7.0), float(v), 180.0) for v in rng.uniform(0.3, 0.9, 3) * h_mm)
    return Carrier(albedo, emission, cover, glass, ppm, (w_mm, h_mm), code_corners, "phone", None, edges)


def slip(rng: np.random.Generator, code: Code, code_mm: float, ink: float, paper: float) -> Carrier:
    """A thermal receipt slip with printed lines and the code, gently curled."""
    ppm = 10.0
    w_mm = float(rng.choice([58.0, 80.0]))
    code_mm = min(code_mm, w_mm - 10)
    top_mm = rng.uniform(25, 60)
    h_mm = top_mm + code_mm + rng.uniform(15, 45)
    W, H = int(w_mm * ppm), int(h_mm * ppm)
    tint = np.float32([rng.uniform(0.97, 1.02), 1.0, rng.uniform(0.96, 1.0)])
    albedo = np.ones((H, W, 3), np.float32) * paper * tint
    fibre = cv2.GaussianBlur(rng.standard_normal((H, W)).astype(np.float32), (0, 0), 2.0) * 0.02
    albedo *= (1 + fibre)[..., None]
    ink_rgb = (ink, ink, ink * 1.05)
    y = int(rng.uniform(4, 8) * ppm)
    draw_text(albedo, (int(4 * ppm), y), str(rng.choice(["市民服务中心", "CITY SERVICE HALL", "自助服务终端 07"])),
              int(5 * ppm), ink_rgb)
    y += int(8 * ppm)
    while y < (top_mm - 6) * ppm:
        line = str(rng.choice(["业务编号", "Queue No.", "窗口", "Date", "办理事项", "Amount"])) + \
            f"  {rng.integers(10, 99999)}"
        draw_text(albedo, (int(4 * ppm), y), line, int(rng.uniform(3, 4) * ppm), ink_rgb)
        y += int(rng.uniform(4.5, 6) * ppm)
    mpx = _module_px(code_mm, ppm, code.modules.shape[0])
    code_mm = mpx * code.modules.shape[0] / ppm
    qx = round((W - code_mm * ppm) / 2)
    qy = round(top_mm * ppm)
    _paint_code(albedo, code.modules, qx, qy, mpx, dark=ink_rgb, light=albedo[qy, qx].tolist())
    # Thermal head wear: faint vertical streaks where the print is lighter.
    streak = 1 - np.clip(cv2.GaussianBlur(rng.standard_normal((1, W)).astype(np.float32), (0, 0), 3.0) * 0.6, -0.3, 0.5)
    dark = albedo < paper * 0.6
    albedo = np.where(dark, np.clip(albedo / np.maximum(streak[..., None], 0.5), 0, paper), albedo).astype(np.float32)
    draw_text(albedo, (int(4 * ppm), int((top_mm + code_mm + 4) * ppm)), "扫码查询办理进度 Scan to track",
              int(3.2 * ppm), ink_rgb)
    cover = np.ones((H, W), np.float32)
    curl_w = rng.uniform(-3.0, 6.0)
    curl_l = rng.uniform(0.0, 12.0)
    v_mid = rng.uniform(0.3, 0.7) * h_mm

    def height(u, v):
        return curl_w * ((u - w_mm / 2) / (w_mm / 2)) ** 2 + curl_l * ((v - v_mid) / h_mm) ** 2

    code_corners = np.array([[qx, qy], [qx + code_mm * ppm, qy], [qx + code_mm * ppm, qy + code_mm * ppm],
                             [qx, qy + code_mm * ppm]], np.float64) / ppm
    edges = []
    for v in (rng.uniform(2, top_mm - 5), rng.uniform(top_mm + code_mm + 5, h_mm - 2)):
        edges.append((rng.uniform(1, 5), float(v), 0.0))
        edges.append((w_mm - rng.uniform(1, 5), float(v), 180.0))
    edges.append((rng.uniform(0.3, 0.7) * w_mm, h_mm - rng.uniform(1, 5), 270.0))
    return Carrier(albedo.astype(np.float32), np.zeros_like(albedo), cover, np.zeros((H, W), np.float32),
                   ppm, (w_mm, h_mm), code_corners, "slip", height, tuple(edges))
