"""`kiosk-diag catalog lint [DIR]`: validate service guides and bundles; non-zero exit on any problem."""
from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.diag.cli import emit

DEFAULT_SERVICES = Path(__file__).resolve().parents[3] / "config" / "services"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the catalog subcommand with its lint action."""
    p = subparsers.add_parser("catalog", help="service catalog tools")
    actions = p.add_subparsers(dest="action", required=True)
    lint = actions.add_parser("lint", help="check every service and bundle file")
    lint.add_argument("dir", nargs="?", default=str(DEFAULT_SERVICES), metavar="DIR",
                      help="services folder (default: config/services)")
    lint.add_argument("--bundles", default=None,
                      help="bundles folder (default: a 'bundles' folder beside DIR, if any)")
    lint.set_defaults(func=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    """Print {"ok", "items", "bundles", "problems": [{file, path, reason}]}; exit 1 on any problem."""
    from kiosk.catalog import load_catalog

    services = Path(args.dir)
    bundles = Path(args.bundles) if args.bundles else services.parent / "bundles"
    if not args.bundles and not bundles.is_dir():
        bundles = None
    catalog, problems = load_catalog(services, bundles)
    emit({"ok": not problems, "services_dir": str(services),
          "bundles_dir": str(bundles) if bundles else None,
          "items": len(catalog.items), "bundles": len(catalog.bundles),
          "problems": [{"file": p.file, "path": p.path, "reason": p.reason} for p in problems]})
    return 1 if problems else 0
