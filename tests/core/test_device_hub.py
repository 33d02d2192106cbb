"""DeviceHub: typed accessors, missing devices that fail at once, typed events relayed."""
from __future__ import annotations

import pytest

from drivers.base import DeviceState, HalError
from drivers.card_reader.base import CardReader
from drivers.document_camera.base import DocumentCamera
from drivers.events import CardInserted, DeviceEvent
from drivers.printer.base import PrintJob, ReceiptPrinter
from drivers.qr_camera.base import QrCamera
from kiosk.config.model import DeviceConfig
from kiosk.devices import DeviceHub, MissingDevice
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for

SIMS = {k: DeviceConfig(k, "simulator", {"script": []})
        for k in ("card_reader", "printer", "qr_camera", "document_camera")}


@pytest.fixture
def hub():
    h = DeviceHub.from_config(SIMS)
    h.start()
    yield h
    h.stop()


def test_typed_accessors_give_each_class_its_protocol(hub):
    assert isinstance(hub.printer, ReceiptPrinter)
    assert isinstance(hub.card_reader, CardReader)
    assert isinstance(hub.qr_camera, QrCamera)
    assert isinstance(hub.document_camera, DocumentCamera)
    assert hub.printer is hub.devices["printer"]


def test_get_still_works_but_is_deprecated(hub):
    with pytest.warns(DeprecationWarning, match="hub.printer"):
        assert hub.get("printer") is hub.printer


def test_events_are_relayed_typed_with_device_and_kind(hub):
    rec = EventRecorder()
    hub.add_listener(rec)
    hub.card_reader.place_card()
    event = rec.wait_for(CardInserted)
    assert isinstance(event, DeviceEvent)
    assert (event.device, event.kind) == ("card_reader", "card_inserted")


def test_a_missing_device_satisfies_the_protocols_and_fails_commands_at_once():
    h = DeviceHub.from_config({})
    h.start()
    try:
        for name in ("printer", "card_reader", "qr_camera", "document_camera"):
            assert isinstance(h.devices[name], MissingDevice)
        wait_for(lambda: h.printer.status().state == DeviceState.NO_DEVICE, "no_device")
        assert isinstance(h.printer, ReceiptPrinter) and isinstance(h.qr_camera, QrCamera)
        for handle in (h.printer.print_job(PrintJob(b"x")), h.card_reader.read_card(),
                       h.document_camera.capture()):
            with pytest.raises(HalError) as info:
                handle.result(2)  # at once: no 30 s wait for a printer that is not there
            assert info.value.code == "no_device" and "not configured" in info.value.message
        h.qr_camera.set_scanning(True)
        assert h.qr_camera.latest_frame() is None and not h.qr_camera.scanning
    finally:
        h.stop()
