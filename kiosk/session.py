"""One resident's visit: holds personal data only until finish, cancel or idle timeout."""
from __future__ import annotations

import secrets
import time
from typing import Any, Callable

from kiosk.privacy import mask_id, mask_name


class Session:
    """Per-visit state; `wipe()` drops every piece of personal data it holds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.id = secrets.token_hex(8)
        self.started_at = clock()
        self.language = "zh"
        self.elder_mode = False
        self._personal: dict[str, Any] = {}
        self.wiped = False

    def put(self, key: str, value: Any) -> None:
        """Store a piece of personal data (identity, form values, scans) for this visit."""
        if self.wiped:
            raise RuntimeError("session already wiped")
        self._personal[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        """Read a piece of personal data."""
        return self._personal.get(key, default)

    def has_personal_data(self) -> bool:
        """True while anything personal is held."""
        return bool(self._personal)

    def wipe(self) -> None:
        """Forget all personal data; mutable buffers are zeroed before they are dropped."""
        for value in self._personal.values():
            if callable(getattr(value, "wipe", None)):  # FormDraft, PinyinSession: they know their parts
                value.wipe()
            elif isinstance(value, bytearray):
                value[:] = bytes(len(value))
            elif isinstance(value, (dict, list, set)):
                value.clear()
        self._personal.clear()
        self.wiped = True

    def __repr__(self) -> str:
        identity = self._personal.get("identity")
        who = ""
        if identity is not None:
            who = f", {mask_name(getattr(identity, 'name', ''))} {mask_id(getattr(identity, 'id_number', ''))}"
        return f"Session({self.id}{who}, keys={sorted(self._personal)})"
