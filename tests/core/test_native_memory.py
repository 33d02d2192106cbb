"""kiosk.native_memory: malloc_trim at each session end, really releasing memory on glibc and a
harmless no-op where the C library has no malloc_trim."""
from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import platform
import threading
from pathlib import Path

import pytest

from kiosk import native_memory
from kiosk.config import load_config
from kiosk.core import DEFAULT_CONFIG, build_core
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.native_memory import SessionEndTrimmer
from kiosk.session_files import session_files_of
from testkit.clock import FakeClock

GLIBC = platform.libc_ver()[0] == "glibc"


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def test_trim_is_found_exactly_on_glibc():
    assert native_memory.available() is GLIBC
    assert isinstance(native_memory.trim(), bool)


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_trim_gives_freed_heap_memory_back_to_the_system():
    """Many small native blocks freed stay in glibc's heap until trimmed."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    result: dict[str, int] = {}

    def churn() -> None:  # on a fresh thread: its own arena, as the device threads have
        blocks = [libc.malloc(4000) for _ in range(10_000)]  # ~40 MB, each below the mmap threshold
        for b in blocks:
            ctypes.memset(b, 1, 4000)  # touched: resident
        keep = blocks[-1]  # the newest block pins the top of the heap, as live data does
        for b in blocks[:-1]:
            libc.free(b)
        result["before"] = _rss_kib()
        result["released"] = native_memory.trim()
        result["after"] = _rss_kib()
        libc.free(keep)

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join(60)
    assert result["released"] is True
    assert result["before"] - result["after"] > 20_000  # KiB: most of the freed 40 MB went back


def test_without_malloc_trim_every_call_is_a_harmless_no_op(monkeypatch):
    monkeypatch.setattr(native_memory, "_MALLOC_TRIM", None)
    assert native_memory.available() is False and native_memory.trim() is False
    trimmer = SessionEndTrimmer()
    assert trimmer.request().result(10) is False and trimmer.trims == 1
    trimmer.close()


def test_a_failing_trim_is_logged_and_never_raises(caplog):
    def broken() -> bool:
        raise OSError("no such symbol")
    trimmer = SessionEndTrimmer(broken)
    assert trimmer.request().result(10) is False
    trimmer.close()
    assert "native memory trim failed" in caplog.text


def test_each_session_end_queues_one_trim_off_the_calling_thread(tmp_path):
    config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=tmp_path, platform=None, mqtt=None)
    core = build_core(config, start_devices=False, clock=FakeClock(100.0))
    threads: list[str] = []

    def recorded() -> bool:
        threads.append(threading.current_thread().name)
        return native_memory.trim()
    trimmer = SessionEndTrimmer(recorded).attach(core.flow)
    try:
        for _ in range(3):
            core.flow.dispatch(bi.Start())
            core.flow.dispatch(it.Finish())
        trimmer.request().result(10)  # everything queued before has run
        assert len(threads) == 4 and trimmer.trims == 4
        assert all(name.startswith("memory-trim") for name in threads)
    finally:
        trimmer.close()
        session_files_of(core.flow).close()
        core.stop()


def test_a_running_core_trims_after_each_session_and_stops_its_worker(tmp_path):
    config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=tmp_path, platform=None, mqtt=None)
    core = build_core(config, clock=FakeClock(100.0))  # devices started: a running kiosk
    try:
        trimmer = native_memory.trimmer_of(core.flow)
        assert trimmer is not None and trimmer.enabled
        core.flow.dispatch(bi.Start())
        core.flow.dispatch(it.Finish())
        trimmer.request().result(10)
        assert trimmer.trims == 2
    finally:
        core.stop()
    assert not any(t.name.startswith("memory-trim") for t in threading.enumerate())
    assert native_memory.trimmer_of(build_core(config, start_devices=False).flow) is None
