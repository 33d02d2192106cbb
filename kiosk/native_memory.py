"""Hand freed native memory back to the system between residents (glibc's malloc_trim).

The camera frames, PDFs and decoders free large native buffers all day; glibc keeps much of that
memory in its arenas instead of returning it. Trimming at each session's end, on a worker thread
(never the UI thread), keeps a long-running kiosk's resident size near what it really uses. On a
C library without malloc_trim (musl, macOS) every call is a harmless no-op.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Optional

log = logging.getLogger(__name__)
_BY_HOST: "weakref.WeakKeyDictionary[Any, SessionEndTrimmer]" = weakref.WeakKeyDictionary()


def _find_malloc_trim() -> Optional[Callable[[int], int]]:
    """glibc's malloc_trim, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_MALLOC_TRIM = _find_malloc_trim()


def available() -> bool:
    """True where the C library can trim (glibc)."""
    return _MALLOC_TRIM is not None


def trim() -> bool:
    """Return free native heap memory to the system now; True if any was released."""
    if _MALLOC_TRIM is None:
        return False
    return bool(_MALLOC_TRIM(0))


class SessionEndTrimmer:
    """Trims native memory after each session's end, on its own worker thread."""

    def __init__(self, trim_fn: Callable[[], bool] = trim) -> None:
        self._trim = trim_fn
        self._work = ThreadPoolExecutor(1, thread_name_prefix="memory-trim")
        self.enabled = True  # False: session ends are ignored (the soak's baseline without trims)
        self.trims = 0

    def attach(self, host: Any) -> "SessionEndTrimmer":
        """Trim whenever the host (the flow) ends a session."""
        from kiosk.flow.events import SessionEnded
        host.subscribe(SessionEnded, lambda _event: self._session_ended())
        _BY_HOST[host] = self
        return self

    def _session_ended(self) -> None:
        if self.enabled:
            self.request()

    def request(self) -> Future:
        """Queue one trim (returns at once; the UI thread never waits on it)."""
        return self._work.submit(self._run)

    def _run(self) -> bool:
        try:
            released = self._trim()
        except Exception:  # noqa: BLE001 - a failed trim must never hurt the kiosk
            log.exception("native memory trim failed")
            return False
        self.trims += 1
        return released

    def close(self) -> None:
        """Finish a queued trim and stop the worker."""
        self._work.shutdown(wait=True)


def trimmer_of(host: Any) -> Optional[SessionEndTrimmer]:
    """The SessionEndTrimmer attached to this flow host (None when none is)."""
    return _BY_HOST.get(host)
