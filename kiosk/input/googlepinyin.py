"""ctypes binding to Debian's libgooglepinyin0 (the Android PinyinIME decoder with its own dictionary).

Why this engine (bench/bench_pinyin.py --engines, same run, 2-core dev machine): it opens in ~30-90 ms
(cold process), answers a keystroke in ~40 us median / ~0.3 ms p95, and its sentence model puts
北京市朝阳区, 上海市浦东新区, 中关村大街 first (7 of 10 names/addresses top-1; the misses are names
like 王小明, which partial choices fix). PyPI's pinyinIME 0.2.0 is pure Python: 4-9 s to open, a p95
of ~17-29 ms per keystroke, and no sentence composition (3 of 10; "beijingshichaoyangqu" -> 被).

The C library keeps ONE decoder per process in global state, so this module owns it behind a lock
(`ENGINE`); sessions replay their own state when another session used the decoder in between.
The user dictionary learns every chosen word; since residents type names and addresses, it lives
in a private temp file that `forget()` throws away (called when a kiosk session is wiped).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
import threading
from pathlib import Path

LIBRARY_NAMES = ("libgooglepinyin.so.0", "googlepinyin")
DICT_CANDIDATES = (Path("/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat"),
                   Path("/usr/lib/aarch64-linux-gnu/googlepinyin/data/dict_pinyin.dat"),
                   Path("/usr/lib/googlepinyin/data/dict_pinyin.dat"))
MAX_SPELLING = 39   # letters the decoder reads in one composition (kMaxRowNum 40 - 1); it ignores more
MAX_CANDIDATE = 64  # UTF-16 units per candidate


class PinyinEngineUnavailable(RuntimeError):
    """libgooglepinyin0 or its dictionary is not installed, or the decoder refused to open."""


def _load_library() -> ctypes.CDLL:
    """Load the shared library and declare the prototypes we call."""
    last: OSError | None = None
    for name in LIBRARY_NAMES:
        path = name if name.endswith(".0") else ctypes.util.find_library(name)
        if not path:
            continue
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as exc:
            last = exc
    else:
        raise PinyinEngineUnavailable(f"libgooglepinyin0 is not installed ({last})")
    size_t, c_char_p = ctypes.c_size_t, ctypes.c_char_p
    lib.im_open_decoder.argtypes = [c_char_p, c_char_p]
    lib.im_open_decoder.restype = ctypes.c_bool
    lib.im_close_decoder.argtypes = []
    lib.im_close_decoder.restype = None
    lib.im_search.argtypes = [c_char_p, size_t]
    lib.im_search.restype = size_t
    lib.im_reset_search.argtypes = []
    lib.im_reset_search.restype = None
    lib.im_get_candidate.argtypes = [size_t, ctypes.POINTER(ctypes.c_uint16), size_t]
    lib.im_get_candidate.restype = ctypes.c_void_p
    lib.im_choose.argtypes = [size_t]
    lib.im_choose.restype = size_t
    lib.im_cancel_last_choice.argtypes = []
    lib.im_cancel_last_choice.restype = size_t
    lib.im_get_fixed_len.argtypes = []
    lib.im_get_fixed_len.restype = size_t
    lib.im_get_spl_start_pos.argtypes = [ctypes.POINTER(ctypes.POINTER(ctypes.c_uint16))]
    lib.im_get_spl_start_pos.restype = size_t
    lib.im_get_predicts.argtypes = [ctypes.POINTER(ctypes.c_uint16),
                                    ctypes.POINTER(ctypes.POINTER(ctypes.c_uint16 * 9))]
    lib.im_get_predicts.restype = size_t
    lib.im_flush_cache.argtypes = []
    lib.im_flush_cache.restype = None
    return lib


def find_dictionary() -> Path:
    """Path of the system dictionary shipped by libgooglepinyin0."""
    for path in DICT_CANDIDATES:
        if path.is_file():
            return path
    raise PinyinEngineUnavailable("dict_pinyin.dat of libgooglepinyin0 not found")


def _utf16(buf) -> str:
    """Decode a NUL-terminated UTF-16 buffer."""
    n = 0
    while n < len(buf) and buf[n]:
        n += 1
    return bytes(memoryview(buf)[:n].cast("B")).decode("utf-16-le") if n else ""


class GooglePinyinEngine:
    """The process-wide decoder: thread-safe bare calls (search, candidate, choose, predicts)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.owner: object | None = None  # the session whose state the decoder holds now
        self._lib: ctypes.CDLL | None = None
        self._user_dir: str | None = None
        self._buf = (ctypes.c_uint16 * MAX_CANDIDATE)()

    @property
    def is_open(self) -> bool:
        """True once the decoder has been opened."""
        return self._lib is not None

    def open(self) -> None:
        """Open the decoder (idempotent); raises PinyinEngineUnavailable when it cannot run here."""
        with self.lock:
            if self._lib is not None:
                return
            lib = _load_library()
            dictionary = find_dictionary()
            # The decoder needs a writable user dictionary or it finds nothing at all.
            self._user_dir = tempfile.mkdtemp(prefix="kiosk-pinyin-")
            user = os.path.join(self._user_dir, "user_dict.dat")
            if not lib.im_open_decoder(str(dictionary).encode(), user.encode()):
                shutil.rmtree(self._user_dir, ignore_errors=True)
                raise PinyinEngineUnavailable(f"im_open_decoder refused {dictionary}")
            self._lib = lib
            self.owner = None

    def close(self) -> None:
        """Close the decoder and delete the learned user dictionary."""
        with self.lock:
            if self._lib is not None:
                self._lib.im_close_decoder()
                self._lib = None
            if self._user_dir:
                shutil.rmtree(self._user_dir, ignore_errors=True)
                self._user_dir = None
            self.owner = None

    def forget(self) -> None:
        """Drop everything learned from residents' choices (reopen with an empty user dictionary)."""
        with self.lock:
            was_open = self._lib is not None
            self.close()
            if was_open:
                self.open()

    def _need(self) -> ctypes.CDLL:
        if self._lib is None:
            self.open()
        assert self._lib is not None
        return self._lib

    def search(self, letters: str) -> int:
        """Decode the spelling (a-z and the ' separator); returns the number of candidates."""
        with self.lock:
            raw = letters.encode("ascii")[:MAX_SPELLING]
            return int(self._need().im_search(raw, len(raw)))

    def reset(self) -> None:
        """Clear the current composition."""
        with self.lock:
            self._need().im_reset_search()

    def candidate(self, index: int) -> str | None:
        """Text of candidate `index` of the current composition (None past the end)."""
        with self.lock:
            ptr = self._need().im_get_candidate(index, self._buf, MAX_CANDIDATE)
            return _utf16(self._buf) if ptr else None

    def candidates(self, start: int, count: int) -> list[str]:
        """Up to `count` candidate texts from index `start`."""
        with self.lock:
            out = []
            for i in range(start, start + count):
                text = self.candidate(i)
                if text is None:
                    break
                out.append(text)
            return out

    def choose(self, index: int) -> int:
        """Fix candidate `index`; returns the number of candidates for what remains."""
        with self.lock:
            return int(self._need().im_choose(index))

    def fixed_length(self) -> int:
        """How many syllables are fixed by choices so far."""
        with self.lock:
            return int(self._need().im_get_fixed_len())

    def syllable_starts(self) -> list[int]:
        """Letter offsets where each decoded syllable starts, plus the end offset."""
        with self.lock:
            ptr = ctypes.POINTER(ctypes.c_uint16)()
            n = int(self._need().im_get_spl_start_pos(ctypes.byref(ptr)))
            return [int(ptr[i]) for i in range(n + 1)] if n else [0]

    def predictions(self, history: str, limit: int = 8) -> list[str]:
        """Words that commonly follow `history` (the last committed text)."""
        if not history:
            return []
        with self.lock:
            tail = history[-8:].encode("utf-16-le")
            his = (ctypes.c_uint16 * (len(tail) // 2 + 1)).from_buffer_copy(tail + b"\0\0")
            out = ctypes.POINTER(ctypes.c_uint16 * 9)()
            n = int(self._need().im_get_predicts(his, ctypes.byref(out)))
            words = (_utf16(out[i]) for i in range(n))
            return [w for w in words if w][:limit]


ENGINE = GooglePinyinEngine()
