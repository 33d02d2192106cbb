"""Property tests: random and mutated APDU responses, BER-TLV, MRZ and ATR data into every parser."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from drivers.card_reader.mrtd import lds, tlv
from drivers.card_reader.mrtd.bac import SessionKeys
from drivers.card_reader.mrtd.errors import MrtdError
from drivers.card_reader.mrtd.mrz import bac_information_from, parse_mrz
from drivers.card_reader.mrtd.reader import read_document
from drivers.card_reader.mrtd.sm import SecureMessaging
from drivers.card_reader.pcsc_atr import classify_atr, parse_atr
from drivers.card_reader.sim.vicc.card import EmrtdCard
from drivers.card_reader.sim.vicc.holder import Holder, dg1, dg2, ef_com, face_jpeg

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINE1, LINE2 = Holder().mrz_lines()
INFO = bac_information_from(LINE2)
MRZ_CHARS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<")
FILES = [ef_com(), dg1(Holder()), dg2(face_jpeg(40, 50))]


def mutate(data: bytes, draw) -> bytes:
    """Flip, drop, truncate or extend a byte string."""
    if not data:
        return draw(st.binary(max_size=8))
    op = draw(st.sampled_from(["flip", "drop", "truncate", "extend"]))
    i = draw(st.integers(0, len(data) - 1))
    if op == "flip":
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if op == "drop":
        return data[:i] + data[i + 1:]
    if op == "truncate":
        return data[:i]
    return data + draw(st.binary(min_size=1, max_size=8))


@settings(FAST, max_examples=1000)
@given(st.binary(max_size=64))
def test_tlv_random_bytes(data):
    try:
        for _tag, value in tlv.iter_tlv(data):
            assert len(value) <= len(data)
        tlv.find(data, 0x61, 0x5F1F)
    except MrtdError:
        pass


@FAST
@given(st.data())
def test_lds_parsers_on_mutated_files(data):
    index = data.draw(st.integers(0, 2))
    blob = mutate(FILES[index], data.draw)
    parser = (lds.parse_ef_com, lds.parse_dg1, lds.parse_dg2)[index]
    try:
        parser(blob)
    except MrtdError:
        pass


@FAST
@given(st.lists(st.text(MRZ_CHARS, min_size=28, max_size=46), min_size=1, max_size=3))
def test_mrz_random_lines(lines):
    text = "\n".join(lines)
    for fn in (parse_mrz, bac_information_from):
        try:
            fn(text)
        except MrtdError:
            pass


@FAST
@given(st.data())
def test_mutated_mrz_never_passes_silently_with_wrong_fields(data):
    text = mutate((LINE1 + "\n" + LINE2).encode(), data.draw).decode("latin-1")
    try:
        mrz = parse_mrz(text)
    except MrtdError:
        return
    assert mrz.format in ("TD1", "TD2", "TD3")


@FAST
@given(st.binary(max_size=300))
def test_sm_unprotect_random_responses(resp):
    sm = SecureMessaging(SessionKeys(bytes(16), bytes(16), bytes(8)))
    try:
        sm.unprotect(resp)
    except MrtdError:
        pass


@FAST
@given(st.binary(max_size=40))
def test_atr_random(raw):
    assert classify_atr(raw) in {"unknown", "iso14443_4_contactless", "iso14443_3_storage",
                                "iso7816_contact"}
    atr = parse_atr(raw)
    assert atr is None or atr.raw == raw


def _mutating_transmit(card: EmrtdCard, data, budget: list[int]):
    victim = data.draw(st.integers(0, 45))

    def transmit(apdu: bytes) -> bytes:
        budget[0] += 1
        assert budget[0] < 200, "read loop did not terminate"
        resp = card.process(apdu)
        if budget[0] - 1 == victim:
            resp = mutate(resp, data.draw)
        return resp
    return transmit


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_full_read_with_one_mutated_response(data):
    card = EmrtdCard()
    budget = [0]
    try:
        result = read_document(_mutating_transmit(card, data, budget), INFO)
    except MrtdError:
        return
    assert result.mrz.document_number == "EZ0000014"  # a mutation that passed changed nothing


def test_full_read_against_the_card_model():
    card = EmrtdCard()
    result = read_document(card.process, INFO)
    assert result.mrz.name == "ZHANG SAN" and result.face.format == "jpeg"
    assert result.face.data == lds.parse_dg2(card.files[0x0102]).data


@pytest.mark.parametrize("sw", [b"\x63\x00", b"\x69\x82"])
def test_refused_authentication_statuses(sw):
    card = EmrtdCard()

    def transmit(apdu: bytes) -> bytes:
        return sw if apdu[1] == 0x82 else card.process(apdu)
    with pytest.raises(MrtdError) as err:
        read_document(transmit, INFO)
    assert err.value.code == "bac_denied"
