"""ESC/POS printer simulator in its own process on a pty: prints to PNG, answers status from a script.

    python -m drivers.printer.sim.pty --link /tmp/printer0 --out DIR \
        [--script paper_out_after=12,near_end_at=4,cover_open=0,offline=0,silent=0] [--control FILE]

Script flags for printers that lack a feature or misbehave: no_eot4 (no DLE EOT 4 paper sensor),
no_fence (ignores GS ( H), dup_replies (every status answer sent twice), inject=HEX (bytes sent
once, when the next job's first printable operation arrives: a stray byte or a late reply),
presenter (a kiosk printer whose cut slip waits at the exit: DLE EOT 20 answers 10 0F paper user
rec unrec, paper bit 5 = slip at the exit), busy_ms=N (after each cut the printer answers nothing,
not even DLE EOT, for N ms: a head busy with the slip, or a loaded host, as seen from the driver).
The control file (JSON, re-read when it changes) takes the same keys plus "load_paper": true and
"take_slip": true (the resident takes the slip from the exit).
Each GS ( H process ID the printer reached is appended to DIR/fences.txt.
Each cut saves DIR/slip_NNN.png; paper running out mid-slip saves DIR/slip_NNN_torn.png; every
slip is also described in DIR/slips.jsonl (lines, QR payloads, complete or torn).
With PRINTER_SIM_TRACE=1 in the environment, every read from and write to the host is logged
(monotonic time, length, first/last bytes, slips so far) to DIR/wire.log: for timing flakes.
"""
from __future__ import annotations

import argparse
import json
import os
import select
import signal
import sys
import time
import tty
from pathlib import Path
from typing import Any, TextIO

from drivers.printer.escpos_parse import FULL_STATUS, EscposParser, Op
from drivers.printer.escpos_render import render_slip
from drivers.printer.escpos_slip import Slip, SlipBuilder

_FLAGS = ("cover_open", "offline", "silent", "cutter_error", "unrecoverable", "garbage",
          "no_eot4", "no_fence", "dup_replies", "presenter")
_COUNTS = ("paper_out_after", "near_end_at", "busy_ms")


class ScriptError(ValueError):
    """A malformed --script or control file entry, with a message naming the bad item."""


def parse_script(text: str) -> dict[str, Any]:
    """'paper_out_after=5,cover_open=1' -> {'paper_out_after': 5, 'cover_open': True}."""
    out: dict[str, Any] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = item.partition("=")
        out[key] = value.strip()
    return check_state(out)


def check_state(raw: Any) -> dict[str, Any]:
    """Validate script/control keys and values; raises ScriptError with a clear message."""
    if not isinstance(raw, dict):
        raise ScriptError("the printer script must be key=value items (control file: a JSON object)")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _FLAGS or key in ("load_paper", "take_slip"):
            out[key] = value not in (0, False, None, "0", "false", "")
        elif key in _COUNTS:
            try:
                out[key] = None if value is None else int(value)
            except (TypeError, ValueError):
                raise ScriptError(f"{key} must be a whole number, not {value!r}") from None
        elif key == "inject":
            try:
                out[key] = bytes.fromhex(str(value))
            except ValueError:
                raise ScriptError(f"inject must be hex bytes, not {value!r}") from None
        else:
            known = ", ".join(_FLAGS + _COUNTS + ("inject", "load_paper", "take_slip"))
            raise ScriptError(f"unknown printer script key {key!r} (known: {known})")
    return out


class PrinterModel:
    """The printer's mechanics: paper, cover, buffer, and what it has printed."""

    def __init__(self, out_dir: Path, state: dict[str, Any]) -> None:
        self.out_dir = out_dir
        self.parser = EscposParser()
        self.builder = SlipBuilder()
        self.pending: list[Op] = []   # received but not printed (printer stopped)
        self.flags = {k: bool(state.get(k, False)) for k in _FLAGS}
        self.lines_left: int | None = state.get("paper_out_after")
        self.near_end_at: int | None = state.get("near_end_at")
        self.paper_out = self.lines_left is not None and self.lines_left <= 0
        self.slip_count = 0
        self._fed = 0
        self.inject: bytes = state.get("inject", b"")
        self.slip_at_exit = False  # a cut slip waits at the presenter's exit (presenter only)
        self.busy_ms: int = state.get("busy_ms") or 0

    # --- status -------------------------------------------------------------------------
    @property
    def near_end(self) -> bool:
        """Paper near-end sensor."""
        return (self.near_end_at is not None and self.lines_left is not None
                and self.lines_left <= self.near_end_at)

    @property
    def stopped(self) -> bool:
        """True when the printer cannot print (data waits in the buffer)."""
        f = self.flags
        return (self.paper_out or f["cover_open"] or f["offline"] or f["cutter_error"]
                or f["unrecoverable"])

    def full_status(self) -> bytes:
        """The DLE EOT 20 answer: 10 0F, paper status (bit 5: a slip waits at the exit), 3 more."""
        paper = ((0x01 if self.paper_out else 0) | (0x04 if self.near_end else 0)
                 | (0x20 if self.slip_at_exit else 0))
        return bytes((0x10, 0x0F, paper, 0x02 if self.flags["cover_open"] else 0, 0, 0))

    def status_byte(self, n: int) -> int:
        """The DLE EOT n answer."""
        f = self.flags
        if n == 1:
            return 0x12 | (0x08 if self.stopped else 0)
        if n == 2:
            return (0x12 | (0x04 if f["cover_open"] else 0) | (0x20 if self.paper_out else 0)
                    | (0x40 if f["cutter_error"] or f["unrecoverable"] else 0))
        if n == 3:
            return 0x12 | (0x08 if f["cutter_error"] else 0) | (0x20 if f["unrecoverable"] else 0)
        return 0x12 | (0x0C if self.near_end or self.paper_out else 0) | (0x60 if self.paper_out else 0)

    # --- data ---------------------------------------------------------------------------
    def receive(self, data: bytes, idle: bool = False) -> bytes:
        """Take bytes from the host; returns the bytes to send back."""
        ops = self.parser.feed(data) if data else []
        if idle:
            ops += self.parser.flush()
        reply = bytearray()
        for op in ops:
            if op.kind == "status_query" and op.value == FULL_STATUS:
                if self.flags["presenter"] and not self.flags["silent"]:
                    reply += self.full_status()
            elif op.kind == "status_query":
                if self.flags["silent"] or (op.value == 4 and self.flags["no_eot4"]):
                    continue
                answer = 0xFF if self.flags["garbage"] else self.status_byte(op.value)
                reply += bytes([answer]) * (2 if self.flags["dup_replies"] else 1)
            elif op.kind == "clear_buffer":
                self.pending.clear()
            else:
                if self.inject and op.kind not in ("init", "paper_query", "process_id", "ignored"):
                    reply += self.inject  # once, as the job starts
                    self.inject = b""
                self.pending.append(op)
        reply += self.run()
        return bytes(reply)

    def run(self) -> bytes:
        """Print buffered operations until done or stopped; GS r answers come out in order."""
        reply = bytearray()
        while self.pending and not self.stopped:
            op = self.pending.pop(0)
            if op.kind == "paper_query":
                if not self.flags["silent"]:
                    reply.append((0x03 if self.near_end else 0) | (0x0C if self.paper_out else 0))
                continue
            if op.kind == "process_id":
                if not (self.flags["silent"] or self.flags["no_fence"]):
                    reply += b"\x37\x22" + op.value + b"\x00"
                    with open(self.out_dir / "fences.txt", "a", encoding="ascii") as fh:
                        fh.write(op.value.hex() + "\n")
                continue
            before = self.builder.lines_fed
            had_cut = len(self.builder.slips)
            self.builder.apply(op)
            if len(self.builder.slips) > had_cut:
                self._save(self.builder.slips[-1], complete=True)
                self.slip_at_exit = self.flags["presenter"]
                if self.busy_ms > 0:
                    time.sleep(self.busy_ms / 1000)  # deaf meanwhile: the one loop is busy
            if self.lines_left is not None:
                self.lines_left -= self.builder.lines_fed - before
                if self.lines_left <= 0:
                    self.paper_out = True
                    self._tear_off()
        return bytes(reply)

    def _tear_off(self) -> None:
        torn = self.builder.take_current()
        if torn.blocks:
            self._save(torn, complete=False)

    def load_paper(self) -> None:
        """A new roll: unlimited paper."""
        self.lines_left, self.paper_out = None, False

    def _save(self, slip: Slip, complete: bool) -> None:
        self.slip_count += 1
        name = f"slip_{self.slip_count:03d}{'' if complete else '_torn'}.png"
        render_slip(slip).save(self.out_dir / name)
        record = {"index": self.slip_count, "file": name, "complete": complete, "cut": slip.cut,
                  "lines": slip.text_lines(),
                  "qr": [q.decode("utf-8", "replace") for q in slip.qr_payloads()]}
        with open(self.out_dir / "slips.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def apply_control(self, ctl: dict[str, Any]) -> None:
        """Change state from the control file (checked first; a bad file changes nothing)."""
        ctl = check_state(ctl)
        if "inject" in ctl:
            self.inject = ctl["inject"]
        for key in _FLAGS:
            if key in ctl:
                self.flags[key] = bool(ctl[key])
        if ctl.get("load_paper"):
            self.load_paper()
        if ctl.get("take_slip"):
            self.slip_at_exit = False
        if "paper_out_after" in ctl:
            self.lines_left = ctl["paper_out_after"]
            self.paper_out = self.lines_left is not None and self.lines_left <= 0
        if "near_end_at" in ctl:
            self.near_end_at = ctl["near_end_at"]
        if "busy_ms" in ctl:
            self.busy_ms = ctl["busy_ms"] or 0


def _read_control(path: Path | None, last: float) -> tuple[dict[str, Any] | None, float]:
    if path is None or not path.exists():
        return None, last
    mtime = path.stat().st_mtime_ns
    if mtime == last:
        return None, last
    try:
        return json.loads(path.read_text("utf-8")), mtime
    except (OSError, ValueError):
        return None, last  # half-written; read again next time


def _trace(trace: TextIO | None, way: str, data: bytes, slips: int) -> None:
    """One wire.log line: time, direction, length, first and last 16 bytes, slips so far."""
    if trace is not None:
        trace.write(f"{time.monotonic():.3f} {way} {len(data)} {data[:16].hex()}"
                    f"..{data[-16:].hex()} slips={slips}\n")
        trace.flush()


def _prepare_link(link: Path) -> None:
    """Remove our own stale symlink to a pty; refuse to touch anything else at that path."""
    if link.is_symlink():
        target = os.readlink(link)
        if target.startswith("/dev/pts/") and not link.exists():  # dangling: a dead simulator's
            link.unlink()
            return
        raise ScriptError(f"{link} already exists (a link to {target}); "
                          "remove it or choose another --link")
    if link.exists():
        raise ScriptError(f"{link} already exists and is not a printer simulator link; "
                          "choose another --link")


def serve(link: Path, out_dir: Path, state: dict[str, Any], control: Path | None) -> None:
    """Run until SIGTERM/SIGINT."""
    _prepare_link(link)
    out_dir.mkdir(parents=True, exist_ok=True)
    master, slave = os.openpty()
    tty.setraw(slave)  # no echo, no newline translation, whatever the driver does later
    link.symlink_to(os.ttyname(slave))
    model = PrinterModel(out_dir, state)
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    signal.signal(signal.SIGINT, lambda *_: running.__setitem__(0, False))
    last_ctl = 0.0
    trace = (open(out_dir / "wire.log", "a", encoding="ascii")
             if os.environ.get("PRINTER_SIM_TRACE") else None)
    try:
        while running[0]:
            ctl, last_ctl = _read_control(control, last_ctl)
            if ctl is not None:
                try:
                    model.apply_control(ctl)
                except ScriptError as exc:
                    print(f"pty_sim: control file {control}: {exc}", file=sys.stderr, flush=True)
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
            except InterruptedError:
                continue
            data = b""
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    data = b""
            if data:
                _trace(trace, "in", data, model.slip_count)
            reply = model.receive(data, idle=not data)
            if reply:
                _trace(trace, "out", reply, model.slip_count)
                os.write(master, reply)
    finally:
        if link.is_symlink():
            link.unlink()
        os.close(master)
        os.close(slave)
        if trace is not None:
            trace.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--link", required=True, type=Path, help="symlink to create to the pty")
    ap.add_argument("--out", required=True, type=Path, help="folder for PNG slips and slips.jsonl")
    ap.add_argument("--script", default="", help="initial state, e.g. paper_out_after=10")
    ap.add_argument("--control", type=Path, default=None, help="JSON file to change state live")
    args = ap.parse_args(argv)
    try:
        serve(args.link, args.out, parse_script(args.script), args.control)
    except ScriptError as exc:
        print(f"pty_sim: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
