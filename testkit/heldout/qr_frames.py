"""Held-out QR camera bursts: phones and receipt slips at 15-40 cm, 6 frames at 30 fps per sample.

Written from a description of kiosk conditions only (never from the project's generators or
pipelines); use it to measure, never to tune. Corners are the symbol's outer corners (no quiet zone)
in the code's own order TL, TR, BR, BL (TL = the finder pattern at module row 0, column 0).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np

from testkit.heldout import _sensor as sensor
from testkit.heldout._camera import Camera, clip_box, downsample, rotation, sample
from testkit.heldout._props import blurry_background, fingers, soft_blob, specular
from testkit.heldout._qr_carriers import Carrier, Code, make_code, phone, slip

CONDITIONS = ("clean", "motion_blur_medium", "motion_blur_strong", "screen_glare", "low_contrast",
              "heavy_jpeg", "small_far", "defocus", "mixed")
FRAME_W, FRAME_H = 1280, 720
BURST = 6
FPS = 30.0
_MIXABLE = ("motion_blur_medium", "motion_blur_strong", "screen_glare", "low_contrast", "heavy_jpeg",
            "small_far", "defocus")


@dataclass
class QrBurst:
    """One scene seen in BURST consecutive frames, with the payload and per-frame symbol corners."""

    condition: str
    payload: bytes
    frames: list[np.ndarray]
    corners: list[np.ndarray]
    meta: dict = field(default_factory=dict)


def _effects(condition: str, rng: np.random.Generator) -> set[str]:
    if condition == "mixed":
        while True:
            pair = set(rng.choice(_MIXABLE, size=2, replace=False).tolist())
            if pair != {"motion_blur_medium", "motion_blur_strong"}:
                return pair
    return set() if condition == "clean" else {condition}


@dataclass
class _Scene:
    carrier: Carrier
    code: Code
    camera: Camera
    effects: set
    code_px: float
    anchor: np.ndarray
    drift: np.ndarray
    tilt: np.ndarray
    distance: float
    background: np.ndarray
    light: float
    light_grad: tuple
    shadow: tuple | None
    finger_tips: list
    finger_w_mm: float
    blur: tuple | None       # (min px, max px, angle deg)
    defocus: float
    glare: tuple | None
    exposure_error: float
    jpeg: list
    noise: tuple
    sharpen: float
    vignette: float
    reflection: float
    low_contrast: str


def _scene(rng: np.random.Generator, condition: str) -> _Scene:
    effects = _effects(condition, rng)
    cam = Camera(FRAME_W, FRAME_H, focal=rng.uniform(950, 1100), k1=rng.uniform(-0.06, 0.0))
    small = "small_far" in effects
    code_px = rng.uniform(60, 120) if small else rng.uniform(130, 380)
    # Far and small codes are only shown at versions with at least ~1.5 px per module.
    max_version = max(1, min(12, int((code_px / 1.5 - 17) // 4))) if small else 12
    code = make_code(rng, max_version)
    on_phone = "screen_glare" in effects or rng.random() < 0.6
    low = "low_contrast" in effects
    lc_kind = str(rng.choice(["dim", "grey", "exposure"])) if low else ""
    if lc_kind in ("dim", "grey"):
        lc_kind = "dim" if on_phone else "grey"  # a phone screen is dimmed, a slip's print is faded
    if on_phone:
        brightness = rng.uniform(0.08, 0.25) if lc_kind == "dim" else rng.uniform(1.2, 4.0)
        carrier = phone(rng, code, rng.uniform(28, 48), brightness)
    else:
        if lc_kind == "grey":
            paper = rng.uniform(0.55, 0.8)
            ink = paper / rng.uniform(1.3, 1.8)  # grey on grey: faded thermal print
        else:
            ink, paper = rng.uniform(0.04, 0.16), rng.uniform(0.75, 0.9)
        carrier = slip(rng, code, rng.uniform(24, 40), ink, paper)
    code_mm = float(np.linalg.norm(carrier.code_corners[1] - carrier.code_corners[0]))
    distance = cam.focal * code_mm / code_px
    if not small:
        distance = float(np.clip(distance, 150, 400))
    code_px = cam.focal * code_mm / distance
    blur = None
    if "motion_blur_strong" in effects:
        blur = (15.0, 25.0, rng.uniform(0, 360))
    elif "motion_blur_medium" in effects:
        blur = (8.0, 15.0, rng.uniform(0, 360))
    drift = rng.normal(0, 2.0, 2)
    if blur:
        a = np.radians(blur[2])
        drift = np.array([np.cos(a), np.sin(a)]) * rng.uniform(1.0, 2.0) * (blur[0] + blur[1]) / 2
    margin = code_px * 0.9 + 20
    span = np.abs(drift) * (BURST - 1) / 2
    lo = np.array([margin, margin]) + span
    hi = np.array([FRAME_W - margin, FRAME_H - margin]) - span
    anchor = rng.uniform(np.minimum(lo, hi), np.maximum(lo, hi)) if np.all(hi > lo) else np.array(cam.center)
    defocus = 0.0
    if "defocus" in effects:
        # A fixed-focus lens: the blur disk depends on the camera and distance, not on the code.
        defocus = float(rng.uniform(2.0, 6.0))
    glare = None
    if "screen_glare" in effects:
        glare = (rng.uniform(0.15, 0.85, 2), rng.uniform(0.4, 1.1) * code_px, rng.uniform(0.12, 0.4) * code_px,
                 rng.uniform(0, 180), rng.uniform(1.0, 4.0), rng.normal(0, 0.04, 2) * code_px)
    exposure_error = rng.uniform(0.85, 1.2)
    if lc_kind == "exposure":
        exposure_error = rng.uniform(0.06, 0.15) if rng.random() < 0.5 else rng.uniform(4.0, 10.0)
    jpeg = [int(rng.integers(72, 93))]
    if "heavy_jpeg" in effects:
        jpeg = [int(rng.integers(5, 21))] + ([int(rng.integers(5, 21))] if rng.random() < 0.5 else [])
    tips = []
    finger_w = rng.uniform(14, 19)
    # Fingers hold the edges; they may not reach into the symbol or its quiet zone.
    quiet = 4 * code_mm / code.modules.shape[0]
    lo_c, hi_c = carrier.code_corners.min(axis=0) - quiet, carrier.code_corners.max(axis=0) + quiet
    allowed = [e for e in carrier.finger_edges
               if _box_distance(np.array(e[:2]), lo_c, hi_c) > finger_w * 0.75 + 2]
    if allowed and rng.random() < (0.5 if on_phone else 0.7):
        n = int(rng.integers(1, 3 if not on_phone else 4))
        idx = rng.choice(len(allowed), size=min(n, len(allowed)), replace=False)
        tips = [allowed[i] for i in idx]
    shadow = None
    if not on_phone and rng.random() < 0.45:
        shadow = (rng.uniform(0.2, 0.8, 2), rng.uniform(0.3, 0.9) * code_px * 2, rng.uniform(0.3, 0.8),
                  rng.uniform(0, 180))
    return _Scene(
        carrier=carrier, code=code, camera=cam, effects=effects, code_px=code_px, anchor=anchor, drift=drift,
        tilt=np.array([rng.normal(0, 14), rng.normal(0, 14), rng.uniform(-180, 180) if rng.random() < 0.5
                       else rng.normal(0, 12)]),
        distance=distance, background=blurry_background((FRAME_H, FRAME_W), rng, rng.uniform(0.3, 1.0)),
        light=rng.uniform(0.7, 1.3), light_grad=(rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)),
        shadow=shadow, finger_tips=tips, finger_w_mm=finger_w, blur=blur, defocus=defocus,
        glare=glare, exposure_error=exposure_error, jpeg=jpeg,
        noise=(rng.uniform(0.001, 0.004), rng.uniform(0.002, 0.006), rng.uniform(0.0, 0.002)),
        sharpen=rng.uniform(0.0, 0.8) if rng.random() < 0.6 else 0.0, vignette=rng.uniform(0.1, 0.45),
        # A dim screen is washed out by the room reflected in its glass.
        reflection=rng.uniform(0.2, 0.5) if lc_kind == "dim" else rng.uniform(0.02, 0.08), low_contrast=lc_kind)


def _box_distance(p: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    return float(np.linalg.norm(np.maximum(np.maximum(lo - p, p - hi), 0.0)))


def _sheet_points(carrier: Carrier, uv: np.ndarray) -> np.ndarray:
    h = carrier.height_fn(uv[:, 0], uv[:, 1]) if carrier.height_fn else np.zeros(len(uv))
    return np.column_stack([uv, -h])


def _outline(carrier: Carrier) -> np.ndarray:
    w, h = carrier.size_mm
    t = np.linspace(0, 1, 9)[:-1]
    pts = [(w * s, 0) for s in t] + [(w, h * s) for s in t] + [(w * (1 - s), h) for s in t] + [(0, h * (1 - s)) for s in t]
    return np.array(pts, np.float64)


def _render_frame(sc: _Scene, i: int, rng: np.random.Generator, state: dict) -> tuple[np.ndarray, np.ndarray]:
    cam, car = sc.camera, sc.carrier
    # Hand shake: a small random walk in angle and distance, plus the scene's drift.
    state["tilt"] = state.get("tilt", sc.tilt) + rng.normal(0, [0.6, 0.6, 0.5])
    state["dist"] = state.get("dist", sc.distance) + rng.normal(0, 1.5)
    state["shake"] = state.get("shake", np.zeros(2)) + rng.normal(0, 2.5, 2)
    pixel = sc.anchor + sc.drift * (i - (BURST - 1) / 2) + state["shake"]
    code_centre = car.code_corners.mean(axis=0)
    pose = cam.pose_at(rotation(*state["tilt"]), tuple(code_centre), tuple(pixel), state["dist"])
    corners = cam.project(pose, _sheet_points(car, car.code_corners))
    outline = cam.project(pose, _sheet_points(car, _outline(car)))
    if "light" not in state:
        state["light"] = _light_field(sc)
        state["vignette"] = sensor.vignette((FRAME_H, FRAME_W), sc.vignette)
    light_field = state["light"]
    fg = np.zeros((FRAME_H, FRAME_W, 3), np.float32)
    alpha = np.zeros((FRAME_H, FRAME_W), np.float32)
    box = clip_box(outline, FRAME_W, FRAME_H, 6)
    if box is not None:
        x0, y0, x1, y1 = box
        u, v, cos_i = cam.sheet_coords(pose, box, scale=2, height_fn=car.height_fn)
        alb = sample(car.albedo, u, v, car.px_per_mm)
        emi = sample(car.emission, u, v, car.px_per_mm)
        cov = sample(car.cover, u, v, car.px_per_mm)
        glass = sample(car.glass, u, v, car.px_per_mm)
        shade = (0.55 + 0.45 * cos_i)[..., None] if car.height_fn else 1.0
        lf = cv2.resize(light_field[y0:y1, x0:x1], (u.shape[1], u.shape[0]))[..., None]
        rad = alb * lf * shade + emi
        if car.kind == "phone":
            refl = cv2.resize(sc.background[y0:y1, x0:x1][::-1, ::-1], (u.shape[1], u.shape[0]))
            rad = rad + refl * sc.reflection * glass[..., None]
        fg[y0:y1, x0:x1] = downsample(rad, 2)
        alpha[y0:y1, x0:x1] = downsample(cov, 2)
    if sc.glare is not None:
        rel, length, width, ang, strength, move = sc.glare
        centre = _quad_point(corners, rel) + move * (i - (BURST - 1) / 2)
        spec = specular((FRAME_H, FRAME_W), np.random.default_rng(state["glare_seed"]), tuple(centre),
                        length, width, ang + 3 * i)
        glass_img = alpha if car.kind == "phone" else 0
        fg += (spec * strength * glass_img)[..., None]
    if sc.finger_tips:
        px_mm = cam.focal / state["dist"]
        tips, dirs = [], []
        for u_, v_, ang in sc.finger_tips:
            tip = cam.project(pose, _sheet_points(car, np.array([[u_, v_]])))[0]
            ahead = cam.project(pose, _sheet_points(car, np.array([[u_ + np.cos(np.radians(ang)),
                                                                      v_ + np.sin(np.radians(ang))]])))[0]
            tips.append(tuple(tip))
            dirs.append(float(np.degrees(np.arctan2(ahead[1] - tip[1], ahead[0] - tip[0]))))
        width = sc.finger_w_mm * px_mm
        if car.kind == "phone":
            # The hand is behind the phone: only fingertips wrapping over its edges are seen.
            cover = fingers(fg, np.random.default_rng(state["finger_seed"]), tips, dirs, width,
                            light=sc.light * 0.9, length_widths=(1.2, 1.8), palm=False)
        else:
            cover = fingers(fg, np.random.default_rng(state["finger_seed"]), tips, dirs, width, light=sc.light)
        alpha = alpha * (1 - cover) + cover
    kernel = None
    if sc.blur is not None:
        lo, hi, ang = sc.blur
        length = rng.uniform(lo, hi)
        state.setdefault("motion_px", []).append(round(float(length), 2))
        kernel = sensor.motion_kernel(length, ang + rng.normal(0, 8), curve=rng.uniform(-0.15, 0.15))
        fg, alpha = sensor.blur_layer(fg, alpha, kernel)
        fg, alpha, corners = _rolling_shutter(fg, alpha, corners, sc.drift * FPS)
    frame = sc.background * (1 - alpha[..., None]) + fg
    sigma = rng.uniform(0.5, 0.9)
    radius = sc.defocus * rng.uniform(0.9, 1.1)
    dk = sensor.disk_kernel(radius) if sc.defocus else None
    if sc.defocus:
        state.setdefault("defocus_px", []).append(round(float(radius), 2))
    frame = sensor.blur(frame, dk, sigma)
    frame = frame * state["vignette"]
    target = sensor.metered_gain(frame, 0.2) * sc.exposure_error
    state["gain"] = target if "gain" not in state else state["gain"] + 0.4 * (target - state["gain"])
    gain = state["gain"]
    shot, read, row = sc.noise
    frame = sensor.sensor_noise(frame * gain, rng, shot * min(gain, 6.0), read * min(gain, 6.0) ** 0.5, row)
    out = sensor.tone_map(frame)
    if sc.sharpen:
        soft = cv2.GaussianBlur(out, (0, 0), 1.2)
        out = cv2.addWeighted(out, 1 + sc.sharpen, soft, -sc.sharpen, 0)
    for q in sc.jpeg:
        out = sensor.jpeg(out, q)
    return out, corners


def _quad_point(quad: np.ndarray, rel: np.ndarray) -> np.ndarray:
    top = quad[0] + (quad[1] - quad[0]) * rel[0]
    bottom = quad[3] + (quad[2] - quad[3]) * rel[0]
    return top + (bottom - top) * rel[1]


@lru_cache(maxsize=1)
def _grid() -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[:FRAME_H, :FRAME_W].astype(np.float32)
    return yy, xx


def _light_field(sc: _Scene) -> np.ndarray:
    yy, xx = _grid()
    gx, gy = sc.light_grad
    field = sc.light * (1 + gx * (xx / FRAME_W - 0.5) + gy * (yy / FRAME_H - 0.5))
    if sc.shadow is not None:
        rel, size, depth, ang = sc.shadow
        centre = (rel[0] * FRAME_W, rel[1] * FRAME_H)
        m = soft_blob((FRAME_H, FRAME_W), centre, (size, size * 0.45), ang, size * 0.15)
        field = field * (1 - depth * m)
    return field.astype(np.float32)


def _rolling_shutter(fg, alpha, corners, velocity_px_s):
    """Rows are read out over ~20 ms: a moving phone is sheared; corners follow the same mapping."""
    readout = 0.02
    vx, vy = velocity_px_s * readout
    ys, xs = _grid()
    t = ys / FRAME_H - 0.5
    mx, my = (xs - vx * t).astype(np.float32), (ys - vy * t).astype(np.float32)
    fg = cv2.remap(fg, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    alpha = cv2.remap(alpha, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    out = corners.copy()
    y_out = (corners[:, 1] - 0.5 * vy) / (1 - vy / FRAME_H)
    out[:, 1] = y_out
    out[:, 0] = corners[:, 0] + vx * (y_out / FRAME_H - 0.5)
    return fg, alpha, out


def _film(rng: np.random.Generator, condition: str):
    sc = _scene(rng, condition)
    state = {"glare_seed": int(rng.integers(1 << 30)), "finger_seed": int(rng.integers(1 << 30))}
    frames, corners = [], []
    for i in range(BURST):
        img, c = _render_frame(sc, i, rng, state)
        if not _inside(c):
            return sc, state, None, None
        frames.append(img)
        corners.append(c.astype(np.float64))
    return sc, state, frames, corners


def _inside(corners: np.ndarray, margin: float = 2.0) -> bool:
    return bool((corners[:, 0] >= margin).all() and (corners[:, 0] <= FRAME_W - 1 - margin).all() and
                (corners[:, 1] >= margin).all() and (corners[:, 1] <= FRAME_H - 1 - margin).all())


def qr_bursts(seed: int, per_condition: int, conditions: tuple[str, ...] | None = None) -> Iterator[QrBurst]:
    """Yield per_condition bursts of every condition, interleaved, deterministically from seed."""
    for k in range(per_condition):
        for ci, condition in enumerate(CONDITIONS):
            if conditions is not None and condition not in conditions:
                continue  # each sample's seed depends only on (seed, k, condition): filtering changes nothing else
            rng = np.random.default_rng([seed, k, ci, 0x51])
            for _attempt in range(8):  # a hand that wanders out of view: film the scene again
                sc, state, frames, corners = _film(rng, condition)
                if frames is not None:
                    break
            else:
                raise RuntimeError(f"could not keep the code in view: seed {seed}, sample {k}, {condition}")
            meta = {"carrier": sc.carrier.kind, "effects": sorted(sc.effects), "code_px": round(sc.code_px, 1),
                    "distance_mm": round(sc.distance, 1), "jpeg": sc.jpeg,
                    "fingers": len(sc.finger_tips)}
            if sc.low_contrast:
                meta["low_contrast"] = sc.low_contrast  # dim screen, grey print or exposure
            meta.update(version=sc.code.version, ecc=sc.code.ecc, payload_kind=sc.code.kind,
                        motion_blur_px=state.get("motion_px", []), defocus_radius_px=state.get("defocus_px", []))
            yield QrBurst(condition, sc.code.payload, frames, corners, meta)


def main(argv: list[str] | None = None) -> int:
    """Write bursts as PNG files plus truth.json so a person can look at them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--per-condition", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", choices=CONDITIONS, help="only these conditions")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    truth = []
    for n, burst in enumerate(qr_bursts(args.seed, args.per_condition, tuple(args.only) if args.only else None)):
        names = []
        for i, frame in enumerate(burst.frames):
            name = f"{n:04d}_{burst.condition}_f{i}.png"
            cv2.imwrite(str(args.out / name), frame)
            names.append(name)
        truth.append({"condition": burst.condition, "payload_hex": burst.payload.hex(),
                      "payload_text": burst.payload.decode("utf-8", "replace"), "frames": names,
                      "corners": [c.round(2).tolist() for c in burst.corners], **burst.meta})
    (args.out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(truth)} bursts to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
