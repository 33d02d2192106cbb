"""Heavy imports the first frame does not need, done on a background thread once it shows."""
from __future__ import annotations

import importlib
import logging
import threading
from typing import Sequence

log = logging.getLogger(__name__)

# imported on first use by the code that needs them (see each module); loaded here early so
# the resident's first search or submission does not wait for them on the UI thread
LATER: tuple[str, ...] = ("pypinyin", "requests", "img2pdf")


def _load(names: Sequence[str]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as exc:  # the code that needs it reports the failure where it matters
            log.warning("background import of %s failed: %s", name, exc)
    if "pypinyin" in names:
        from kiosk.catalog.search import load_pinyin
        load_pinyin()


def import_in_background(names: Sequence[str] = LATER) -> threading.Thread:
    """Start a daemon thread that imports names (and readies pypinyin); returns the thread."""
    thread = threading.Thread(target=_load, args=(tuple(names),), name="warm-imports", daemon=True)
    thread.start()
    return thread
