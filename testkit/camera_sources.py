"""Camera sources for flow and UI tests: a QR video and a photographed page, made on the fly."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tests.qr_camera.qr_frames import render_code

SIZE = (640, 360)


def qr_video(path: Path, texts: list[str], frames_per_code: int = 12) -> Path:
    """An MJPG video: a blank desk, then each code held up for a moment."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, SIZE)
    blank = np.full((SIZE[1], SIZE[0], 3), 90, np.uint8)
    for _ in range(4):
        writer.write(blank)
    for text in texts:
        for k in range(frames_per_code):
            writer.write(render_code(text, module_px=4, angle_deg=2 * k, center=(320 + k, 180),
                                     size=SIZE, seed=k))
        for _ in range(4):
            writer.write(blank)
    writer.release()
    return path


def page_photos(folder: Path, count: int = 3) -> Path:
    """Photos of an A4 page with text lines lying still on a dark desk (1280x720)."""
    folder.mkdir(parents=True, exist_ok=True)
    h, w = 720, 1280
    desk = np.full((h, w, 3), (45, 40, 38), np.uint8)
    corners = np.float32([[470, 90], [850, 105], [835, 640], [455, 628]])
    page = np.full((1123, 794, 3), 245, np.uint8)
    for y in range(120, 1050, 38):
        cv2.line(page, (80, y), (714 - (y * 7) % 200, y), (40, 40, 40), 6)
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [794, 0], [794, 1123], [0, 1123]]),
                                    corners)
    warped = cv2.warpPerspective(page, m, (w, h))
    mask = cv2.warpPerspective(np.full((1123, 794), 255, np.uint8), m, (w, h))
    photo = desk.copy()
    photo[mask > 0] = warped[mask > 0]
    for i in range(count):
        cv2.imwrite(str(folder / f"{i:03d}.jpg"), photo)
    return folder
