"""Child process for bench_ui.py: start an app, time the first frame and screen changes by touch.

`python bench/ui_probe.py kiosk|baseline coldstart T0` prints the seconds from T0 (the parent's
clock just before it spawned us) to the first frame. `... taps N` prints N touch-to-frame latencies.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.pop("DISPLAY", None)
from screens.kivy_env import prepare  # noqa: E402

prepare(False, 900, 1280)


def baseline_app():
    """The smallest comparable Kivy app: two screens with a label and a button each."""
    from kivy.app import App
    from kivy.uix.button import Button
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

    class Base(App):
        def build(self):
            sm = ScreenManager(transition=NoTransition())
            for name, other in (("a", "b"), ("b", "a")):
                s = Screen(name=name)
                s.add_widget(Button(text=f"screen {name}", on_release=lambda _b, o=other:
                                    setattr(sm, "current", o)))
                sm.add_widget(s)
            return sm
    app = Base()
    return app, lambda: app.root.current, lambda: app.root.current_screen.children[0]


def kiosk_app():
    """The real kiosk on simulated devices; returns (app, current screen name, next tap target)."""
    from kiosk.core import build_core
    from kiosk.flow.browse import CATALOG, GUIDE
    from kiosk.flow.state import ATTRACT
    from screens.app import KioskApp
    from testkit.ui_harness import walk
    app = KioskApp(build_core())
    manager = lambda: app.root.ids.manager  # noqa: E731

    def target():
        state = app.flow.state
        scr = manager().get_screen(state.screen)
        if state.screen == ATTRACT:
            return scr.ids.start_area
        if state.screen == CATALOG:
            rows = [w for w in walk(scr.ids.entries) if type(w).__name__ == "EntryRow"
                    and not w.is_bundle]
            return max(rows, key=lambda w: w.to_window(*w.center)[1])
        if state.screen == GUIDE:
            return app.root.ids.chrome.ids.back_button
        return app.root.ids.chrome.ids.home_button
    return app, lambda: (manager().current if app.rendered and app.rendered.revision ==
                         app.flow.state.revision else None), target


def preview_fps(app, loop, source_fps: float) -> dict:
    """Frames per second the scan screen shows from a 1280x720 video camera at source_fps."""
    import tempfile

    from drivers.registry import build_driver
    from kiosk.flow.scan import intents as si
    with tempfile.TemporaryDirectory() as tmp:
        import cv2
        import numpy as np
        path = Path(tmp) / "cam.avi"
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), source_fps,
                                 (1280, 720))
        rng = np.random.default_rng(1)
        for i in range(60):  # a moving scene, so every frame differs
            frame = np.full((720, 1280, 3), 90, np.uint8)
            cv2.circle(frame, (100 + i * 18, 360), 80, (200, 200, 200), -1)
            frame[::7, ::5] = rng.integers(0, 255, (103, 256, 3), dtype=np.uint8)
            writer.write(frame)
        writer.release()
        app.core.devices.replace("qr_camera", build_driver(
            "qr_camera", "opencv", {"source": str(path), "fps": source_fps, "loop": True}))
        app.send(si.ScanCode())
        if os.environ.get("PROBE_NO_DECODE"):
            app.core.devices.qr_camera.set_scanning(False)
        preview = app.root.ids.manager.get_screen("scan").ids.preview
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:  # warm up
            loop.idle()
        start_frames, t0 = preview.frames_shown, time.perf_counter()
        while time.perf_counter() - t0 < 4.0:
            loop.idle()
        fps = (preview.frames_shown - start_frames) / (time.perf_counter() - t0)
        app.core.stop()
        return {"preview_fps": fps, "source_fps": source_fps}


def main() -> None:
    which, mode = sys.argv[1], sys.argv[2]
    from kivy.base import EventLoop
    from kivy.core.window import Window
    app, current, target = kiosk_app() if which == "kiosk" else baseline_app()
    flips = []
    Window.bind(on_flip=lambda *_: flips.append(time.perf_counter()))
    app._run_prepare()
    while not flips:
        EventLoop.idle()
    if mode == "preview":
        print(json.dumps(preview_fps(app, EventLoop, float(sys.argv[3]))))
        return
    if mode == "coldstart":
        t0 = float(sys.argv[3])
        print(json.dumps({"first_frame_s": time.time() - t0}))
        return
    from kivy.tests.common import UnitTestTouch
    settle = time.perf_counter() + 2.0  # nobody touches a kiosk in its first two seconds
    while time.perf_counter() < settle:
        EventLoop.idle()
    latencies = []
    for _ in range(int(sys.argv[3])):
        before = current()
        widget = target()
        x, y = widget.to_window(*widget.center)
        flips.clear()
        t = time.perf_counter()
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()
        while True:
            EventLoop.idle()
            now = current()
            if now is not None and now != before and flips:
                break
        latencies.append(flips[-1] - t)
        for _ in range(3):
            EventLoop.idle()
    print(json.dumps({"latencies_s": latencies}))


if __name__ == "__main__":
    main()
