"""`python -m drivers.card_reader.sim.sam --link PATH --script FILE.json [--baud N]`."""
from __future__ import annotations

import argparse
import sys

from drivers.card_reader.sim.sam.script import ScriptError, load_script
from drivers.card_reader.sim.sam.server import serve


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the simulated reader."""
    p = argparse.ArgumentParser(prog="sam_sim", description="Simulated GA/T 467 ID card reader")
    p.add_argument("--link", required=True, help="symlink path that will point at the pty slave")
    p.add_argument("--script", help="JSON script (people and faults); default: one good card")
    p.add_argument("--baud", type=int, help="pace answers to this baud rate (0: unpaced)")
    args = p.parse_args(argv)
    try:
        script = load_script(args.script) if args.script else load_script({})
    except ScriptError as exc:
        print(f"sam_sim: {exc}", file=sys.stderr)
        return 2
    try:
        return serve(args.link, script, args.baud)
    except FileExistsError as exc:
        print(f"sam_sim: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
