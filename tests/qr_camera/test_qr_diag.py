"""`kiosk-diag decode-qr`: one JSON line per image, non-zero exit on an unreadable file."""
from __future__ import annotations

import json

import cv2

from kiosk.diag.cli import main
from qr_frames import render_code


def test_decode_qr_lines_and_exit_status(tmp_path, capsys):
    good = tmp_path / "code.png"
    cv2.imwrite(str(good), render_code("回执 R-0042", "gb18030", angle_deg=15))
    blank = tmp_path / "blank.jpg"
    cv2.imwrite(str(blank), render_code("x") * 0 + 128)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")

    assert main(["decode-qr", str(good), str(blank)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["file"] for x in lines] == [str(good), str(blank)]
    assert lines[0]["texts"] == ["回执 R-0042"] and lines[1]["texts"] == []
    assert all(isinstance(x["ms"], float) for x in lines)

    assert main(["decode-qr", str(broken), str(good)]) != 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert "error" in lines[0] and lines[0]["texts"] == []
    assert lines[1]["texts"] == ["回执 R-0042"] and "error" not in lines[1]
