"""Bytes on the wire for an acceptance receipt: native QR (GS ( k) vs the QR as a raster image (GS v 0)."""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import segno  # noqa: E402
from PIL import Image  # noqa: E402
from escpos.printer import Dummy  # noqa: E402

from kiosk.receipts import (Align, Cut, KeyValue, QrCode, Receipt, Separator, Text,  # noqa: E402
                            Title, render_escpos)

URL = "https://zwfw.example.gov.cn/receipt/SL2026110100123?c=7Q2K"
MODULE = 6


def parts() -> tuple[list, list]:
    """A typical acceptance receipt: the elements before and after its QR code."""
    body = [
        Title("受理回执"), Text("居住证申领", bold=True, align=Align.CENTER), Separator(),
        KeyValue("受理编号", "SL2026110100123"), KeyValue("申请人", "张*"),
        KeyValue("受理时间", "2026-11-01 10:24"), KeyValue("承诺时限", "15个工作日"),
        KeyValue("收费", "¥0.00（免费）"), KeyValue("取件方式", "邮政快递"), Separator(),
        Text("请妥善保管本回执。办结后将短信通知您，可凭本回执和身份证原件到3号窗口领取。"
             "咨询电话：12345。"),
    ]
    tail = [Text("扫码查询办理进度", align=Align.CENTER), Cut()]
    return body, tail


def raster_qr_bytes() -> bytes:
    """The same QR as python-escpos sends it as an image (GS v 0 raster, centred)."""
    buf = io.BytesIO()
    segno.make(URL, error="m", micro=False).save(buf, kind="png", scale=MODULE, border=1)
    img = Image.open(io.BytesIO(buf.getvalue()))
    dummy = Dummy()
    dummy.set(align="center")
    dummy.image(img.convert("RGB"), impl="bitImageRaster", center=False)  # ESC a centres it
    return dummy.output


def main() -> None:
    """Print the table."""
    t0 = time.perf_counter()
    body, tail = parts()
    native = render_escpos(Receipt(tuple(body + [QrCode(URL, module_size=MODULE)] + tail)))
    without = render_escpos(Receipt(tuple(body + tail)))
    # the same receipt with the image in the QR's place (tail rendered after it, minus ESC @)
    raster = (render_escpos(Receipt(tuple(body))) + raster_qr_bytes()
              + render_escpos(Receipt(tuple(tail)))[2:])
    build_ms = (time.perf_counter() - t0) * 1000
    qr_native = len(native) - len(without)
    qr_raster = len(raster) - len(without)
    rows = [("native QR (GS ( k)", len(native), qr_native),
            ("raster QR (GS v 0)", len(raster), qr_raster)]
    print(f"acceptance receipt, QR of {len(URL)}-byte URL at {MODULE} dots/module; built in {build_ms:.1f} ms")
    print(f"{'variant':<22}{'receipt bytes':>14}{'QR bytes':>10}{'9600 baud s':>13}{'115200 baud s':>15}")
    for name, total, qr in rows:
        print(f"{name:<22}{total:>14}{qr:>10}{total * 10 / 9600:>13.2f}{total * 10 / 115200:>15.3f}")
    print(f"ratio raster/native: receipt {len(raster) / len(native):.1f}x, QR alone {qr_raster / qr_native:.1f}x")


if __name__ == "__main__":
    main()
