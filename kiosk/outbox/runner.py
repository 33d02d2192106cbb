"""A stand-alone sender process: `python -m kiosk.outbox.runner --root DIR` drains the outbox and exits.

Used by the crash test (killed with SIGKILL at random moments and restarted) and by staff to flush
the outbox from a shell. Platform settings come from config/kiosk.toml with the usual environment
overrides; --db/--key/--url/--kiosk-id/--secret-file override those.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.outbox import DB_NAME, KEY_NAME, Outbox, OutboxSender
from kiosk.platform_link import PlatformClient
from kiosk.platform_link.secret import read_secret


def main(argv: list[str] | None = None) -> int:
    """Drain once; print {"sent", "counts"}; exit 0 when nothing is left pending, 3 otherwise."""
    ap = argparse.ArgumentParser(prog="python -m kiosk.outbox.runner")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--key", type=Path)
    ap.add_argument("--url")
    ap.add_argument("--kiosk-id")
    ap.add_argument("--secret-file", type=Path)
    ap.add_argument("--read-timeout", type=float, default=5.0)
    args = ap.parse_args(argv)
    if not (args.url and args.kiosk_id and args.secret_file):
        from kiosk.config import load_config
        platform = load_config(args.root / "config" / "kiosk.toml").platform
        assert platform is not None, "no [platform] section in config/kiosk.toml"
        args.url = args.url or platform.url
        args.kiosk_id = args.kiosk_id or platform.kiosk_id
        args.secret_file = args.secret_file or platform.secret_file
    box = Outbox(args.db or args.root / "var" / DB_NAME, args.key or args.root / "var" / KEY_NAME)
    client = PlatformClient(args.url, args.kiosk_id, read_secret(args.secret_file),
                            connect_timeout=2.0, read_timeout=args.read_timeout, retries=2,
                            backoff_s=0.05)
    sender = OutboxSender(box, client)
    print("ready", flush=True)
    sent = sender.drain()
    counts = box.counts()
    print(json.dumps({"sent": sent, "counts": counts}), flush=True)
    box.close()
    return 0 if counts["queued"] + counts["sending"] == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
