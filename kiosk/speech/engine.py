"""espeak-ng driven through ctypes: streaming PCM synthesis in memory and phoneme output.

The library is the one bundled by PyPI's `espeakng-loader` (espeak-ng 1.52, whose rewritten
Mandarin rules read digits and tone numbers in Mandarin; Debian 12's 1.51 reads them as English).
espeak-ng keeps global state and is not thread-safe, so one `EspeakEngine` exists per process
and every call into the library holds its lock.
"""
from __future__ import annotations

import ctypes
import os
import tempfile
import threading
from dataclasses import dataclass
from typing import Callable

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
CHARS_UTF8 = 1
ENDPAUSE = 0x1000
POS_CHARACTER = 1
PARAM_RATE = 1
PARAM_VOLUME = 2
PHONEMES_IPA = 0x02
EE_OK = 0

# The C callback: int cb(short *wav, int numsamples, espeak_EVENT *events); non-zero aborts.
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                                   ctypes.c_void_p)

ChunkHandler = Callable[[bytes], bool]


class SpeechEngineError(RuntimeError):
    """The TTS library could not be loaded, initialised or given a voice."""


@dataclass(frozen=True)
class EngineInfo:
    """Which espeak-ng build is loaded and its output format."""

    version: str
    data_path: str
    sample_rate: int
    chunk_ms: int


def bundled_paths() -> tuple[str, str]:
    """The library and data paths of the espeak-ng bundled by espeakng-loader."""
    try:
        import espeakng_loader
    except ImportError as exc:  # pragma: no cover - the dependency is declared in pyproject
        raise SpeechEngineError("espeakng-loader is not installed (pip install espeakng-loader)") from exc
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()


class EspeakEngine:
    """One espeak-ng library in this process: `synthesize` streams 16-bit mono PCM chunks."""

    def __init__(self, library_path: str | None = None, data_path: str | None = None,
                 chunk_ms: int = 50) -> None:
        if library_path is None or data_path is None:
            default_lib, default_data = bundled_paths()
            library_path = library_path or default_lib
            data_path = data_path or default_data
        try:
            self._lib = ctypes.CDLL(library_path)
        except OSError as exc:
            raise SpeechEngineError(f"cannot load espeak-ng from {library_path}: {exc}") from exc
        self._declare()
        self._lock = threading.RLock()
        rate = self._lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, chunk_ms,
                                           data_path.encode(), INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechEngineError(f"espeak-ng did not initialise with data at {data_path}")
        path_out = ctypes.c_char_p()
        version = self._lib.espeak_Info(ctypes.byref(path_out)).decode()
        self.info = EngineInfo(version, data_path, rate, chunk_ms)
        self._handler: ChunkHandler | None = None
        self._error: BaseException | None = None
        self._callback = _SYNTH_CALLBACK(self._on_samples)  # kept alive as long as the engine
        self._lib.espeak_SetSynthCallback(self._callback)
        self._voice: str | None = None

    def _declare(self) -> None:
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                     ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Cancel.argtypes = []
        lib.espeak_Cancel.restype = ctypes.c_int
        lib.espeak_SetPhonemeTrace.argtypes = [ctypes.c_int, ctypes.c_void_p]
        lib.espeak_SetPhonemeTrace.restype = None
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int,
                                              ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p

    @property
    def sample_rate(self) -> int:
        """Samples per second of the PCM this engine produces (mono, signed 16-bit)."""
        return self.info.sample_rate

    def _on_samples(self, wav, numsamples, _events) -> int:
        if self._handler is None or not wav or numsamples <= 0:
            return 0
        data = ctypes.string_at(wav, numsamples * 2)
        try:
            return 0 if self._handler(data) else 1
        except BaseException as exc:  # noqa: BLE001 - raised again by synthesize, outside C
            self._error = exc
            return 1

    def _use(self, voice: str, rate: int | None = None, volume: int | None = None) -> None:
        if voice != self._voice:
            if self._lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise SpeechEngineError(f"espeak-ng has no voice {voice!r}")
            self._voice = voice
        if rate is not None:
            self._lib.espeak_SetParameter(PARAM_RATE, int(rate), 0)
        if volume is not None:
            self._lib.espeak_SetParameter(PARAM_VOLUME, int(volume), 0)

    def synthesize(self, text: str, voice: str, on_chunk: ChunkHandler, rate: int = 175,
                   volume: int = 100) -> bool:
        """Stream text as PCM chunks to on_chunk (return False to stop); True if it ran to the end."""
        data = text.encode("utf-8") + b"\0"
        buf = ctypes.create_string_buffer(data, len(data))
        stopped = False

        def handler(chunk: bytes) -> bool:
            nonlocal stopped
            if stopped:
                return False
            if not on_chunk(chunk):
                stopped = True
            return not stopped

        with self._lock:
            self._use(voice, rate, volume)
            self._handler = handler
            self._error = None
            try:
                self._lib.espeak_Synth(buf, len(data), 0, POS_CHARACTER, 0,
                                       CHARS_UTF8 | ENDPAUSE, None, None)
            finally:
                self._handler = None
                error, self._error = self._error, None
                if stopped or error is not None:
                    self._flush()
            if error is not None:
                raise error
        return not stopped

    def _flush(self) -> None:
        # An aborted synthesis leaves translator state behind: the next call would spell
        # English words as "Chinese letter ..." unless a blank utterance runs through first.
        self._lib.espeak_Cancel()
        blank = ctypes.create_string_buffer(b" \0", 2)
        self._lib.espeak_Synth(blank, 2, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
        self._voice = None

    def synthesize_all(self, text: str, voice: str, rate: int = 175, volume: int = 100) -> bytes:
        """The whole utterance as one PCM byte string."""
        chunks: list[bytes] = []
        self.synthesize(text, voice, lambda c: chunks.append(c) is None, rate, volume)
        return b"".join(chunks)

    def synthesize_traced(self, text: str, voice: str, rate: int = 175) -> tuple[bytes, str]:
        """Synthesise text and return (PCM, the phonemes espeak-ng traced while speaking it)."""
        libc = ctypes.CDLL(None)
        libc.fopen.restype = ctypes.c_void_p
        libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        libc.fclose.argtypes = [ctypes.c_void_p]
        fd, path = tempfile.mkstemp(prefix="espeak-trace-", suffix=".txt")
        os.close(fd)
        try:
            with self._lock:
                stream = libc.fopen(path.encode(), b"w")
                if not stream:
                    raise SpeechEngineError(f"cannot open {path} for the phoneme trace")
                self._lib.espeak_SetPhonemeTrace(1, stream)
                try:
                    pcm = self.synthesize_all(text, voice, rate)
                finally:
                    self._lib.espeak_SetPhonemeTrace(0, None)
                    libc.fclose(stream)
            with open(path, encoding="utf-8", errors="replace") as trace:
                return pcm, trace.read().strip()
        finally:
            os.unlink(path)

    def phonemes(self, text: str, voice: str, ipa: bool = False) -> str:
        """espeak-ng's phoneme transcription of text (ASCII mnemonics, or IPA), clause by clause."""
        data = text.encode("utf-8") + b"\0"
        buf = ctypes.create_string_buffer(data, len(data))
        pointer = ctypes.c_void_p(ctypes.addressof(buf))
        clauses: list[str] = []
        with self._lock:
            self._use(voice)
            while pointer.value:
                out = self._lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8,
                                                      PHONEMES_IPA if ipa else 0)
                if out:
                    clauses.append(out.decode("utf-8", "replace"))
        return " | ".join(c.strip() for c in clauses if c.strip())


_shared: EspeakEngine | None = None
_shared_lock = threading.Lock()


def shared_engine() -> EspeakEngine:
    """The process's bundled espeak-ng engine, initialised on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = EspeakEngine()
        return _shared
