"""`kiosk-diag print-test --port PATH [--baud N]`: print a test slip with Chinese text and a native QR."""
from __future__ import annotations

import argparse
import time

from drivers.base import HalError
from drivers.printer.base import PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter
from kiosk.diag.cli import emit
from kiosk.receipts import Align, Cut, KeyValue, QrCode, Receipt, Separator, Text, Title, render_escpos

TEST_URL = "https://onetrip.example/diag/print-test"


def test_slip(port: str, baud: int) -> Receipt:
    """The test slip: sizes, bold, alignment, GB18030 Chinese, ¥, and a native QR code."""
    return Receipt.of(
        Title("打印测试"),
        Text("OneTrip Kiosk print test", align=Align.CENTER),
        Separator(),
        KeyValue("端口 Port", port),
        KeyValue("波特率 Baud", str(baud)),
        KeyValue("时间 Time", time.strftime("%Y-%m-%d %H:%M:%S")),
        Text("中文：政务服务“最多跑一次”，金额￥0.00。", bold=True),
        Text("倍宽", width=2, align=Align.RIGHT),
        QrCode(TEST_URL, module_size=6),
        Text("扫码应显示测试网址", align=Align.CENTER),
        Cut(),
    )


def run(args: argparse.Namespace) -> int:
    """Print the slip; JSON result; exit 1 naming the condition when the printer cannot print."""
    # the slip must confirm (its own fence) within --wait; "ok" is never said without that
    import escpos.printer  # noqa: F401  loaded here, not on the --wait clock (4 s on a loaded host)
    printer = EscposSerialPrinter("printer", args.port, baud=args.baud, timeout=args.timeout,
                                  print_time=max(1.0, args.wait / 2))
    printer.start()
    try:
        job = PrintJob(render_escpos(test_slip(args.port, args.baud)), title="print-test")
        try:
            job_id = printer.print_job(job, timeout=args.wait, wait_for_recovery=False).result(
                args.wait + 5)
        except HalError as exc:
            st = printer.status()
            emit({"ok": False, "port": args.port, "error": exc.code, "message": exc.message,
                  "action": exc.action.value, "state": st.state.value, "media": st.media.value})
            return 1
        st = printer.status()
        emit({"ok": True, "port": args.port, "baud": args.baud, "job_id": job_id,
              "bytes": len(job.data), "qr": TEST_URL, "state": st.state.value,
              "media": st.media.value, "paper_low": st.media.value == "paper_low"})
        return 0
    finally:
        printer.stop()


def register(sub: argparse._SubParsersAction) -> None:
    """Add the print-test subcommand."""
    p = sub.add_parser("print-test", help="print a test slip on an ESC/POS serial printer")
    p.add_argument("--port", required=True, help="serial device, e.g. /dev/ttyUSB0")
    p.add_argument("--baud", type=int, default=9600)
    p.add_argument("--timeout", type=float, default=0.3, help="seconds to wait for a status byte")
    p.add_argument("--wait", type=float, default=20.0, help="seconds to wait for the slip")
    p.set_defaults(func=run)
