"""Every SW3 status maps to a specific HAL error; a few are checked through the simulator."""
import pytest

from drivers.base import DeviceState, HalError, RecommendedAction
from drivers.card_reader.sam_errors import SW3_ERRORS, SamError, status_error

from drivers.card_reader.sim.sam.testing import sim_and_reader


@pytest.mark.parametrize("sw3", sorted(SW3_ERRORS))
def test_each_sw3_has_its_own_code_and_plain_message(sw3):
    err = status_error(sw3)
    assert isinstance(err, SamError) and isinstance(err, HalError)
    assert err.code == SW3_ERRORS[sw3][0]
    assert len(err.message) > 20 and "0x" not in err.message
    assert isinstance(err.action, RecommendedAction)


def test_codes_are_unique_and_unknown_status_is_named():
    codes = [c for c, _, _ in SW3_ERRORS.values()]
    assert len(codes) == len(set(codes))
    err = status_error(0x77)
    assert err.code == "sam_unknown_status" and "0x77" in err.message


def test_reader_faults_ask_for_staff_card_faults_for_retry():
    assert status_error(0x60).action == RecommendedAction.CALL_STAFF
    assert status_error(0x66).action == RecommendedAction.CALL_STAFF
    assert status_error(0x41).action == RecommendedAction.RETRY
    assert status_error(0x40).action == RecommendedAction.CLEAR


@pytest.mark.parametrize("forced, code", [
    ({"3001": "0x40"}, "wrong_card"),
    ({"2002": "0x81"}, "select_failed"),
    ({"3001": "0x32"}, "reader_auth_failed"),
    ({"3001": "0x41"}, "read_failed"),  # the base message; 30 03 failing only marks it missing
    ({"3001": "0x10"}, "sam_checksum_error"),   # retried, then reported
])
def test_sw3_through_the_simulator(tmp_path, forced, code):
    with sim_and_reader(tmp_path, {"force_sw3": forced}) as (_sim, reader, rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(5).result(10)
        assert ei.value.code == code
        assert "read_failed" in rec.kinds()


def test_self_test_failure_puts_reader_in_hardware_error(tmp_path):
    with sim_and_reader(tmp_path, {"force_sw3": {"2001": "0x60"}}) as (_sim, reader, rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(5).result(10)
        assert ei.value.code == "sam_self_test_failed"
        assert reader.status().state == DeviceState.HARDWARE_ERROR
