"""`kiosk-diag`: the field-staff command line; each subcommand lives in kiosk/diag/commands/."""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from typing import Any

import kiosk.diag.commands as commands_pkg


def emit(obj: Any) -> None:
    """Print one JSON document (one line) on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def build_parser() -> argparse.ArgumentParser:
    """Collect every module in kiosk.diag.commands that defines register(subparsers)."""
    parser = argparse.ArgumentParser(prog="kiosk-diag", description="OneTrip Kiosk field diagnostics")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands_pkg.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; each returns its exit status (0 only on success)."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
