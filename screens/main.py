"""`kiosk` command: start the touch-screen app (a window in development, full screen as a kiosk)."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from screens.kivy_env import ROOT, prepare


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(prog="kiosk", description="OneTrip Kiosk")
    p.add_argument("--config", type=Path, default=ROOT / "config" / "kiosk.toml")
    p.add_argument("--profile", help="deployment profile (overrides kiosk.toml)")
    p.add_argument("--screenshots", type=Path,
                   help="save a screenshot of every screen change (and every few seconds) here")
    p.add_argument("--demo", action="store_true",
                   help="walk through the journey by itself (for machines with no screen)")
    p.add_argument("--speech-log", type=Path, metavar="FILE",
                   help="append each spoken prompt (time, language, message key, text) as JSON")
    p.add_argument("--audio-device", default="default", metavar="ALSA_DEVICE",
                   help='where the voice plays ("default"; "none": silent, captions only)')
    p.add_argument("--exit-after", type=float, default=0.0, help="quit after N seconds")
    return p.parse_args(argv)


def has_display() -> bool:
    """True when a graphical display is reachable."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    """Load the configuration, build the core and run the app."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from kiosk.config import ConfigError, load_config
    try:
        config = load_config(args.config, args.profile)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        return 2
    headless = not has_display()
    shots = args.screenshots or config.display.screenshot_dir
    if headless:
        shots = shots or ROOT / "screenshots"
        print(f"kiosk: no display found; running on a virtual (offscreen) display.\n"
              f"kiosk: screenshots are saved to {shots}", flush=True)
    prepare(config.display.kiosk_mode and not headless, config.display.width,
            config.display.height)
    from kiosk.core import build_core
    from screens.app import KioskApp
    from screens.recorder import Recorder
    from screens.operations import Operations, before_start
    core = operations = None
    from kiosk.installation_key import KeyFileError
    try:
        before_start(config.root)
        try:
            core = build_core(config)
        except KeyFileError as exc:
            print(f"kiosk: cannot start: {exc}", file=sys.stderr)
            return 2
        from kiosk.speech import create_speaker
        device = None if args.audio_device.lower() == "none" else args.audio_device
        app = KioskApp(core, create_speaker(core.translator, speech_log=args.speech_log,
                                            audio_device=device))
        operations = Operations(core)
        if shots or args.demo or args.exit_after:
            Recorder(app, shots, demo=args.demo or headless, exit_after=args.exit_after).attach()
        stop_on_signals(app)
        app.run()
        if app.exit_code:
            return app.exit_code
    except KeyboardInterrupt:  # a second Ctrl-C, or one before the app loop was running
        print("kiosk: interrupted", file=sys.stderr, flush=True)
        return 130
    finally:
        if operations is not None:
            operations.stop()
        if core is not None:
            core.stop()  # idempotent: App.on_stop did it already on a clean stop
            logging.getLogger("kiosk").info("devices stopped")
    return 0


def stop_on_signals(app) -> None:
    """Ctrl-C / SIGTERM end the app loop from the inside (no traceback; on_stop stops devices)."""
    import signal

    from kivy.clock import Clock

    def request_stop(signum, _frame) -> None:
        print(f"kiosk: {signal.Signals(signum).name} received, stopping", file=sys.stderr, flush=True)
        signal.signal(signum, signal.default_int_handler)  # a second Ctrl-C interrupts at once
        Clock.schedule_once(lambda _dt: app.stop(), 0)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, request_stop)


if __name__ == "__main__":
    sys.exit(main())
