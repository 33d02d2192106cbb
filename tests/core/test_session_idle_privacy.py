"""Session wipe, idle timer phases, masking, translation tables."""
from __future__ import annotations

import json

import pytest

from kiosk.i18n import TranslationError, Translator, load_strings
from kiosk.idle import IdlePhase, IdleTimer
from kiosk.privacy import mask_id, mask_name
from kiosk.session import Session


def test_idle_timer_phases_follow_the_clock():
    now = [0.0]
    timer = IdleTimer(90, 30, clock=lambda: now[0])
    assert timer.status().phase == IdlePhase.ACTIVE
    now[0] = 60.5
    st = timer.status()
    assert st.phase == IdlePhase.WARNING and st.seconds_left == pytest.approx(29.5)
    timer.touch()
    assert timer.status().phase == IdlePhase.ACTIVE
    now[0] += 90
    assert timer.status().phase == IdlePhase.EXPIRED
    with pytest.raises(ValueError):
        IdleTimer(30, 30)


def test_session_wipe_clears_and_zeroes_buffers():
    s = Session(clock=lambda: 0.0)
    photo = bytearray(b"\x01\x02\x03")
    s.put("photo", photo)
    s.put("form", {"name": "李四"})
    assert s.has_personal_data()
    s.wipe()
    assert not s.has_personal_data() and photo == bytearray(3) and s.get("form") is None
    with pytest.raises(RuntimeError):
        s.put("x", 1)


def test_session_repr_masks_identity():
    from drivers.card_reader.simulator import SAMPLE_PERSON
    s = Session()
    s.put("identity", SAMPLE_PERSON)
    text = repr(s) + repr(SAMPLE_PERSON) + str(SAMPLE_PERSON)
    assert SAMPLE_PERSON.id_number not in text and SAMPLE_PERSON.name not in text
    assert "110*************2X" in text


@pytest.mark.parametrize("value,masked", [("11010519491231002X", "110*************2X"),
                                          ("1234", "****"), ("", "")])
def test_mask_id(value, masked):
    assert mask_id(value) == masked


def test_mask_name():
    assert mask_name("欧阳娜娜") == "欧***" and mask_name("Li") == "L*" and mask_name("") == ""


def test_every_ui_string_has_both_languages_and_formats():
    strings = load_strings()
    tr = Translator(strings)
    assert tr.t("idle.body", "en", seconds=25).startswith("In 25 seconds")
    assert tr.t("no.such.key", "zh") == "[no.such.key]"
    assert len(strings) > 30


def test_duplicate_keys_across_files_are_rejected(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"k": {"zh": "一", "en": "one"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"k": {"zh": "二", "en": "two"}}), encoding="utf-8")
    with pytest.raises(TranslationError, match="already defined in a.json"):
        load_strings(tmp_path)
    (tmp_path / "b.json").write_text(json.dumps({"j": {"zh": "二"}}), encoding="utf-8")
    with pytest.raises(TranslationError, match="needs strings"):
        load_strings(tmp_path)


def test_installation_key_is_created_private_and_then_reused(tmp_path):
    import stat

    from kiosk.installation_key import installation_key
    path = tmp_path / "var" / "installation.key"
    first = installation_key(path)
    assert len(first) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert installation_key(path) == first
    path.write_bytes(b"short")  # a damaged key file is replaced, never used
    assert installation_key(path) != b"short"
