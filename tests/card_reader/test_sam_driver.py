"""The SAM driver against the simulator process: good reads and every scripted fault."""
import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, READ_FAILED
from drivers.card_reader.sam_driver import make
from drivers.card_reader.sim.sam import launch
from drivers.card_reader.sim.sam.script import DEFAULT_PEOPLE, complete_person

from drivers.card_reader.sim.sam.testing import sim_and_reader, wait_for

ZHANG, LI = (complete_person(p) for p in DEFAULT_PEOPLE)


def test_good_read(tmp_path):
    with sim_and_reader(tmp_path, {}) as (_sim, reader, rec):
        r = reader.read_card(5).result(10)
        assert (r.name, r.sex, r.nation, r.birth_date) == ("张三", "男", "汉", "1980-01-01")
        assert r.id_number == ZHANG["id_number"] and r.valid_to == "2035-01-01"
        assert r.authority == "北京市公安局东城分局" and r.address == ZHANG["address"]
        assert len(r.extra["photo"]) == 1024 and r.extra["photo"][:3] == b"WLT"
        assert "appended_address" not in r.extra
        assert reader.status().state == DeviceState.ONLINE
        assert reader.status().media == MediaState.PRESENT
        assert rec.kinds().count(CARD_INSERTED) == 1
        diag = str(reader.diagnostics())
        assert ZHANG["id_number"] not in diag and "张三" not in diag


def test_long_term_card_with_appended_address(tmp_path):
    with sim_and_reader(tmp_path, {"people": [LI]}) as (_sim, reader, _rec):
        r = reader.read_card(5).result(10)
        assert (r.sex, r.nation, r.valid_to) == ("女", "维吾尔", "长期")
        assert r.extra["appended_address"] == LI["appended_address"]


def test_no_card_times_out_and_reports_absent(tmp_path):
    with sim_and_reader(tmp_path, {"card": "absent"}) as (_sim, reader, rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(0.5).result(5)
        assert ei.value.code in ("timeout", "cancelled")
        assert reader.status().media == MediaState.ABSENT
        assert CARD_INSERTED not in rec.kinds()


def test_intermittent_card_raises_state_change_events_only(tmp_path):
    script = {"card": {"present_finds": 2, "absent_finds": 3}}
    with sim_and_reader(tmp_path, script) as (_sim, reader, rec):
        assert wait_for(lambda: rec.kinds().count(CARD_REMOVED) >= 2)
        cards = [k for k in rec.kinds() if k in (CARD_INSERTED, CARD_REMOVED)]
        assert all(a != b for a, b in zip(cards, cards[1:])), cards   # strictly alternating
        # bounded line use: a poll sends one find (+ one select when a present card vanishes,
        # or a status check with its retries while the reader is not online)
        stats = reader.diagnostics()
        assert stats["link"]["commands"] <= (reader.retries + 1) * stats["polls"] + 3
        r = reader.read_card(5).result(10)      # reads when the card is there
        assert r.name in ("张三", "李四")


def test_checksum_errors_are_retried(tmp_path):
    script = {"bad_checksum": {"commands": ["3001"], "count": 2}}
    with sim_and_reader(tmp_path, script, retries=2) as (_sim, reader, _rec):
        assert reader.read_card(5).result(10).name == "张三"
        link = reader.diagnostics()["link"]
        assert link["retries"] >= 2 and link["bad_checksums"] >= 2


def test_persistent_checksum_errors_fail_specifically(tmp_path):
    script = {"bad_checksum": {"commands": ["3001"], "count": 99}}
    with sim_and_reader(tmp_path, script, retries=1) as (_sim, reader, rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(5).result(10)
        assert ei.value.code == "frame_checksum"
        assert READ_FAILED in rec.kinds()


@pytest.mark.parametrize("mode", ["status", "truncate"])
def test_card_removed_mid_read(tmp_path, mode):
    with sim_and_reader(tmp_path, {"remove_mid_read": mode}, poll_interval=5) as (_s, reader, rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(5).result(10)
        assert ei.value.code == "card_removed"
        kinds = rec.kinds()
        assert CARD_INSERTED in kinds and CARD_REMOVED in kinds and READ_FAILED in kinds
        assert reader.status().media == MediaState.ABSENT


def test_card_back_after_removal_reads(tmp_path):
    script = {"remove_mid_read": {"mode": "status", "return_after_finds": 2}}
    with sim_and_reader(tmp_path, script, poll_interval=5) as (_s, reader, _rec):
        with pytest.raises(HalError):
            reader.read_card(5).result(10)
        assert reader.read_card(5).result(10).name in ("张三", "李四")


def test_line_noise_is_skipped(tmp_path):
    with sim_and_reader(tmp_path, {"noise": {"bytes": 40, "seed": 3}}) as (_s, reader, _rec):
        for _ in range(3):
            assert reader.read_card(5).result(10).name == "张三"
        assert reader.diagnostics()["garbage_bytes"] > 100


def test_slow_answers_within_timeout(tmp_path):
    with sim_and_reader(tmp_path, {"slow": 0.1}, response_timeout=0.6) as (_s, reader, _rec):
        assert reader.read_card(8).result(12).name == "张三"


def test_too_slow_answers_report_no_answer(tmp_path):
    with sim_and_reader(tmp_path, {"slow": 0.8}, response_timeout=0.1, retries=0,
                        poll_interval=5) as (_s, reader, _rec):
        with pytest.raises(HalError) as ei:
            reader.read_card(8).result(12)
        assert ei.value.code == "reader_no_answer"


def test_port_closes_and_returns(tmp_path):
    script = {"port_close": {"after_commands": 4, "down_seconds": 0.4}}
    with sim_and_reader(tmp_path, script, backoff=(0.05, 0.2)) as (_s, reader, rec):
        assert wait_for(lambda: "no_device" in rec.states())
        assert wait_for(lambda: rec.states()[-1:] == ["online"])
        assert reader.diagnostics()["reopens"] >= 1
        assert "error" in rec.kinds()
        assert reader.read_card(5).result(10).name == "张三"


def test_simulator_exits_and_a_new_one_comes_back(tmp_path):
    script = {"port_close": {"after_commands": 3, "exit": True}}
    with sim_and_reader(tmp_path, script, backoff=(0.05, 0.2)) as (sim, reader, rec):
        assert wait_for(lambda: not sim.alive())
        assert wait_for(lambda: reader.status().state == DeviceState.NO_DEVICE)
        second = launch(sim.link_path, {})
        try:
            assert wait_for(lambda: reader.status().state == DeviceState.ONLINE)
            assert reader.read_card(5).result(10).name == "张三"
        finally:
            second.stop()
        assert not second.alive()


def test_missing_port_is_no_device(tmp_path):
    reader = make("card_reader", {"port": str(tmp_path / "nothing"), "poll_interval": 0.05})
    reader.start()
    try:
        with pytest.raises(HalError) as ei:
            reader.read_card(2).result(5)
        assert ei.value.code == "no_device"
        assert reader.status().state == DeviceState.NO_DEVICE
    finally:
        reader.stop()


def test_make_requires_a_port():
    with pytest.raises(HalError) as ei:
        make("card_reader", {})
    assert ei.value.code == "config_error"
