"""A bounded in-memory LRU of synthesised prompts: a kiosk repeats the same prompts all day.

Keys are (spoken text, voice, rate, volume); values are the PCM chunks exactly as the engine
produced them, so a cached prompt plays (and can be cut) chunk by chunk like a fresh one.
Only prompts without personal parameters may be stored (the Speaker decides, see
`Speaker._speak`); nothing here ever touches the disk.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Hashable

DEFAULT_MAX_BYTES = 8 * 1024 * 1024  # ~190 s of 22.05 kHz 16-bit mono: every screen's prompt


class AudioCache:
    """PCM chunks per key, least recently used dropped first once over max_bytes."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_bytes {max_bytes} is negative")
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[bytes, ...]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> tuple[bytes, ...] | None:
        """The chunks stored under key (now the most recently used), or None."""
        with self._lock:
            chunks = self._items.get(key)
            if chunks is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return chunks

    def put(self, key: Hashable, chunks: tuple[bytes, ...]) -> bool:
        """Store chunks under key; False (nothing stored) if they alone exceed max_bytes."""
        size = sum(len(c) for c in chunks)
        if size > self.max_bytes:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= sum(len(c) for c in old)
            self._items[key] = tuple(chunks)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= sum(len(c) for c in dropped)
        return True

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        """Bytes of PCM held now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items
