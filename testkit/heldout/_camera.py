"""Pinhole camera with mild lens distortion: ray casting onto flat or curled sheets, and projection."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

_STEP = 4
HeightFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


def rotation(tilt_x_deg: float, tilt_y_deg: float, roll_deg: float) -> np.ndarray:
    """Rotation of a sheet: in-plane roll first, then tilt about the camera's y and x axes."""
    ax, ay, az = np.radians([tilt_x_deg, tilt_y_deg, roll_deg])
    rx = np.array([[1, 0, 0], [0, np.cos(ax), -np.sin(ax)], [0, np.sin(ax), np.cos(ax)]])
    ry = np.array([[np.cos(ay), 0, np.sin(ay)], [0, 1, 0], [-np.sin(ay), 0, np.cos(ay)]])
    rz = np.array([[np.cos(az), -np.sin(az), 0], [np.sin(az), np.cos(az), 0], [0, 0, 1]])
    return rx @ ry @ rz


@dataclass
class Pose:
    """Sheet-to-camera transform: camera point = r @ sheet point + t (millimetres).

    Sheet coordinates: u to the right, v down, height h toward the camera stored as z = -h.
    """

    r: np.ndarray
    t: np.ndarray


@dataclass
class Camera:
    """Intrinsics of a fixed-focus kiosk camera; k1 < 0 is mild barrel distortion."""

    width: int
    height: int
    focal: float
    k1: float = 0.0

    @property
    def center(self) -> tuple[float, float]:
        """Principal point (image centre)."""
        return (self.width - 1) / 2.0, (self.height - 1) / 2.0

    def _distort(self, xn: np.ndarray, yn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scale = 1.0 + self.k1 * (xn * xn + yn * yn)
        return xn * scale, yn * scale

    def _undistort(self, xd: np.ndarray, yd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xu, yu = xd, yd
        for _ in range(6):
            scale = 1.0 + self.k1 * (xu * xu + yu * yu)
            xu, yu = xd / scale, yd / scale
        return xu, yu

    def project(self, pose: Pose, pts: np.ndarray) -> np.ndarray:
        """Image coordinates (N x 2, float) of sheet points (N x 3, mm)."""
        cam = pts @ pose.r.T + pose.t
        xn, yn = cam[:, 0] / cam[:, 2], cam[:, 1] / cam[:, 2]
        xd, yd = self._distort(xn, yn)
        cx, cy = self.center
        return np.stack([xd * self.focal + cx, yd * self.focal + cy], axis=1)

    def pose_at(self, r: np.ndarray, anchor_uv: tuple[float, float], pixel: tuple[float, float],
                distance_mm: float) -> Pose:
        """Pose that puts sheet point anchor_uv at image pixel, distance_mm along the optical axis."""
        cx, cy = self.center
        xu, yu = self._undistort(np.array((pixel[0] - cx) / self.focal), np.array((pixel[1] - cy) / self.focal))
        target = distance_mm * np.array([float(xu), float(yu), 1.0])
        return Pose(r, target - r @ np.array([anchor_uv[0], anchor_uv[1], 0.0]))

    def sheet_coords(self, pose: Pose, box: tuple[int, int, int, int], scale: int = 1,
                     height_fn: HeightFn | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sheet (u, v) in mm seen by each pixel of box=(x0, y0, x1, y1), sampled `scale` times per pixel.

        Also returns the ray's slope term (cosine of incidence) for simple shading.
        """
        x0, y0, x1, y1 = box
        fw, fh = (x1 - x0) * scale, (y1 - y0) * scale
        # The mapping is smooth: trace one ray per STEP x STEP block and interpolate bilinearly.
        cw, ch = -(-fw // _STEP), -(-fh // _STEP)
        fx = np.arange(cw, dtype=np.float32) * _STEP + (_STEP - 1) / 2.0
        fy = np.arange(ch, dtype=np.float32) * _STEP + (_STEP - 1) / 2.0
        xs = x0 - 0.5 + (fx + 0.5) / scale
        ys = y0 - 0.5 + (fy + 0.5) / scale
        cx, cy = self.center
        xd, yd = np.meshgrid((xs - cx) / self.focal, (ys - cy) / self.focal)
        xu, yu = self._undistort(xd, yd)
        rt = pose.r.T.astype(np.float32)
        origin = -(rt @ pose.t).astype(np.float32)
        dx = rt[0, 0] * xu + rt[0, 1] * yu + rt[0, 2]
        dy = rt[1, 0] * xu + rt[1, 1] * yu + rt[1, 2]
        dz = rt[2, 0] * xu + rt[2, 1] * yu + rt[2, 2]
        dz = np.where(np.abs(dz) < 1e-6, 1e-6, dz)
        s = -origin[2] / dz
        u, v = origin[0] + s * dx, origin[1] + s * dy
        if height_fn is not None:
            for _ in range(4):
                s = (-height_fn(u, v) - origin[2]) / dz
                u, v = origin[0] + s * dx, origin[1] + s * dy
        norm = np.sqrt(dx * dx + dy * dy + dz * dz)
        out = []
        for a in (u, v, np.abs(dz / norm)):
            big = cv2.resize(a.astype(np.float32), (cw * _STEP, ch * _STEP), interpolation=cv2.INTER_LINEAR)
            out.append(np.ascontiguousarray(big[:fh, :fw]))
        return out[0], out[1], out[2]


def sample(texture: np.ndarray, u: np.ndarray, v: np.ndarray, px_per_mm: float,
           border_value: float = 0.0) -> np.ndarray:
    """Bilinear texture lookup at sheet coordinates (texture pixel 0 centre at 0.5 / px_per_mm)."""
    mx = u * px_per_mm - 0.5
    my = v * px_per_mm - 0.5
    return cv2.remap(texture, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                     borderValue=(border_value,) * 4)


def downsample(img: np.ndarray, scale: int) -> np.ndarray:
    """Area-average a supersampled render back to pixel resolution."""
    if scale == 1:
        return img
    h, w = img.shape[:2]
    return cv2.resize(img, (w // scale, h // scale), interpolation=cv2.INTER_AREA)


def clip_box(pts: np.ndarray, width: int, height: int, margin: int) -> tuple[int, int, int, int] | None:
    """Integer bounding box of image points plus margin, clipped to the image; None when off-image."""
    x0 = max(0, int(np.floor(pts[:, 0].min())) - margin)
    y0 = max(0, int(np.floor(pts[:, 1].min())) - margin)
    x1 = min(width, int(np.ceil(pts[:, 0].max())) + margin)
    y1 = min(height, int(np.ceil(pts[:, 1].max())) + margin)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1
