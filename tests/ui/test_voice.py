"""Voice guidance in the real window: one spoken prompt per screen in the resident's language, the
caption equal to the spoken text, Repeat, the voice panel, cut on screen change, no personal data.

The Speaker runs its real espeak-ng engine; only the sound card is replaced (NullSink / a sink
paced like a device), since the build machine has none.
"""
from __future__ import annotations

import threading

import pytest

from drivers.registry import build_driver
from kiosk.flow.browse import intents as bi
from kiosk.speech import NullSink
from kiosk.speech.speech_log import SpeechLog, read_log

pytestmark = pytest.mark.ui

PICKUP_ID = "PK20240042"  # what the simulator's signed pickup code carries


@pytest.fixture
def spoken(fresh, tmp_path):
    """The app's speaker logging to a fresh speech log; the QR camera shows a pickup code."""
    speaker = fresh.app.voice.speaker
    saved_log, saved_sink = speaker.log, speaker.sink
    speaker.log = SpeechLog(tmp_path / "speech.jsonl")
    hub = fresh.app.core.devices
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {
        # nothing shown until the test holds the code up, after the scan screen's hint was spoken
        "script": [{"wait": 3600, "do": "clear"}], "script_loop": False}))
    yield fresh
    speaker.cut()
    speaker.log, speaker.sink = saved_log, saved_sink
    fresh.app.voice.reset()
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {}))


def entries(ui) -> list[dict]:
    path = ui.app.voice.speaker.log.path
    return read_log(path) if path.exists() else []


def caption_text(ui) -> str:
    label = ui.chrome.voice.ids.caption  # a WrapLabel: it keeps the text as given apart
    return getattr(label, "source_text", "") or label.text


def wait_spoken(ui, key: str, count: int = 1) -> dict:
    """Wait until key was spoken count times and its caption shows; the last such log entry."""
    ui.wait_for(lambda: sum(e["key"] == key for e in entries(ui)) >= count
                and caption_text(ui) == ui.app.voice.speaker.last_spoken.text
                and ui.app.voice.speaker.last_spoken.prompt.key == key,
                f"spoken {key}; log: {entries(ui)}")
    return [e for e in entries(ui) if e["key"] == key][-1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_speaks_its_prompt_in_the_residents_language(spoken, lang):
    ui = spoken
    app = ui.app
    printer = app.core.devices.printer
    saved_delay, printer.print_delay = printer.print_delay, 0.8  # the printing screen renders
    try:
        ui.wait_for(lambda: app.voice.speaker.last_spoken is not None, "the attract prompt")
        # the attract prompt was spoken before the log was attached: ask again / switch language
        ui.tap(ui.chrome.voice.ids.caption if lang == "zh" else ui.chrome.lang_button)
        wait_spoken(ui, "voice.screen.attract")
        ui.tap(ui.screen("attract").ids.start_area)
        ui.wait_screen("catalog")
        wait_spoken(ui, "voice.screen.catalog")
        app.send(bi.OpenService(next(iter(app.core.content.catalog.items))))
        ui.wait_screen("guide")
        title = app.flow.state.page.guide.title.pick(lang)
        guide = wait_spoken(ui, app.flow.state.page.prompt().key)
        assert title in guide["text"]
        ui.tap(ui.screen("guide").ids.print_button)
        ui.wait_screen("done")
        done = wait_spoken(ui, "print.done")
        assert done["text"] == app.translator.t("print.done", lang)
        ui.tap(ui.screen("done").ids.finish_button)
        ui.wait_screen("attract")
        if lang == "en":  # a finished session returns to the default language
            ui.tap(ui.chrome.lang_button)
        wait_spoken(ui, "voice.screen.attract", 2)
        ui.tap(ui.screen("attract").ids.scan_button)
        ui.wait_screen("scan")
        wait_spoken(ui, "scan.qr.hint")
        app.core.devices.qr_camera.do_by_hand("show_code", code="pickup")
        ui.wait_for(lambda: app.rendered.page.ok is True, "the pickup code read")
        read = wait_spoken(ui, "scan.code.pickup")
        assert PICKUP_ID in ui.screen("scan").ids.result.text  # shown to the resident...
    finally:
        printer.print_delay = saved_delay
    log = entries(ui)
    assert PICKUP_ID not in "\n".join(e["text"] for e in log)  # ...never spoken nor logged
    assert PICKUP_ID not in app.voice.speaker.last_spoken.text
    assert "***" in read["text"]
    for e in log:  # the log holds exactly what the caption showed (personal values masked)
        assert e["text"] and not e["text"].startswith("[")
        assert set(e) == {"time", "lang", "key", "text"}
    heard = [(e["key"], e["lang"]) for e in log]
    if lang == "en" and ("voice.screen.attract", "zh") in heard:
        # the ended session's attract screen is in Chinese; it is logged only if the worker began
        # it before the resident's tap on English cut it
        heard.remove(("voice.screen.attract", "zh"))
    assert heard == [(key, lang) for key in (
        "voice.screen.attract", "voice.screen.catalog", guide["key"], "print.printing",
        "print.done")] + [(key, lang) for key in (
        "voice.screen.attract", "scan.qr.hint", "scan.code.pickup")]


def test_repeat_speaks_the_prompt_again_and_the_panel_sets_volume_speed_mute(spoken):
    ui = spoken
    app = ui.app
    voice = ui.chrome.voice
    ui.wait_for(lambda: app.voice.speaker.last_spoken is not None, "the attract prompt")
    assert entries(ui) == []
    assert voice.ids.caption.height >= 60
    ui.tap(voice.ids.caption)  # a tap on the caption repeats it
    wait_spoken(ui, "voice.screen.attract", 1)
    assert not voice.panel_open
    ui.tap(ui.chrome.voice_button)
    assert voice.panel_open
    ui.pump(3)
    buttons = [voice.ids[name] for name in ("repeat_button", "softer_button", "louder_button",
                                            "slower_button", "faster_button", "mute_button")]
    assert all(b.width >= 60 and b.height >= 60 and b.text for b in buttons)
    ui.tap(voice.ids.louder_button)
    ui.tap(voice.ids.louder_button)
    ui.tap(voice.ids.slower_button)
    assert (app.voice.speaker.volume, app.voice.speaker.speed) == (140, 0.75)
    assert "140%" in voice.ids.voice_status.text and "75%" in voice.ids.voice_status.text
    ui.tap(voice.ids.mute_button)
    assert app.voice.speaker.volume == 0
    assert voice.ids.mute_button.text == app.translator.t("voice.unmute", "zh")
    ui.screenshot("zh-voice-panel")
    ui.tap(voice.ids.repeat_button)  # muted: the caption still shows what is said
    wait_spoken(ui, "voice.screen.attract", 2)
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    from kiosk.flow import intents as it
    app.send(it.Finish())
    ui.wait_screen("attract")
    ui.pump(3)
    assert (app.voice.speaker.volume, app.voice.speaker.speed) == (100, 1.0)  # next resident
    ui.tap(ui.chrome.voice_button)
    assert not voice.panel_open
    assert voice.ids.panel.get_root_window() is None  # out of the tree: catches no touches


class PacedSink(NullSink):
    """Plays in real time like a sound card; counts the audio written for each spoken key."""

    def __init__(self, speaker) -> None:
        super().__init__()
        self.speaker = speaker
        self.seconds: dict[str, float] = {}
        self._stopped = threading.Event()

    def start(self, sample_rate: int) -> None:
        super().start(sample_rate)
        self._stopped.clear()
        self.rate = sample_rate

    def write(self, pcm: bytes) -> None:
        key = self.speaker.last_spoken.prompt.key
        seconds = len(pcm) / 2 / self.rate
        self.seconds[key] = self.seconds.get(key, 0.0) + seconds
        self._stopped.wait(seconds)

    def stop(self) -> None:
        self._stopped.set()
        super().stop()


def test_a_screen_change_cuts_the_prompt_being_spoken(spoken):
    ui = spoken
    app = ui.app
    speaker = app.voice.speaker
    sink = PacedSink(speaker)
    speaker.sink = sink
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    app.send(bi.OpenService(next(iter(app.core.content.catalog.items))))
    ui.wait_screen("guide")
    key = app.flow.state.page.prompt().key
    wait_spoken(ui, key)
    ui.wait_for(lambda: sink.seconds.get(key, 0) > 0, "the guide prompt playing")
    ui.tap(ui.chrome.back_button)
    ui.wait_screen("catalog")
    wait_spoken(ui, "voice.screen.catalog", 2)  # the catalog again, after Back
    heard = sink.seconds[key]
    full = []  # the whole guide prompt, synthesised apart from the kiosk
    voice = speaker.voices["zh"]
    text = next(e["text"] for e in entries(ui) if e["key"] == key)
    speaker.engine().synthesize(voice.spoken_form(text), voice.voice,
                                lambda pcm: full.append(len(pcm)) or True)
    full_s = sum(full) / 2 / speaker.engine().sample_rate
    assert full_s > 2.0, "the guide prompt should be long enough to be cut"
    assert heard < full_s / 2, f"{heard:.2f} s of a {full_s:.2f} s prompt played after Back"
    speaker.cut()
