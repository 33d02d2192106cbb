"""decode-qr and detect-document on hostile images: a clear error per file, the run goes on."""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.document_camera.detect import detect
from drivers.image_limits import ImageRejected, check_shape, read_image
from drivers.qr_camera.decode import QrDecoder

ROOT = Path(__file__).resolve().parents[2]


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image (a decompression bomb's first bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
            + chunk(b"IEND", b""))


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    """One file per kind of hostile input, plus a good photo last."""
    files = {}
    def put(name: str, data: bytes) -> None:
        files[name] = tmp_path / name
        files[name].write_bytes(data)
    put("bomb.png", _png_claiming(100_000, 100_000))
    put("empty.png", b"")
    put("text.png", b"this is not an image\n" * 10)
    good = np.full((480, 640, 3), 40, np.uint8)
    cv2.rectangle(good, (150, 100), (490, 400), (245, 245, 245), -1)
    ok, enc = cv2.imencode(".png", good)
    put("truncated.png", enc.tobytes()[: len(enc) // 3])
    for name, shape in (("strip.png", (2, 2000, 3)), ("speck.png", (3, 3, 3)), ("dot.png", (1, 1, 3))):
        put(name, cv2.imencode(".png", np.zeros(shape, np.uint8))[1].tobytes())
    files["folder.png"] = tmp_path / "folder.png"
    files["folder.png"].mkdir()
    put("good.png", enc.tobytes())
    return files


@pytest.mark.parametrize("width,height", [(3, 3), (2000, 2), (2, 2000), (100_000, 100_000),
                                          (13_000, 500), (8_000, 8_000)])
def test_shapes_outside_the_limits_are_rejected(width: int, height: int) -> None:
    with pytest.raises(ImageRejected):
        check_shape(width, height)


def test_in_memory_frames_outside_the_limits_give_nothing_not_a_crash() -> None:
    decoder = QrDecoder()
    for shape in ((1, 1), (3, 3, 3), (2, 2000, 3), (0, 0, 3), (4, 4000)):
        frame = np.zeros(shape, np.uint8)
        assert decoder.decode(frame) == []
        assert detect(frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
                      if frame.size else np.zeros((0, 0, 3), np.uint8)) is None


def test_read_image_names_the_reason(hostile: dict[str, Path]) -> None:
    reasons = {}
    for name, path in hostile.items():
        if name == "good.png":
            assert read_image(path).shape == (480, 640, 3)
            continue
        with pytest.raises(ImageRejected) as info:
            read_image(path)
        reasons[name] = str(info.value)
    assert "megapixels" in reasons["bomb.png"]
    assert "at least 16 px" in reasons["speck.png"] and "at least 16 px" in reasons["dot.png"]
    assert "at least 16 px" in reasons["strip.png"] or "long side" in reasons["strip.png"]
    assert "not a readable image" in reasons["text.png"]


@pytest.mark.parametrize("command,key", [("decode-qr", "texts"), ("detect-document", "corners")])
def test_cli_reports_every_bad_file_and_goes_on(hostile: dict[str, Path], command: str,
                                                key: str) -> None:
    script = ("import resource, subprocess, sys\n"
              "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
              "print(p.returncode); print(p.stderr.count('Traceback'))\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
              "sys.stdout.write(p.stdout)\n")
    out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "kiosk.diag.cli",
                          command, *map(str, hostile.values())], capture_output=True, text=True,
                         cwd=ROOT, timeout=240, env={**os.environ, "PYTHONPATH": str(ROOT)})
    code, tracebacks, peak_kb, *lines = out.stdout.splitlines()
    assert code == "1" and tracebacks == "0"
    assert int(peak_kb) < 1024 * 1024, f"peak {int(peak_kb) // 1024} MB"
    rows = [json.loads(line) for line in lines]
    assert [Path(r["file"]).name for r in rows] == list(hostile)
    errors = {Path(r["file"]).name: r.get("error") for r in rows}
    assert all(errors[name] for name in hostile if name != "good.png")
    if command == "detect-document":
        good = next(r for r in rows if r["file"].endswith("good.png"))
        assert good[key] and abs(good[key][0][0] - 150) < 6
