"""Printer test helpers: the acceptance receipt and the pty simulator process (started/stopped by PID)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.receipts import Align, Cut, KeyValue, QrCode, Receipt, Separator, Text, Title

REPO = Path(__file__).resolve().parents[2]
GUIDE_URL = "https://zwfw.example.gov.cn/guide/310000-JZZ-001?v=3"


def acceptance_receipt(url: str = GUIDE_URL) -> Receipt:
    """A typical acceptance receipt (受理回执) with a native QR code."""
    return Receipt.of(
        Title("受理回执"),
        Text("居住证申领 Residence permit", bold=True, align=Align.CENTER),
        Separator(),
        KeyValue("受理编号", "SL2026110100123"),
        KeyValue("申请人", "张*"),
        KeyValue("承诺时限", "15个工作日"),
        KeyValue("收费", "¥0.00（免费）"),
        Separator(),
        Text("请于办结后凭本回执和身份证原件到3号窗口领取，或选择邮政快递送达。咨询电话：12345。"),
        QrCode(url, module_size=6),
        Text("扫码查询办理进度", align=Align.CENTER),
        Cut(),
    )



class PtyPrinterSim:
    """The simulator in its own process; `control()` changes its state live."""

    def __init__(self, tmp: Path, script: str = "") -> None:
        self.link = tmp / "printer0"
        self.out = tmp / "out"
        self.ctl = tmp / "control.json"
        self._ctl_version = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drivers.printer.sim.pty", "--link", str(self.link),
             "--out", str(self.out), "--script", script, "--control", str(self.ctl)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(200):
            if self.link.exists() or self.proc.poll() is not None:
                break
            time.sleep(0.02)
        if not self.link.exists():
            self.stop()
            raise RuntimeError("printer simulator did not start")

    def control(self, **state) -> None:
        """Write the control file atomically (a new mtime every time)."""
        self._ctl_version += 1
        tmp = self.ctl.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), "utf-8")
        os.utime(tmp, ns=(time.time_ns(), time.time_ns() + self._ctl_version))
        os.replace(tmp, self.ctl)

    def slips(self) -> list[dict]:
        """Records of every slip the simulator finished."""
        path = self.out / "slips.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]

    def stop(self) -> None:
        """Terminate by PID and wait."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
