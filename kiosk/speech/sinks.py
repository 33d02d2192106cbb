"""Where synthesised speech goes: a recording sink for tests, a WAV file, or ALSA via aplay.

Every sink takes 16-bit signed little-endian mono PCM. `write` is called from the speech worker
and may block (that paces synthesis to playback); `stop` may be called from any thread and must
return at once, dropping whatever has not been heard yet.
"""
from __future__ import annotations

import shutil
import subprocess
import threading
import wave
from pathlib import Path
from typing import Protocol

STATUS_OK = "ok"
NO_AUDIO_DEVICE = "no audio device"
STATUS_UNKNOWN = "audio device not checked yet"


class AudioSink(Protocol):
    """What the Speaker plays into."""

    status: str

    def start(self, sample_rate: int) -> None:
        """A new utterance begins at sample_rate."""

    def write(self, pcm: bytes) -> None:
        """One chunk of the current utterance."""

    def finish(self) -> None:
        """The utterance ended normally: let it play out."""

    def stop(self) -> None:
        """Drop the current utterance at once (any thread)."""

    def close(self) -> None:
        """Release the device or file."""


class NullSink:
    """Plays nothing; records every utterance's chunks so tests can inspect them."""

    def __init__(self) -> None:
        self.status = STATUS_OK
        self.sample_rate = 0
        self.utterances: list[list[bytes]] = []
        self.stops = 0
        self.first_sample = threading.Event()
        self._lock = threading.Lock()

    def start(self, sample_rate: int) -> None:
        """Open a new recorded utterance."""
        with self._lock:
            self.sample_rate = sample_rate
            self.utterances.append([])

    def write(self, pcm: bytes) -> None:
        """Record one chunk."""
        with self._lock:
            self.utterances[-1].append(pcm)
        self.first_sample.set()

    def finish(self) -> None:
        """Nothing to drain."""

    def stop(self) -> None:
        """Count the stop."""
        with self._lock:
            self.stops += 1

    def close(self) -> None:
        """Nothing to release."""

    def chunk_count(self) -> int:
        """Chunks received over all utterances."""
        with self._lock:
            return sum(len(u) for u in self.utterances)

    def samples(self, index: int = -1) -> bytes:
        """The PCM of one recorded utterance."""
        with self._lock:
            return b"".join(self.utterances[index])


class WavFileSink:
    """Appends every utterance to one mono 16-bit WAV file (closed by `close`)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.status = STATUS_OK
        self._wav: wave.Wave_write | None = None
        self._rate = 0
        self._lock = threading.Lock()

    def start(self, sample_rate: int) -> None:
        """Open the file on the first utterance; the rate must not change afterwards."""
        with self._lock:
            if self._wav is None:
                self._wav = wave.open(str(self.path), "wb")
                self._wav.setnchannels(1)
                self._wav.setsampwidth(2)
                self._wav.setframerate(sample_rate)
                self._rate = sample_rate
            elif sample_rate != self._rate:
                raise ValueError(f"{self.path}: sample rate changed from {self._rate} to {sample_rate}")

    def write(self, pcm: bytes) -> None:
        """Append one chunk."""
        with self._lock:
            if self._wav is not None:
                self._wav.writeframes(pcm)

    def finish(self) -> None:
        """Nothing to drain."""

    def stop(self) -> None:
        """Nothing buffered to drop: what was written stays in the file."""

    def close(self) -> None:
        """Finalise the WAV header."""
        with self._lock:
            if self._wav is not None:
                self._wav.close()
                self._wav = None


class AplaySink:
    """ALSA output through `aplay` reading raw PCM on stdin; soft-fails to "no audio device"."""

    def __init__(self, device: str = "default", probe_now: bool = True) -> None:
        self.device = device
        self.last_exit: int | None = None  # aplay's exit status after the last finished prompt
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.status = STATUS_UNKNOWN
        if probe_now:
            self.probe()

    def probe(self, sample_rate: int = 22050) -> str:
        """Try to open the device (runs aplay: call it off the UI thread); sets and returns status."""
        self.status = self._probe(sample_rate)
        return self.status

    def _command(self, sample_rate: int) -> list[str]:
        return ["aplay", "-q", "-D", self.device, "-t", "raw", "-f", "S16_LE",
                "-r", str(sample_rate), "-c", "1"]

    def _probe(self, sample_rate: int) -> str:
        if shutil.which("aplay") is None:
            return f"{NO_AUDIO_DEVICE}: aplay is not installed (apt-get install alsa-utils)"
        try:
            done = subprocess.run(self._command(sample_rate) + ["/dev/null"], capture_output=True,
                                  text=True, timeout=5)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{NO_AUDIO_DEVICE}: {exc}"
        if done.returncode != 0:
            lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
            return f"{NO_AUDIO_DEVICE}: {lines[-1] if lines else 'aplay exited ' + str(done.returncode)}"
        return STATUS_OK

    def start(self, sample_rate: int) -> None:
        """Start one aplay process for this utterance (nothing if there is no device)."""
        self.stop()
        if self.status == STATUS_UNKNOWN:
            self.probe(sample_rate)
        if self.status != STATUS_OK:
            return
        try:
            proc = subprocess.Popen(self._command(sample_rate), stdin=subprocess.PIPE,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            self.status = f"{NO_AUDIO_DEVICE}: {exc}"
            return
        with self._lock:
            self._proc = proc

    def write(self, pcm: bytes) -> None:
        """Feed aplay; blocks while its pipe is full, which paces synthesis to playback."""
        proc = self._proc
        if proc is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(pcm)
        except (BrokenPipeError, ValueError, OSError):
            pass  # stopped meanwhile, or aplay died: the utterance is dropped

    def finish(self) -> None:
        """Close aplay's input and wait for it to play out."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        self.last_exit = proc.wait()

    def stop(self) -> None:
        """Kill aplay: the audio stops now, the blocked writer gets a broken pipe."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            threading.Thread(target=proc.wait, daemon=True).start()  # reap without blocking

    def close(self) -> None:
        """Stop any playback."""
        self.stop()
