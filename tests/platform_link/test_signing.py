"""Properties of the request signer (pure function) against the spec's canonical string."""
from __future__ import annotations

import hashlib
import hmac
import re

from hypothesis import given, settings, strategies as st

from kiosk.platform_link.signing import canonical_string, sign_request, signed_headers

methods = st.sampled_from(["GET", "POST", "get", "post"])
paths = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), min_size=1)
secrets_ = st.binary(min_size=1, max_size=64)
nonces = st.text("0123456789abcdef", min_size=16, max_size=40)


def test_known_vector():
    # worked by hand from the spec text: METHOD \n path?query \n ts \n nonce \n sha256hex(body)
    body = b'{"a":1}'
    msg = ("POST\n/api/v1/applications?x=1\n1700000000\nabcdefabcdefabcd\n"
           + hashlib.sha256(body).hexdigest()).encode()
    expected = hmac.new(b"s3cret", msg, "sha256").hexdigest()
    assert sign_request(b"s3cret", "POST", "/api/v1/applications?x=1", 1700000000,
                        "abcdefabcdefabcd", body) == expected
    assert hashlib.sha256(b"").hexdigest() in canonical_string("GET", "/p", 1, "n" * 16, b"")


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(secrets_, methods, paths, st.integers(0, 2**40), nonces, st.binary(max_size=256))
def test_signature_is_lowercase_hex_and_deterministic(secret, method, path, ts, nonce, body):
    sig = sign_request(secret, method, path, ts, nonce, body)
    assert re.fullmatch(r"[0-9a-f]{64}", sig)
    assert sig == sign_request(secret, method.upper(), path, str(ts), nonce, body)


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(secrets_, paths, st.integers(0, 2**40), nonces, st.binary(max_size=64), st.binary(max_size=64))
def test_any_changed_part_changes_the_signature(secret, path, ts, nonce, body, other_body):
    base = sign_request(secret, "POST", path, ts, nonce, body)
    assert base != sign_request(secret, "GET", path, ts, nonce, body)
    assert base != sign_request(secret, "POST", path + "x", ts, nonce, body)
    assert base != sign_request(secret, "POST", path, ts + 1, nonce, body)
    assert base != sign_request(secret, "POST", path, ts, nonce + "0", body)
    assert base != sign_request(secret + b"!", "POST", path, ts, nonce, body)
    if other_body != body:
        assert base != sign_request(secret, "POST", path, ts, nonce, other_body)


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(paths, st.integers(0, 2**40), nonces, st.binary(max_size=64))
def test_canonical_string_has_the_five_parts_in_order(path, ts, nonce, body):
    parts = canonical_string("post", path, ts, nonce, body).split("\n")
    assert parts == ["POST", path, str(ts), nonce, hashlib.sha256(body).hexdigest()]


def test_headers_use_a_fresh_nonce_of_at_least_16_chars():
    a = signed_headers("k1", b"s", "GET", "/api/v1/x", b"", now=100.7)
    b = signed_headers("k1", b"s", "GET", "/api/v1/x", b"", now=100.7)
    assert a["X-Timestamp"] == "100" and a["X-Kiosk-Id"] == "k1"
    assert len(a["X-Nonce"]) >= 16 and a["X-Nonce"] != b["X-Nonce"]
    assert a["X-Signature"] == sign_request(b"s", "GET", "/api/v1/x", 100, a["X-Nonce"], b"")
