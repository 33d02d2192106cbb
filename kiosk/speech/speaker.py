"""The Speaker service: speaks message keys on its own worker thread; the caller never waits.

`say()` only queues; rendering, synthesis and playback run on the worker. A new prompt (or
`cut()`) bumps a generation counter, and the synthesis callback checks it before every chunk,
so speech stops within the chunk being played (~50 ms) when the screen changes.
Prompts without personal parameters are kept synthesised in a bounded LRU (`AudioCache`): the
kiosk repeats them all day, and replaying costs no CPU the UI thread needs for its next frame.
Personal parameters are replaced by a neutral phrase unless the resident asked for them
(`allow_personal=True`), and are always masked in the speech log.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol

from kiosk.speech.audio_cache import AudioCache
from kiosk.speech.engine import EspeakEngine, shared_engine
from kiosk.speech.sinks import AudioSink, NullSink
from kiosk.speech.speech_log import PERSONAL_MASK, SpeechLog
from kiosk.speech.voices import Voice, load_voices

log = logging.getLogger(__name__)

WITHHELD_KEY = "speech.personal_withheld"
MIN_SPEED, MAX_SPEED = 0.5, 2.0
MIN_VOLUME, MAX_VOLUME = 0, 200


class TranslatorLike(Protocol):
    """Anything with `t(key, lang, **params) -> str` (kiosk.i18n.Translator)."""

    def t(self, key: str, lang: str, **params: Any) -> str:
        """The text of key in lang."""


@dataclass(frozen=True)
class Prompt:
    """One request to speak: a message key, its language and parameters, and which are personal."""

    key: str
    lang: str
    params: tuple[tuple[str, Any], ...] = ()
    personal: frozenset[str] = frozenset()
    allow_personal: bool = False

    def __repr__(self) -> str:
        shown = {n: (PERSONAL_MASK if n in self.personal else v) for n, v in self.params}
        return f"Prompt({self.key!r}, {self.lang!r}, {shown!r}, allow_personal={self.allow_personal})"


@dataclass(frozen=True)
class Spoken:
    """A prompt as it starts to be spoken: the text heard, for the on-screen caption."""

    prompt: Prompt
    text: str


@dataclass
class _Job:
    prompt: Prompt | None  # None: warm the engine up
    generation: int
    done: threading.Event = field(default_factory=threading.Event)


def _personal_names(personal: bool | Iterable[str], params: Mapping[str, Any]) -> frozenset[str]:
    if personal is True:
        return frozenset(params)
    if personal is False or personal is None:
        return frozenset()
    names = frozenset(personal)
    unknown = names - set(params)
    if unknown:
        raise ValueError(f"personal names parameters that were not given: {sorted(unknown)}")
    return names


class Speaker:
    """Voice guidance service: say / cut / repeat, volume and speed, speech log."""

    def __init__(self, translator: TranslatorLike | None = None, sink: AudioSink | None = None,
                 engine: EspeakEngine | None = None, voices: Mapping[str, Voice] | None = None,
                 speech_log: Path | str | None = None,
                 on_spoken: Callable[[Spoken], None] | None = None,
                 audio_cache: AudioCache | None = None) -> None:
        """audio_cache: where synthesised non-personal prompts are kept (default: a new 8 MB one)."""
        if translator is None:
            from kiosk.i18n import Translator
            translator = Translator()
        self.translator = translator
        self.sink: AudioSink = sink if sink is not None else NullSink()
        self._engine = engine
        self.voices = dict(voices) if voices is not None else load_voices()
        self.log = SpeechLog(speech_log) if speech_log else None
        self.on_spoken = on_spoken
        self.audio_cache = audio_cache if audio_cache is not None else AudioCache()
        self.volume = 100
        self.speed = 1.0
        self.last: Prompt | None = None
        self.last_spoken: Spoken | None = None
        self._generation = 0
        self._gen_lock = threading.Lock()
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._worker.start()

    # --- intents (any thread; never block) -------------------------------------------------
    def say(self, key: str, lang: str, params: Mapping[str, Any] | None = None,
            personal: bool | Iterable[str] = False, allow_personal: bool = False,
            interrupt: bool = True) -> threading.Event:
        """Queue a prompt; interrupt=True (a screen change) cuts what is playing first.

        personal is True (every parameter) or the names of personal parameters. Returns an
        event set when the prompt has been spoken, cut or skipped.
        """
        params = dict(params or {})
        if lang not in self.voices:
            raise ValueError(f"no voice for language {lang!r}; known: {sorted(self.voices)}")
        prompt = Prompt(key, lang, tuple(sorted(params.items())),
                        _personal_names(personal, params), bool(allow_personal))
        return self._enqueue(prompt, interrupt)

    def say_msg(self, msg: Any, lang: str, personal: bool | Iterable[str] = False,
                allow_personal: bool = False, interrupt: bool = True) -> threading.Event:
        """Say a kiosk.i18n.Msg (what the core hands to screens)."""
        return self.say(msg.key, lang, dict(msg.params), personal, allow_personal, interrupt)

    def warm_up(self) -> threading.Event:
        """Probe the audio device and load the engine and voices on the worker, ahead of use."""
        with self._gen_lock:
            job = _Job(None, self._generation)
            self._queue.put_nowait(job)
        return job.done

    def repeat(self) -> threading.Event | None:
        """Say the last prompt again (the "repeat" button); None if nothing was said yet."""
        if self.last is None:
            return None
        return self._enqueue(self.last, interrupt=True)

    def cut(self) -> None:
        """Stop speaking now and drop queued prompts (the screen changed)."""
        with self._gen_lock:
            self._generation += 1
            self._drain_queue()
        self.sink.stop()

    def set_volume(self, volume: int) -> None:
        """Volume in percent of normal, 0..200 (applies from the next prompt)."""
        if not MIN_VOLUME <= volume <= MAX_VOLUME:
            raise ValueError(f"volume {volume} is outside {MIN_VOLUME}..{MAX_VOLUME}")
        self.volume = int(volume)

    def set_speed(self, speed: float) -> None:
        """Speed as a factor of the voice's normal rate, 0.5..2.0 (elder mode slows it)."""
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError(f"speed {speed} is outside {MIN_SPEED}..{MAX_SPEED}")
        self.speed = float(speed)

    @property
    def audio_status(self) -> str:
        """The sink's status: "ok" or "no audio device: ..."."""
        return self.sink.status

    def close(self, timeout: float = 5.0) -> None:
        """Cut, stop the worker and release the sink."""
        self.cut()
        self._queue.put(None)
        self._worker.join(timeout)
        self.sink.close()

    # --- text ------------------------------------------------------------------------------
    def render(self, prompt: Prompt) -> tuple[str, str]:
        """(text to speak and show, text for the log) for a prompt."""
        params = dict(prompt.params)
        withheld = self.translator.t(WITHHELD_KEY, prompt.lang) if prompt.personal else ""
        spoken_params = {name: (withheld if name in prompt.personal and not prompt.allow_personal
                                else value) for name, value in params.items()}
        logged_params = {name: (PERSONAL_MASK if name in prompt.personal else value)
                         for name, value in params.items()}
        return (self.translator.t(prompt.key, prompt.lang, **spoken_params),
                self.translator.t(prompt.key, prompt.lang, **logged_params))

    # --- worker ----------------------------------------------------------------------------
    def _enqueue(self, prompt: Prompt, interrupt: bool) -> threading.Event:
        with self._gen_lock:
            if interrupt:
                self._generation += 1
                self._drain_queue()
                self.sink.stop()  # before queueing, so it cannot hit the new prompt's playback
            job = _Job(prompt, self._generation)
            self.last = prompt
            self._queue.put_nowait(job)
        return job.done

    def _drain_queue(self) -> None:
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                return
            if job is None:
                self._queue.put_nowait(None)
                return
            job.done.set()

    def engine(self) -> EspeakEngine:
        """The engine, loaded on first use (on the worker, never on the caller's thread)."""
        if self._engine is None:
            self._engine = shared_engine()
        return self._engine

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                if job.prompt is None:
                    probe = getattr(self.sink, "probe", None)
                    if callable(probe):
                        probe()
                    for voice in self.voices.values():
                        self.engine().phonemes("1", voice.voice)
                elif job.generation == self._generation:
                    self._speak(job)
            except Exception:  # noqa: BLE001 - speech must never take the kiosk down
                log.exception("speech failed for %s", job.prompt.key if job.prompt else "warm-up")
            finally:
                job.done.set()

    def _speak(self, job: _Job) -> None:
        prompt = job.prompt
        text, logged = self.render(prompt)
        voice = self.voices[prompt.lang]
        if self.log is not None:
            self.log.write(time.time(), prompt.lang, prompt.key, logged)
        engine = self.engine()
        spoken = Spoken(prompt, text)
        self.last_spoken = spoken
        if self.on_spoken is not None:
            self.on_spoken(spoken)

        def on_chunk(pcm: bytes) -> bool:
            if job.generation != self._generation:
                return False
            self.sink.write(pcm)
            return job.generation == self._generation

        spoken_text, rate = voice.spoken_form(text), round(voice.rate * self.speed)
        # a prompt with personal parameters (even withheld) never enters the cache
        key = None if prompt.personal else (spoken_text, voice.voice, rate, self.volume)
        cached = self.audio_cache.get(key) if key is not None else None
        self.sink.start(engine.sample_rate)
        if cached is not None:
            completed = all(on_chunk(pcm) for pcm in cached)
        else:
            chunks: list[bytes] = []

            def recording(pcm: bytes) -> bool:
                chunks.append(pcm)
                return on_chunk(pcm)

            completed = engine.synthesize(spoken_text, voice.voice,
                                          recording if key is not None else on_chunk,
                                          rate=rate, volume=self.volume)
            if completed and key is not None:  # a cut prompt is incomplete: not stored
                self.audio_cache.put(key, tuple(chunks))
        if completed and job.generation == self._generation:
            self.sink.finish()
