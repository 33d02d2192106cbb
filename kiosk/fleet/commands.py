"""Fleet commands: parsing what arrives on the command topic and handing it to the kiosk."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Protocol

from kiosk.fleet.telemetry import scrub
from kiosk.fleet.topics import COMMANDS

log = logging.getLogger(__name__)
_MAX_PAYLOAD = 1024


class FleetCommands(Protocol):
    """What the flow host implements; each method returns a short detail or raises to refuse.

    They run on the MQTT network thread: hand the work to the flow host and return quickly.
    """

    def out_of_service(self) -> str:
        """Take the kiosk out of service (after the current session)."""

    def in_service(self) -> str:
        """Put the kiosk back in service."""

    def reload_catalog(self) -> str:
        """Fetch and apply the catalog between sessions."""

    def print_test_slip(self) -> str:
        """Print a test slip."""

    def restart(self) -> str:
        """Restart the app (systemd brings it back)."""


@dataclass(frozen=True)
class Command:
    """One parsed command: its name and the sender's correlation id (may be empty)."""

    name: str
    request_id: str = ""


class CommandError(ValueError):
    """A command payload the kiosk cannot take; the message says what is expected."""


def parse_command(payload: bytes) -> Command:
    """A bare command name (Home Assistant buttons) or {"command": ..., "id": ...} JSON."""
    if len(payload) > _MAX_PAYLOAD:
        raise CommandError(f"payload of {len(payload)} bytes; at most {_MAX_PAYLOAD}")
    try:
        text = payload.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise CommandError("payload is not UTF-8 text") from None
    request_id = ""
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CommandError(f"payload is not valid JSON ({exc.args[0]})") from None
        if not isinstance(data, dict) or not isinstance(data.get("command"), str):
            raise CommandError('JSON payload needs a "command" string')
        text, request_id = data["command"], str(data.get("id", ""))[:64]
    if text not in COMMANDS:
        raise CommandError(f"unknown command {scrub(text)[:40]!r}; known: {', '.join(COMMANDS)}")
    return Command(text, request_id)


def run_command(handler: FleetCommands, payload: bytes) -> dict:
    """Parse and run one command; the result document acknowledged on the result topic."""
    try:
        command = parse_command(payload)
    except CommandError as exc:
        log.warning("fleet command refused: %s", exc)
        return {"command": None, "id": "", "ok": False, "detail": str(exc)}
    try:
        detail = getattr(handler, command.name)()
        ok = True
    except Exception as exc:  # the handler refused: report why, keep the link alive
        log.warning("fleet command %s failed: %s", command.name, scrub(exc))
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return {"command": command.name, "id": command.request_id, "ok": ok,
            "detail": scrub(detail or "")}
