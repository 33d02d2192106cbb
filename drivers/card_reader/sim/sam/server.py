"""The simulator's main loop: read command frames from the pty, answer them per the script."""
from __future__ import annotations

import signal
import sys
import time
from typing import Any

from drivers.card_reader.sam_frames import FrameDecoder
from drivers.card_reader.sim.sam.link import PtyLink
from drivers.card_reader.sim.sam.reader import SimReader


def _terminate(_signum: int, _frame: Any) -> None:
    raise SystemExit(0)


def serve(link_path: str, script: dict[str, Any], baud: int | None = None) -> int:
    """Run until SIGTERM (or a scripted exit); returns the process exit status."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    link = PtyLink(link_path, baud if baud is not None else script.get("baud", 0))
    reader = SimReader(script)
    decoder = FrameDecoder()
    link.open()
    print(f"READY {link.slave_name}", flush=True)
    try:
        while True:
            data = link.read(0.2)
            if not data:
                continue
            link.pace(len(data))  # the command takes its wire time to arrive
            bad_before = decoder.bad_checksums
            decoder.feed(data)
            for payload in decoder.drain():
                if _run(link, reader.handle(payload)):
                    return 0
                decoder.clear()
            if decoder.bad_checksums > bad_before:
                _run(link, reader.bad_frame_received())
    except SystemExit:
        return 0
    finally:
        link.close()


def _run(link: PtyLink, actions: list[tuple]) -> bool:
    """Perform actions; True when the script says the process should exit."""
    for action in actions:
        kind = action[0]
        if kind == "delay":
            time.sleep(action[1])
        elif kind == "write":
            link.write(action[1])
        elif kind == "truncate":
            link.write(action[1], stop_after=len(action[1]) // 2)
        elif kind == "close_port":
            link.close()
            if action[2]:
                return True
            time.sleep(action[1])
            link.open()
            print(f"REOPENED {link.slave_name}", flush=True)
    return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m drivers.card_reader.sim.sam")
