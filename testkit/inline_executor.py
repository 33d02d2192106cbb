"""An Executor that runs each task at once on the caller's thread (journey tests, no threads)."""
from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any, Callable


class InlineExecutor(Executor):
    """submit() runs fn now and returns a finished Future; `ran` counts the tasks."""

    def __init__(self) -> None:
        self.ran = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run fn(*args, **kwargs) now."""
        future: Future = Future()
        self.ran += 1
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries it, as a pool's would
            future.set_exception(exc)
        return future
