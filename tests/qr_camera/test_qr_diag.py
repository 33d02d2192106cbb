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


def test_decode_qr_reads_a_motion_blurred_photo_the_old_decoder_cannot(tmp_path, capsys):
    from drivers.qr_camera.decode import QrDecoder
    from testkit.synth import qr_wide

    burst = qr_wide.bursts(1, 2, n_frames=1, conditions=("blur_medium",))[1]
    photo = tmp_path / "blurred.png"
    cv2.imwrite(str(photo), burst.frames[0])
    assert QrDecoder(10_000).decode(burst.frames[0]) == []  # a generous budget, still unread
    # A large budget so that a loaded test machine cannot cut the deblur pass short.
    assert main(["decode-qr", "--budget-ms", "10000", str(photo)]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["texts"] == [burst.payload.decode("utf-8")]
