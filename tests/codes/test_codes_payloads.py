"""Kiosk QR payloads: round trips and every rejection path with its message."""
from __future__ import annotations

import pytest

from kiosk.codes import (ERROR_KEYS, CodeError, EidCode, PickupCode, ReceiptCode, build_eid,
                         build_pickup, build_receipt, parse)
from kiosk.codes.checks import mod37_36_ok
from kiosk.i18n import Translator

KEY = b"test-installation-secret-0123456789"
OTHER_KEY = b"another-installation-secret-98765"
NOW = 1_720_000_000
TOKEN = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"


def _reject(text: str, code: str, **kw) -> CodeError:
    with pytest.raises(CodeError) as info:
        parse(text, key=KEY, now=NOW, **kw)
    assert info.value.code == code, info.value
    return info.value


def test_round_trips():
    p = parse(build_pickup("PK20240042", NOW + 3600, KEY), key=KEY, now=NOW)
    assert p == PickupCode("PK20240042", NOW + 3600)
    r = parse(build_receipt("R2024051800017"), key=KEY, now=NOW)
    assert r == ReceiptCode("R2024051800017")
    e = parse(build_eid(TOKEN, NOW - 10, NOW + 290, KEY), key=KEY, now=NOW, expect="eid")
    assert isinstance(e, EidCode) and e.token == TOKEN and e.expires_at == NOW + 290
    assert TOKEN not in repr(e)  # the bearer token stays out of logs


def test_scanner_whitespace_is_tolerated():
    assert parse(build_receipt("R2024051800017") + "\r\n", now=NOW).kind == "receipt"


@pytest.mark.parametrize("text,code", [
    ("https://example.com/x", "not_ours"),
    ("", "not_ours"),
    ("OTK2:P:ABC", "unsupported_version"),
    ("OTKX:P:ABC", "not_ours"),
    ("OTK1", "truncated"),
    ("OTK1:", "truncated"),
    ("OTK1:Z:ABC:DEF", "unknown_type"),
    ("OTK1:P:PK20240042:1720003600", "truncated"),
    ("OTK1:P:pk2024:1720003600:AAAAAAAAAAAAAAAA", "malformed"),
    ("OTK1:P:PK20240042:1720003600:AAAAAAAAAAAAAAAA:X", "malformed"),
    ("OTK1:R:R2024", "truncated"),
    ("OTK1:R:R2024-0518-0001", "malformed"),
])
def test_malformed_and_foreign_content(text, code):
    _reject(text, code)


def test_truncated_reads_of_real_codes():
    for full in (build_pickup("PK20240042", NOW + 60, KEY), build_eid(TOKEN, NOW, NOW + 60, KEY)):
        for cut in (len(full) - 1, len(full) - 8, len(full) - 16):
            err = _reject(full[:cut], "truncated")
            assert "OTK1" not in str(err)  # the payload itself is not echoed


def test_tampered_fields_and_signatures():
    good = build_pickup("PK20240042", NOW + 3600, KEY)
    _reject(good.replace("PK20240042", "PK20240043"), "tampered")
    _reject(good.replace(str(NOW + 3600), str(NOW + 99999)), "tampered")
    sig = good.rsplit(":", 1)[1]
    flipped = ("B" if sig[0] == "A" else "A") + sig[1:]
    _reject(good[: -len(sig)] + flipped, "tampered")
    with pytest.raises(CodeError) as info:
        parse(good, key=OTHER_KEY, now=NOW)  # signed by another installation
    assert info.value.code == "tampered"
    # A pickup code relabelled as an e-ID code does not pass as one.
    with pytest.raises(CodeError) as info:
        parse(good.replace("OTK1:P:", "OTK1:E:", 1), key=KEY, now=NOW)
    assert info.value.code == "truncated"


def test_receipt_check_character_catches_typos():
    good = build_receipt("R2024051800017")
    assert mod37_36_ok(good.split(":")[2])
    body = good.split(":")[2]
    for i in range(len(body) - 1):  # every single-character substitution is caught
        wrong = body[:i] + ("7" if body[i] != "7" else "8") + body[i + 1:]
        _reject("OTK1:R:" + wrong, "tampered")
    swapped = body[0] + body[2] + body[1] + body[3:]  # adjacent transposition
    if swapped != body:
        _reject("OTK1:R:" + swapped, "tampered")


def test_wrong_type_for_screen():
    _reject(build_receipt("R2024051800017"), "wrong_type", expect="pickup")
    _reject(build_pickup("PK20240042", NOW + 60, KEY), "wrong_type", expect="eid")


def test_expired_and_future_codes():
    _reject(build_pickup("PK20240042", NOW - 1, KEY), "expired")
    _reject(build_eid(TOKEN, NOW - 400, NOW - 100, KEY), "expired")
    _reject(build_eid(TOKEN, NOW + 3600, NOW + 7200, KEY), "not_yet_valid")
    # A phone clock a minute fast is fine.
    assert parse(build_eid(TOKEN, NOW + 60, NOW + 360, KEY), key=KEY, now=NOW).kind == "eid"


def test_every_error_has_zh_and_en_messages():
    tr = Translator()
    for code, key in ERROR_KEYS.items():
        err = CodeError(code)
        zh, en = err.message("zh", tr), err.message("en", tr)
        assert zh != f"[{key}]" and en != f"[{key}]", code
        assert zh != en


def test_builders_refuse_invalid_fields():
    with pytest.raises(ValueError):
        build_pickup("bad id!", NOW, KEY)
    with pytest.raises(ValueError):
        build_eid("short", NOW, NOW + 1, KEY)
