"""The DeviceHub's locker: built from the booth profile, or a visible missing device that fails fast."""
import pytest

from drivers.base import DeviceState, HalError
from drivers.locker.simulator import SimulatedLocker
from kiosk.config.model import DeviceConfig
from kiosk.devices import DeviceHub


def test_unconfigured_locker_is_missing_and_fails_at_once():
    hub = DeviceHub.from_config({})
    hub.start()
    try:
        with pytest.raises(HalError) as err:
            hub.locker.open_door(1).result(5)
        assert err.value.code == "no_device" and "not configured" in err.value.message
        assert hub.locker.status().state == DeviceState.NO_DEVICE
    finally:
        hub.stop()


def test_configured_simulator_opens_a_door():
    hub = DeviceHub.from_config({"locker": DeviceConfig("locker", "simulator", {"locks": 2})})
    hub.start()
    try:
        assert isinstance(hub.locker, SimulatedLocker)
        assert hub.locker.open_door(2).result(5) is True
    finally:
        hub.stop()
