"""Held-out document-camera photos: pages, certificates and cards on desks, seen from above at 1920x1080.

Written from a description of kiosk conditions only (never from the project's generators or
pipelines); use it to measure, never to tune. Corners are the sheet's true outline (for rounded cards
the intersections of the straight edges; for curled pages the lifted corners; under fingers the
hidden outline), ordered clockwise in the image starting at the corner with the smallest x + y.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np

from testkit.heldout import _sensor as sensor
from testkit.heldout._camera import Camera, Pose, downsample, rotation, sample
from testkit.heldout._desks import DESK_MM, DESK_PX_PER_MM, desk
from testkit.heldout._doc_content import Sheet, a4_page, certificate, id_card, small_card
from testkit.heldout._props import fingers, soft_blob, specular

CONDITIONS = ("dark_desk", "light_desk", "textured_desk", "fingers", "glare", "shadow", "small_card",
              "perspective", "curled")
IMAGE_W, IMAGE_H = 1920, 1080


@dataclass
class DocPhoto:
    """One photo: condition, what is on the desk (kind), the BGR image and the 4x2 corner truth."""

    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray
    meta: dict = field(default_factory=dict)


def _sheet(rng: np.random.Generator, condition: str) -> Sheet:
    if condition == "small_card":
        return id_card(rng) if rng.random() < 0.6 else small_card(rng)
    r = rng.random()
    if r < 0.2:
        return certificate(rng)
    if r < 0.25:
        return id_card(rng)
    return a4_page(rng, str(rng.choice(["letter", "form", "table"])))


def _height_fn(rng: np.random.Generator, sheet: Sheet, curled: bool):
    w, h = sheet.size_mm
    if not curled:
        if sheet.kind in ("id_card", "bank_card", "business_card"):
            return None
        bow = rng.uniform(0.0, 1.5)  # even a flat page is never perfectly flat
        return lambda u, v: bow * ((u - w / 2) / (w / 2)) ** 2
    bow_u, bow_v = rng.uniform(4, 14), rng.uniform(0, 6)
    edge = rng.uniform(3, 12)
    band = rng.uniform(20, 50)
    which = rng.integers(4)

    def height(u, v):
        hgt = bow_u * ((u - w / 2) / (w / 2)) ** 2 + bow_v * ((v - h / 2) / (h / 2)) ** 4
        d = (u, w - u, v, h - v)[which]
        return hgt + edge * np.clip(1 - d / band, 0, 1) ** 2
    return height


def _corners_clockwise(pts: np.ndarray) -> np.ndarray:
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    order = np.argsort(ang)  # clockwise on screen (y down)
    pts = pts[order]
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def _place(rng, cam: Camera, sheet: Sheet, condition: str, height_fn):
    """Camera tilt, desk pose and sheet placement that keep the whole sheet inside the frame."""
    strong = condition == "perspective"
    tilt = (rng.uniform(25, 42) * rng.choice([-1, 1]), rng.uniform(-15, 15)) if strong else \
        (rng.normal(0, 4), rng.normal(0, 4))
    card = sheet.size_mm[0] < 100
    long_px = rng.uniform(170, 320) if card else rng.uniform(620, 980)
    w, h = sheet.size_mm
    spin = rng.uniform(-35, 35) if card else rng.normal(0, 8) + (90 if rng.random() < 0.15 else 0)
    r_desk = rotation(tilt[0], tilt[1], 0.0)
    spread = np.array([0.3 * (1.0 if card else 0.6) * IMAGE_W, 0.25 * (1.0 if card else 0.4) * IMAGE_H])
    for attempt in range(80):
        dist = cam.focal * max(w, h) / long_px
        # Try other positions first (closer to the centre each time), then a slightly smaller sheet.
        pixel = (IMAGE_W / 2 + rng.uniform(-1, 1) * spread[0] * 0.93 ** attempt,
                 IMAGE_H / 2 + rng.uniform(-1, 1) * spread[1] * 0.93 ** attempt)
        r_sheet = r_desk @ rotation(0, 0, spin)
        pose = cam.pose_at(r_sheet, (w / 2, h / 2), pixel, dist)
        uv = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
        hz = height_fn(uv[:, 0], uv[:, 1]) if height_fn else np.zeros(4)
        corners = cam.project(pose, np.column_stack([uv, -hz]))
        margin = 25
        if corners[:, 0].min() > margin and corners[:, 1].min() > margin and \
                corners[:, 0].max() < IMAGE_W - margin and corners[:, 1].max() < IMAGE_H - margin:
            break
        long_px *= 0.99
    # The desk shares the sheet's plane; its texture is centred under the sheet.
    desk_pose = Pose(r_desk, pose.t + r_sheet @ np.array([w / 2, h / 2, 0.0]) -
                     r_desk @ np.array([DESK_MM[0] / 2, DESK_MM[1] / 2, 0.0]))
    return pose, desk_pose, corners


def _render(rng: np.random.Generator, condition: str) -> DocPhoto:
    cam = Camera(IMAGE_W, IMAGE_H, focal=rng.uniform(1450, 1750), k1=rng.uniform(-0.05, 0.01))
    sheet = _sheet(rng, condition)
    family = {"dark_desk": "dark", "light_desk": "light", "textured_desk": "textured"}.get(condition)
    if family is None:
        family = str(rng.choice(["dark", "light", "textured"]))
    desk_tex, desk_name, desk_gloss = desk(rng, family)
    height_fn = _height_fn(rng, sheet, condition == "curled")
    pose, desk_pose, corners = _place(rng, cam, sheet, condition, height_fn)
    box = (0, 0, IMAGE_W, IMAGE_H)
    du, dv, dcos = cam.sheet_coords(desk_pose, box)
    desk_img = cv2.remap(desk_tex, du * DESK_PX_PER_MM - 0.5, dv * DESK_PX_PER_MM - 0.5, cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REFLECT)
    # The sheet, supersampled 2x inside its bounding box.
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)) - 30, 0).astype(int)
    x1, y1 = np.minimum(np.ceil(corners.max(axis=0)) + 30, [IMAGE_W, IMAGE_H]).astype(int)
    u, v, cos_i = cam.sheet_coords(pose, (x0, y0, x1, y1), scale=2, height_fn=height_fn)
    alb = downsample(sample(sheet.albedo, u, v, sheet.px_per_mm), 2)
    cov = downsample(sample(sheet.cover, u, v, sheet.px_per_mm), 2)
    shade = downsample((0.6 + 0.4 * cos_i / cos_i.max()), 2)[..., None] if height_fn else 1.0
    # Thin drop shadow of the sheet on the desk (lamp above, slightly to one side).
    off = rng.uniform(-6, 6, 2)
    m = np.zeros((IMAGE_H, IMAGE_W), np.float32)
    m[y0:y1, x0:x1] = cov
    drop = sensor.smooth(cv2.warpAffine(m, np.float32([[1, 0, off[0]], [0, 1, off[1]]]), (IMAGE_W, IMAGE_H)),
                         rng.uniform(2, 8)) * rng.uniform(0.15, 0.4)
    scene = desk_img * (1 - drop)[..., None]
    region = scene[y0:y1, x0:x1]
    region[...] = region * (1 - cov[..., None]) + alb * shade * cov[..., None]
    sheet_mask = m
    # The sheet's cut edge catches or loses a little light (a faint line, lighter or darker).
    rim = cv2.morphologyEx(m, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) * m
    scene = scene * (1 + rng.uniform(-0.06, 0.06) * rim)[..., None]
    # Light: a lamp gradient over the desk, plus the condition's shadow.
    yy, xx = np.mgrid[:IMAGE_H, :IMAGE_W].astype(np.float32)
    lx, ly = rng.uniform(-0.3, 1.3) * IMAGE_W, rng.uniform(-0.3, 1.3) * IMAGE_H
    d2 = ((xx - lx) ** 2 + (yy - ly) ** 2) / (IMAGE_W ** 2)
    light = rng.uniform(0.8, 1.2) / (1 + rng.uniform(0.2, 1.2) * d2)
    if condition == "shadow" or rng.random() < 0.1:
        light = light * (1 - _person_shadow(rng, corners, condition == "shadow"))
    scene = scene * light[..., None]
    meta = {"desk": desk_name, "sheet": sheet.kind}
    if condition == "glare" or (sheet.glossy and rng.random() < 0.3):
        scene = scene + _glare(rng, corners, sheet_mask, desk_gloss)[..., None] * light.mean()
    if condition == "fingers":
        tips, dirs = _finger_tips(rng, corners)
        fingers(scene, rng, tips, dirs, rng.uniform(15, 22) * cam.focal / float(pose.t[2]),
                light=float(light.mean()))
        meta["fingers"] = len(tips)
    frame = sensor.blur(scene, None, rng.uniform(0.5, 1.0))
    frame = frame * sensor.vignette((IMAGE_H, IMAGE_W), rng.uniform(0.1, 0.4))
    gain = sensor.metered_gain(frame, 0.18) * rng.uniform(0.85, 1.15)
    frame = sensor.sensor_noise(frame * gain, rng, rng.uniform(0.0008, 0.003), rng.uniform(0.002, 0.005))
    out = sensor.tone_map(frame)
    quality = int(rng.integers(70, 96))
    out = sensor.jpeg(out, quality)
    meta.update(jpeg=quality, focal=round(cam.focal, 1))
    return DocPhoto(condition, sheet.kind, out, _corners_clockwise(corners), meta)


def _person_shadow(rng: np.random.Generator, corners: np.ndarray, strong: bool) -> np.ndarray:
    """A hand-and-arm or head-and-shoulders shadow reaching over part of the sheet (0..depth)."""
    c = corners.mean(axis=0)
    size = float(np.linalg.norm(corners[2] - corners[0]))
    edge = corners[rng.integers(4)]
    centre = c + (edge - c) * rng.uniform(0.3, 0.9)
    m = np.zeros((IMAGE_H, IMAGE_W), np.float32)
    if rng.random() < 0.5:  # head and shoulders from one side
        m += soft_blob((IMAGE_H, IMAGE_W), tuple(centre), (size * 0.22, size * 0.28), rng.uniform(0, 180), 1)
        away = centre + (centre - c) / (np.linalg.norm(centre - c) + 1e-6) * size * 0.45
        m += soft_blob((IMAGE_H, IMAGE_W), tuple(away), (size * 0.55, size * 0.3), rng.uniform(0, 180), 1)
    else:  # hand and arm
        m += soft_blob((IMAGE_H, IMAGE_W), tuple(centre), (size * 0.14, size * 0.1), rng.uniform(0, 180), 1)
        direction = (centre - c) / (np.linalg.norm(centre - c) + 1e-6)
        end = centre + direction * size
        cv2.line(m, tuple(int(x) for x in centre), tuple(int(x) for x in end), 1.0, int(size * 0.12), cv2.LINE_AA)
    m = sensor.smooth(np.clip(m, 0, 1), size * rng.uniform(0.02, 0.08))
    depth = rng.uniform(0.35, 0.7) if strong else rng.uniform(0.15, 0.3)
    return m * depth


def _glare(rng: np.random.Generator, corners: np.ndarray, sheet_mask: np.ndarray, desk_gloss: float) -> np.ndarray:
    """A lamp's specular highlight across part of the sheet, weaker on the desk unless it is glossy."""
    size = float(np.linalg.norm(corners[2] - corners[0]))
    a, b = rng.uniform(0.15, 0.85, 2)
    top = corners[0] + (corners[1] - corners[0]) * a
    bottom = corners[3] + (corners[2] - corners[3]) * a
    centre = top + (bottom - top) * b
    spec = specular((IMAGE_H, IMAGE_W), rng, tuple(centre), size * rng.uniform(0.2, 0.6),
                    size * rng.uniform(0.06, 0.2), rng.uniform(0, 180))
    strength = rng.uniform(1.5, 4.0)
    weight = sheet_mask + (1 - sheet_mask) * max(desk_gloss, 0.2)
    return spec * strength * weight


def _finger_tips(rng: np.random.Generator, corners: np.ndarray) -> tuple[list, list]:
    """One or two fingers/thumbs reaching over the sheet's edge from outside."""
    tips, dirs = [], []
    c = corners.mean(axis=0)
    size = float(np.linalg.norm(corners[1] - corners[0]))
    for _ in range(int(rng.integers(1, 3))):
        k = int(rng.integers(4))
        p, q = corners[k], corners[(k + 1) % 4]
        at = p + (q - p) * rng.uniform(0.08, 0.92)
        inward = c - at
        inward /= np.linalg.norm(inward) + 1e-6
        reach = size * rng.uniform(0.02, 0.08)
        tip = at + inward * reach
        ang = np.degrees(np.arctan2(inward[1], inward[0])) + rng.normal(0, 20)
        tips.append((float(tip[0]), float(tip[1])))
        dirs.append(float(ang))
    return tips, dirs


def doc_photos(seed: int, per_condition: int, conditions: tuple[str, ...] | None = None) -> Iterator[DocPhoto]:
    """Yield per_condition photos of every condition, interleaved, deterministically from seed."""
    for k in range(per_condition):
        for ci, condition in enumerate(CONDITIONS):
            if conditions is not None and condition not in conditions:
                continue  # each sample's seed depends only on (seed, k, condition): filtering changes nothing else
            rng = np.random.default_rng([seed, k, ci, 0xD0C])
            yield _render(rng, condition)


def main(argv: list[str] | None = None) -> int:
    """Write photos as PNG files plus truth.json so a person can look at them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--per-condition", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", choices=CONDITIONS, help="only these conditions")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    truth = []
    for n, photo in enumerate(doc_photos(args.seed, args.per_condition, tuple(args.only) if args.only else None)):
        name = f"{n:04d}_{photo.condition}.png"  # lossless: the image already went through the camera's JPEG
        cv2.imwrite(str(args.out / name), photo.image)
        truth.append({"file": name, "condition": photo.condition, "kind": photo.kind,
                      "corners": photo.corners.round(2).tolist(), **photo.meta})
    (args.out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(truth)} photos to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
