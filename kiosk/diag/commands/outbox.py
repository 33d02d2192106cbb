"""`kiosk-diag outbox status | list | retry ID`: the submission outbox as staff see it (masked)."""
from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.diag.cli import emit

DEFAULT_ROOT = Path(__file__).resolve().parents[3]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the outbox subcommand with status, list and retry."""
    p = sub.add_parser("outbox", help="submission outbox (counts, entries, retry)")
    p.add_argument("--root", type=Path, default=DEFAULT_ROOT,
                   help="installation folder holding var/outbox.sqlite3 (default: this checkout)")
    actions = p.add_subparsers(dest="action", required=True)
    actions.add_parser("status", help="number of items in each state").set_defaults(func=run_status)
    lst = actions.add_parser("list", help="every item, masked")
    lst.add_argument("--state", default=None, help="only items in this state")
    lst.set_defaults(func=run_list)
    retry = actions.add_parser("retry", help="send a failed item again (same idempotency key)")
    retry.add_argument("ref", metavar="ID", help="the item's LOCAL-… reference")
    retry.set_defaults(func=run_retry)


def _open(args: argparse.Namespace):
    from kiosk.outbox import DB_NAME, OutboxError, open_outbox

    db = Path(args.root) / "var" / DB_NAME
    if not db.exists():
        return None, {"ok": True, "db": str(db), "exists": False}
    try:
        return open_outbox(args.root), None
    except OutboxError as exc:
        return None, {"ok": False, "db": str(db), "error": type(exc).__name__, "message": str(exc)}


def _entry(e) -> dict:
    # the idempotency key is shown shortened: enough to match server logs, not a handle to replay
    return {"ref": e.local_ref, "kind": e.kind, "state": e.state, "attempts": e.attempts,
            "summary": e.summary, "platform_ref": e.remote_ref, "error": e.error_code,
            "created_at": e.created_at, "updated_at": e.updated_at,
            "idempotency_key": e.idempotency_key[:8] + "…"}


def run_status(args: argparse.Namespace) -> int:
    """Counts by state; exit 1 when the outbox cannot be opened or items need staff."""
    box, problem = _open(args)
    if box is None:
        emit({**problem, "counts": {}} if problem.get("exists") is False else problem)
        return 0 if problem["ok"] else 1
    try:
        counts = box.counts()
    finally:
        box.close()
    ok = counts["failed"] == 0
    emit({"ok": ok, "db": str(box.path), "counts": counts,
          "message": "no item needs staff" if ok else f"{counts['failed']} failed item(s) need staff"})
    return 0 if ok else 1


def run_list(args: argparse.Namespace) -> int:
    """Every item (masked: codes and references only, never form contents)."""
    box, problem = _open(args)
    if box is None:
        emit({**problem, "entries": []} if problem.get("exists") is False else problem)
        return 0 if problem["ok"] else 1
    try:
        entries = box.entries(args.state)
    finally:
        box.close()
    emit({"ok": True, "db": str(box.path), "entries": [_entry(e) for e in entries]})
    return 0


def run_retry(args: argparse.Namespace) -> int:
    """Move a failed item back to queued; the sender picks it up with its original key."""
    from kiosk.outbox import OutboxError

    box, problem = _open(args)
    if box is None:
        emit(problem if problem["ok"] is False else {"ok": False, "error": "OutboxNotFound",
                                                     "message": f"no outbox at {problem['db']}"})
        return 1
    try:
        entry = box.retry(args.ref)
    except OutboxError as exc:
        emit({"ok": False, "error": type(exc).__name__, "message": str(exc)})
        return 1
    finally:
        box.close()
    emit({"ok": True, "entry": _entry(entry)})
    return 0
