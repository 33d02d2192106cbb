"""kiosk-platform: serve the reference platform, or register a kiosk (add-kiosk ID --db PATH)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DB = "kiosk-platform.sqlite3"


def _serve_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8470, help="TCP port; 0 lets the OS choose (default 8470)")
    p.add_argument("--db", default=DEFAULT_DB, help="SQLite file or SQLAlchemy URL "
                   "(postgresql+psycopg://user@host/db)")
    p.add_argument("--seed", action="store_true", help="load the sample residents, applications and results")
    p.add_argument("--fault", action="append", default=[], metavar="SPEC",
                   help="ENDPOINT_NAME:KIND[:RATE[:ARG]], KIND slow|500|drop_before|drop_after (repeatable)")
    p.add_argument("--fault-seed", type=int, default=0, help="seed of the fault dice (default 0)")
    p.add_argument("--test-control", action="store_true", help="enable PUT /_test/faults (tests only)")
    p.add_argument("--services", type=Path, default=None, help="directory of service TOML files")
    p.add_argument("--ready-file", type=Path, default=None, help="write the URL here once listening")
    p.add_argument("--access-log", action="store_true", help="log every request line")


def build_parser() -> argparse.ArgumentParser:
    """The command line: `serve` (the default) and `add-kiosk`."""
    parser = argparse.ArgumentParser(prog="kiosk-platform", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    _serve_parser(sub.add_parser("serve", help="run the server (default)"))
    add = sub.add_parser("add-kiosk", help="register a kiosk and print its new secret")
    add.add_argument("kiosk_id")
    add.add_argument("--db", default=DEFAULT_DB, help="the server's database")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("serve", "add-kiosk", "-h", "--help"):
        argv.insert(0, "serve")
    args = build_parser().parse_args(argv)
    from refplatform import db  # imported late so --help stays fast

    if args.command == "add-kiosk":
        from refplatform.auth import add_kiosk
        try:
            secret = add_kiosk(db.open_db(args.db), args.kiosk_id)
        except ValueError as exc:
            print(f"kiosk-platform: {exc}", file=sys.stderr)
            return 2
        print(secret)
        return 0

    from refplatform import app as app_module, catalog, seed, server
    from refplatform.faults import Fault
    try:
        faults = tuple(Fault.parse(s) for s in args.fault)
    except ValueError as exc:
        print(f"kiosk-platform: {exc}", file=sys.stderr)
        return 2
    engine = db.open_db(args.db)
    services_dir = args.services or catalog.DEFAULT_SERVICES_DIR
    if args.seed:
        seed.load(engine, catalog.load(services_dir))
    application = app_module.create_app(engine, services_dir, faults, args.fault_seed, args.test_control)
    try:
        server.serve(application, args.host, args.port, args.ready_file, args.access_log)
    except OSError as exc:
        print(f"kiosk-platform: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
