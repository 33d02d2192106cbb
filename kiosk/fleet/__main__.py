"""Run the fleet link alone (for a broker smoke test): python -m kiosk.fleet --url ... --kiosk-id ..."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from kiosk.config.model import MqttConfig
from kiosk.fleet.client import FleetClient


class PrintingCommands:
    """Acknowledges every command and prints it (no kiosk behind this link)."""

    def _say(self, name: str) -> str:
        print(f"command {name}", flush=True)
        return "logged only (standalone fleet agent)"

    def out_of_service(self) -> str:
        """Print it."""
        return self._say("out_of_service")

    def in_service(self) -> str:
        """Print it."""
        return self._say("in_service")

    def reload_catalog(self) -> str:
        """Print it."""
        return self._say("reload_catalog")

    def print_test_slip(self) -> str:
        """Print it."""
        return self._say("print_test_slip")

    def restart(self) -> str:
        """Print it."""
        return self._say("restart")


def main(argv: list[str] | None = None) -> int:
    """Connect, publish discovery and a state, and print `connected`; run until SIGTERM."""
    ap = argparse.ArgumentParser(prog="python -m kiosk.fleet", description=__doc__)
    ap.add_argument("--url", required=True, help="mqtt://host:port or mqtts://host:port")
    ap.add_argument("--kiosk-id", required=True)
    ap.add_argument("--username")
    ap.add_argument("--password-file", type=Path)
    ap.add_argument("--ca-file", type=Path)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    config = MqttConfig(url=args.url, kiosk_id=args.kiosk_id, username=args.username,
                        password_file=args.password_file, ca_file=args.ca_file)
    client = FleetClient(config, PrintingCommands(), app_version="standalone")
    client.telemetry.set("service", "in_service")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    client.start()
    if client.connected.wait(15):
        print("connected", flush=True)
    stop.wait()
    client.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
