"""Offline voice guidance: espeak-ng engine, audio sinks and the Speaker service."""
from __future__ import annotations

from pathlib import Path

from kiosk.speech.sinks import NO_AUDIO_DEVICE, STATUS_OK, AplaySink, NullSink, WavFileSink
from kiosk.speech.speaker import Speaker, Spoken

__all__ = ["AplaySink", "NO_AUDIO_DEVICE", "NullSink", "STATUS_OK", "Speaker", "Spoken",
           "WavFileSink", "create_speaker"]


def create_speaker(translator=None, speech_log: Path | str | None = None,
                   audio_device: str | None = "default", on_spoken=None) -> Speaker:
    """The kiosk's Speaker: ALSA output (audio_device None: silent), optional `--speech-log` file.

    Without a sound card the speaker still runs (captions, speech log) and reports
    "no audio device: ..." as its `audio_status`. Nothing here blocks: the device probe and the
    engine load run on the speaker's worker (`warm_up`).
    """
    sink = AplaySink(audio_device, probe_now=False) if audio_device else NullSink()
    speaker = Speaker(translator, sink, speech_log=speech_log, on_spoken=on_spoken)
    speaker.warm_up()
    return speaker
