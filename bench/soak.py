"""Soak run (outside CI): the demo tour looped headless against the real reference server.

Run: .venv/bin/python bench/soak.py [--sessions 1000] [--every 50] [--photo-every 25]
         [--publish-every 200] [--out REPORT.md] [--skip photo,scan,catalog,devices]
         [--no-trim] [--census]

One kiosk core (simulated devices on their threads, the outbox, the platform client, the catalog
updater, per-session temp folders) on a scratch installation root, against `python -m refplatform`
on 127.0.0.1. A session is one pass of the demo tour's browse part (search, guide, elder mode,
bundle, print) or of its scan-a-code part; every --photo-every sessions the document camera
photographs a page and a PDF is built. Each session writes a capture into its session folder and
asks the platform for the catalog (a signed request); every --publish-every sessions the platform
publishes a new catalog version, which must be applied between sessions.
Every --every sessions it records resident memory (RSS), threads, open file descriptors and the
files left in var/session and the temp folder; the verdict compares the last sample with the one
at session 100 (target: RSS growth <= 10 MB, no thread, fd or temp-file growth).
To find where memory grows: --skip switches parts off (photo: no document photo, PDF or apply
tour; scan: no QR decode; catalog: no platform catalog requests or updates; devices: the camera
simulators' looping scripts paused, implies photo), --no-trim turns off the core's glibc
malloc_trim at each session end (kiosk.native_memory, on as in the kiosk), --census prints the
Python object types whose counts grew between session 100 and the end.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("KIVY_NO_ARGS", "1")  # the tour's modules import Kivy: the options are ours

from kiosk.config import load_config  # noqa: E402
from kiosk.config.model import PlatformConfig  # noqa: E402
from kiosk.core import DEFAULT_CONFIG, build_core  # noqa: E402
from kiosk.fleet.catalog_link import start_catalog_updates  # noqa: E402
from kiosk.fleet.session_files import session_dir  # noqa: E402
from kiosk.native_memory import trimmer_of  # noqa: E402
from kiosk.session_files import session_files_of  # noqa: E402
from refplatform.testing import start_server  # noqa: E402
from screens.demo_tour import TOUR  # noqa: E402

BROWSE = TOUR[1:13]        # start .. print the notice slip, then finish
SCAN = TOUR[13:15]         # scan a code, finish
PHOTO = TOUR[15:]          # start again .. photograph .. assemble the pages, finish
MB = 1024 * 1024


def rss_bytes() -> int:
    """Resident set size from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def sample(n: int, root: Path, t0: float, window: list[float] | None = None) -> dict:
    """One point of the curve; window: the RSS (MB) read after each session since the last point."""
    gc.collect()
    tmp = Path(tempfile.gettempdir())  # this run's private temp folder (see main)
    rss = rss_bytes() / MB
    window = window or [rss]
    return {"sessions": n, "rss_mb": rss, "rss_min_mb": min(window), "rss_max_mb": max(window),
            "threads": len(os.listdir("/proc/self/task")),
            "fds": len(os.listdir("/proc/self/fd")),
            "session_files": sum(1 for _ in session_dir(root).rglob("*")) if session_dir(root).exists() else 0,
            "tmp_files": sum(1 for _ in tmp.rglob("*")),
            "elapsed_s": time.monotonic() - t0}


def settle(core, timeout: float = 30) -> None:
    """Wait until the flow's worker has run everything queued so far."""
    core.flow.executor.submit(lambda: None).result(timeout)


def wait_until(core, done, limit_s: float, poke=None) -> bool:
    """Poll the flow state until done(state) (the devices work on their own threads)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if done(core.flow.state):
            return True
        if poke is not None:
            core.flow.dispatch(poke)  # activity, as the tour does, so the session does not expire
        time.sleep(0.05)
    return False


def run_steps(core, steps) -> None:
    """Dispatch each tour step's intent (None: nothing to do on this state); wait where the
    tour waits for a device (the printed slip, the photographed page)."""
    for name, make in steps:
        if name == "wait for a page":  # the tour repeats this step; one bounded wait does it
            wait_until(core, lambda s: s.screen != "scan" or getattr(s.page, "pages", 0) >= 1, 30)
            continue
        intent = make(core.flow.state)
        if intent is None:
            continue
        core.flow.dispatch(intent)
        settle(core)
        if name == "print the notice slip":
            wait_until(core, lambda s: getattr(s.page, "state", "") != "printing", 30)


def one_session(core, kind: str) -> None:
    """One resident: the tour part, a capture in the session folder, then the end of the session."""
    steps = {"browse": BROWSE, "scan": SCAN, "photo": PHOTO}[kind]
    run_steps(core, steps[:-1])
    if core.flow.session is not None:
        files = session_files_of(core.flow)
        files.write(core.flow.session.id, "capture.png", os.urandom(64 * 1024))
    run_steps(core, steps[-1:])
    if core.flow.session is not None:  # a step did not land where the tour expects: end it
        core.flow.end_session()


def empty_output_tray(core) -> None:
    """The simulated printer keeps every job it printed (its output tray, which tests inspect);
    on a kiosk the paper leaves the machine, so the soak empties the tray after each session."""
    printer = core.devices.devices.get("printer")
    printed = getattr(printer, "printed", None)
    if isinstance(printed, list):
        printed.clear()


def census() -> dict[str, int]:
    """Live objects tracked by the garbage collector, counted by type name."""
    gc.collect()
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        kind = type(obj)
        name = f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', kind.__name__)}"
        counts[name] = counts.get(name, 0) + 1
    return counts


def census_growth(before: dict[str, int], after: dict[str, int], top: int = 15) -> list[str]:
    """The object types whose counts grew most between two censuses."""
    grown = sorted(((after[k] - before.get(k, 0), k) for k in after), reverse=True)
    return [f"{d:+7d}  {k}" for d, k in grown[:top] if d > 0]


def kivy_clock_events() -> int:
    """Scheduled Kivy Clock events (-1 when Kivy is not imported in this process)."""
    if "kivy.clock" not in sys.modules:
        return -1
    return len(sys.modules["kivy.clock"].Clock.get_events())


def pause_camera_scripts(core) -> None:
    """--skip devices: the camera simulators' looping scripts stop (no frames made in the background)."""
    for dev in core.devices.devices.values():
        if getattr(dev, "device_class", "") in ("qr_camera", "document_camera") and hasattr(dev, "take_over"):
            dev.take_over()


def catalog_files() -> dict[str, str]:
    """The shipped HRSS-001 guide with a changed line (a new catalog version)."""
    text = (ROOT / "config" / "services" / "HRSS-001.toml").read_text("utf-8")
    return {"services/HRSS-001.toml": text + f"\n# soak {time.time_ns()}\n"}


def write_report(path: Path, args, curve: list[dict], verdict: list[str], applied: int,
                 published: int, heap: list[str]) -> None:
    lines = ["# Soak run (bench/soak.py)", "",
             f"Sessions: {curve[-1]['sessions']} (browse tour, scan-a-code, and every "
             f"{args.photo_every}th a document photo + PDF); headless core with simulated devices, "
             f"against the reference server on 127.0.0.1; {published} catalog versions published, "
             f"{applied} applied between sessions. Wall time {curve[-1]['elapsed_s']:.0f} s on a "
             "shared 2-core machine.", "",
             "RSS MB is read at the sample (after gc); min/max are over every session end since "
             "the previous sample (a photo session's buffers come and go).", "",
             "| sessions | RSS MB | min | max | threads | open fds | files in var/session | temp files "
             "| elapsed s |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for p in curve:
        lines.append(f"| {p['sessions']} | {p['rss_mb']:.1f} | {p['rss_min_mb']:.1f} | "
                     f"{p['rss_max_mb']:.1f} | {p['threads']} | {p['fds']} | "
                     f"{p['session_files']} | {p['tmp_files']} | {p['elapsed_s']:.0f} |")
    lines += ["", "## Verdict (last sample vs. the sample at session 100)", ""] + \
        [f"- {v}" for v in verdict] + [""]
    if heap:
        lines += ["## Where the heap grew after session 100 (tracemalloc, --trace)", "",
                  heap[0], "", "```"] + heap[1:] + ["```", ""]
    path.write_text("\n".join(lines), "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--every", type=int, default=50)
    ap.add_argument("--photo-every", type=int, default=25)
    ap.add_argument("--publish-every", type=int, default=200)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "soak_report.md",
                    help="the run's report (bench/soak_results.md is curated by hand: runs are "
                         "copied into it with their dates)")
    ap.add_argument("--keep-work", action="store_true",
                    help="keep the scratch folder (platform data, kiosk root, temp folder)")
    ap.add_argument("--keep-printed", action="store_true",
                    help="let the simulated printer keep every printed job (its output tray)")
    ap.add_argument("--skip", default="", help="comma list of parts to switch off: "
                    "photo, scan, catalog, devices")
    ap.add_argument("--no-trim", action="store_true",
                    help="no malloc_trim(0) at session ends (the kiosk's SessionEndTrimmer switched off)")
    ap.add_argument("--census", action="store_true",
                    help="count live Python objects by type at session 100 and at the end")
    ap.add_argument("--trace", action="store_true",
                    help="tracemalloc: print the 12 biggest growths between session 100 and the end")
    args = ap.parse_args()
    skip = {part for part in args.skip.split(",") if part}
    unknown = skip - {"photo", "scan", "catalog", "devices"}
    if unknown:
        ap.error(f"--skip: unknown part(s) {', '.join(sorted(unknown))}; known: photo, scan, catalog, devices")
    if "devices" in skip:
        skip.add("photo")  # the photo part waits for the document camera's script
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    (work / "tmp").mkdir()
    tempfile.tempdir = str(work / "tmp")  # temp files of this process only (the machine is shared)
    server = start_server(work / "platform", seed=True, test_control=True)
    root = work / "kiosk"
    root.mkdir()
    secret = root / "platform.secret"
    secret.write_text(server.add_kiosk("K-SOAK") + "\n", "utf-8")
    secret.chmod(0o600)
    config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=root, mqtt=None,
                                 platform=PlatformConfig(server.url, "K-SOAK", secret))
    core = build_core(config)
    for dev in core.devices.devices.values():
        if hasattr(dev, "print_delay"):
            dev.print_delay = 0.0
    if "devices" in skip:
        pause_camera_scripts(core)
    trimmer = trimmer_of(core.flow)
    if trimmer is not None and args.no_trim:
        trimmer.enabled = False
    switch = start_catalog_updates(core, first_check_s=0, interval_s=86400)
    switch.updater.wait_checks(1, 60)
    counted: dict[str, int] = {}
    grown: list[str] = []
    t0 = time.monotonic()
    curve = [sample(0, root, t0)]
    published = 0
    window: list[float] = []
    try:
        for n in range(1, args.sessions + 1):
            kind = "photo" if n % args.photo_every == 0 else ("scan" if n % 3 == 0 else "browse")
            if kind in skip:
                kind = "browse"
            one_session(core, kind)
            if not args.keep_printed:
                empty_output_tray(core)
            if args.trace and n == min(100, args.sessions):
                tracemalloc.start(8)
                first = tracemalloc.take_snapshot()
            if args.census and n == min(100, args.sessions):
                counted = census()
            if "catalog" not in skip:
                if n % args.publish_every == 0:
                    server.publish_catalog(catalog_files())
                    published += 1
                checks = switch.updater.checks
                switch.updater.request()  # one signed platform request per session
                switch.updater.wait_checks(checks + 1, 60)
            window.append(rss_bytes() / MB)
            if n % args.every == 0:
                session_files_of(core.flow)._work.submit(lambda: None).result(30)
                curve.append(sample(n, root, t0, window))
                window = []
                p = curve[-1]
                print(f"{n:5d} sessions  RSS {p['rss_mb']:7.1f} MB  threads {p['threads']:3d}  "
                      f"fds {p['fds']:3d}  session files {p['session_files']}  "
                      f"clock events {kivy_clock_events()}  {p['elapsed_s']:6.0f} s", flush=True)
        if args.census and counted:
            grown = census_growth(counted, census())
            print("Python objects grown since session 100:\n" + "\n".join(grown), flush=True)
    finally:
        switch.updater.stop()
        core.stop()
        server.stop()
    heap: list[str] = []
    if args.trace and tracemalloc.is_tracing():
        gc.collect()
        stats = tracemalloc.take_snapshot().compare_to(first, "traceback")
        tracemalloc.stop()
        owners = {"device simulators": 0, "everything else": 0}
        for stat in stats:
            sim = any("/drivers/" in f.filename and "sim" in Path(f.filename).name
                      for f in stat.traceback)
            owners["device simulators" if sim else "everything else"] += stat.size_diff
        for stat in stats[:12]:
            heap.append(f"{stat.size_diff / 1024:9.1f} KiB  {stat.count_diff:+6d} blocks  "
                        + " <- ".join(f"{Path(f.filename).name}:{f.lineno}"
                                      for f in reversed(list(stat.traceback)[-4:])))  # newest first
        print("\n".join(heap))
        heap.insert(0, "Python heap growth (tracemalloc) by owner: " + ", ".join(
            f"{k} {v / MB:+.1f} MB" for k, v in owners.items()))
    base = next((p for p in curve if p["sessions"] >= 100), curve[0])
    last = curve[-1]
    growth = last["rss_mb"] - base["rss_mb"]
    later = [p for p in curve if p["sessions"] > base["sessions"]] or [last]
    peak = max(p["rss_max_mb"] for p in later) - base["rss_mb"]
    floor = last["rss_min_mb"] - base["rss_min_mb"]
    verdict = [f"RSS growth after session {base['sessions']}: {growth:+.1f} MB "
               f"({'OK' if growth <= 10 else 'OVER'} the 10 MB target)",
               f"highest RSS at any session end after session {base['sessions']}: {peak:+.1f} MB "
               f"over the sample at {base['sessions']}",
               f"floor (lowest RSS of the last window vs. the window ending at {base['sessions']}): "
               f"{floor:+.1f} MB",
               f"threads {base['threads']} -> {last['threads']}",
               f"open file descriptors {base['fds']} -> {last['fds']}",
               f"files left in var/session {base['session_files']} -> {last['session_files']}",
               f"temp files {base['tmp_files']} -> {last['tmp_files']}",
               f"catalog versions applied between sessions: {switch.applied} of {published}",
               f"last catalog error: {switch.updater.last_error or 'none'}",
               f"parts switched off: {', '.join(sorted(skip)) or 'none'}; "
               f"malloc_trim at session end: "
               f"{'on' if trimmer is not None and trimmer.enabled else 'off'}"
               f"{f' ({trimmer.trims} trims)' if trimmer is not None else ''}"]
    if grown:
        verdict.append("Python objects grown since session 100: " + "; ".join(
            g.strip() for g in grown[:8]))
    write_report(args.out, args, curve, verdict, switch.applied, published, heap)
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)  # the bench leaves no temp files either
    print("\n".join(verdict))
    print(f"curve written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
