"""`kiosk-diag platform check`: reachability, clock skew and signature against the configured platform."""
from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.diag.cli import emit

DEFAULT_CONFIG = Path(__file__).resolve().parents[3] / "config" / "kiosk.toml"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the platform subcommand with its check action."""
    p = sub.add_parser("platform", help="government service platform link")
    actions = p.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="reachable, clock in step, signature accepted")
    check.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    check.add_argument("--timeout", type=float, default=5.0, help="seconds per request")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print the check result as JSON; exit 0 only when all checks hold, 2 on a config problem."""
    from kiosk.config import ConfigError, load_config
    from kiosk.platform_link import PlatformClient
    from kiosk.platform_link.check import check_platform
    from kiosk.platform_link.secret import SecretFileError

    try:
        platform = load_config(args.config).platform
    except ConfigError as exc:
        emit({"ok": False, "error": "config", "message": str(exc)})
        return 2
    if platform is None:
        emit({"ok": False, "error": "config", "message": f"{args.config}: no [platform] section"})
        return 2
    try:
        client = PlatformClient.from_config(platform, connect_timeout=args.timeout,
                                            read_timeout=args.timeout, retries=0)
    except SecretFileError as exc:
        emit({"ok": False, "error": "secret_file", "url": platform.url,
              "kiosk_id": platform.kiosk_id, "message": str(exc)})
        return 1
    try:
        result = check_platform(client)
    finally:
        client.close()
    emit({"ok": result["ok"], "url": platform.url, "kiosk_id": platform.kiosk_id, **result})
    return 0 if result["ok"] else 1
