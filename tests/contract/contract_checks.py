"""Assertions every device class shares, run against the simulator and the real driver alike."""
from __future__ import annotations

import threading

from drivers.base import DeviceState, DeviceStatus, MediaState
from drivers.events import DeviceEvent, TypedEvent
from testkit.recorder import EventRecorder


def check_status_vocabulary(status: DeviceStatus, media: set[MediaState]) -> None:
    """Status uses the shared vocabulary, with a media state allowed for this class."""
    assert isinstance(status.state, DeviceState)
    assert status.media in media, f"{status.device}: media {status.media} not in {media}"


def check_events_typed(rec: EventRecorder, device: str) -> None:
    """Every event is typed, keeps `device`/`kind`/`data`, and came from the worker thread."""
    assert rec.events, "no event at all"
    for event in rec.events:
        assert isinstance(event, TypedEvent) and isinstance(event, DeviceEvent), event
        assert event.device == device and event.kind == type(event).KIND
        assert set(event.data) >= {k for k in event.data}  # data mirrors the typed fields
    # capture threads hand their news over: listeners only ever run on the device's worker
    assert set(rec.threads) <= {f"hal-{device}"}, set(rec.threads)


def check_diagnostics_redacted(diag: dict, secrets: list[str]) -> None:
    """Diagnostics carry the shared keys and none of the personal data seen."""
    assert {"device", "class", "driver", "state", "media", "capabilities"} <= set(diag)
    text = repr(diag)
    for secret in secrets:
        assert secret not in text, f"diagnostics leak {secret[:4]}…"


def check_stop_joins(device) -> None:
    """stop() joins the worker thread and leaves the device OFFLINE."""
    thread: threading.Thread | None = device._thread
    device.stop()
    assert thread is not None and not thread.is_alive()
    assert device.status().state == DeviceState.OFFLINE
