"""ICAO Doc 9303 Part 11 Appendix D worked example, checked byte for byte."""
from __future__ import annotations

import pytest

from drivers.card_reader.mrtd import crypto
from drivers.card_reader.mrtd.apdu import EF_COM, read_binary, select_ef
from drivers.card_reader.mrtd.bac import BacHandshake, SessionKeys, document_keys, key_seed
from drivers.card_reader.mrtd.errors import MrtdError
from drivers.card_reader.mrtd.mrz import bac_information_from, mrz_information
from drivers.card_reader.mrtd.reader import MrtdSession
from drivers.card_reader.mrtd.sm import SecureMessaging

H = bytes.fromhex
LINE2 = "L898902C<3UTO6908061F9406236ZE184226B<<<<<14"
MRZ_INFO = "L898902C<369080619406236"
RND_IC, RND_IFD = H("4608F91988702212"), H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
AUTH_CMD_DATA = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
                  "5F1448EEA8AD90A7")
AUTH_RESP = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F"
              "2F2D235D074D7449")
KS_ENC, KS_MAC, SSC = (H("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                       H("F1CB1F1FB5ADF208806B89DC579DC1F8"), H("887022120C06C226"))
# (protected command, protected response) pairs of D.4
D4 = [(H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"),
       H("990290008E08FA855A5D4C50A8ED9000")),
      (H("0CB000000D9701048E08ED6705417E96BA5500"),
       H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")),
      (H("0CB000040D9701128E082EA28A70F3C7B53500"),
       H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"))]
EF_COM_DATA = H("60145F0104303130365F36063034303030305C026175")


def _session() -> SecureMessaging:
    return SecureMessaging(SessionKeys(KS_ENC, KS_MAC, SSC))


def test_mrz_information_and_key_seed():
    assert mrz_information("L898902C<", "690806", "940623") == MRZ_INFO
    assert bac_information_from(LINE2) == MRZ_INFO
    assert key_seed(MRZ_INFO) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")


def test_document_keys():
    assert document_keys(MRZ_INFO) == (H("AB94FDECF2674FDFB9B391F85D7F76F2"),
                                       H("7962D9ECE03D1ACD4C76089DCE131543"))


def test_mutual_authenticate_command_and_session_keys():
    kenc, kmac = document_keys(MRZ_INFO)
    hs = BacHandshake(kenc, kmac, RND_IC, RND_IFD, K_IFD)
    assert hs.command_data() == AUTH_CMD_DATA
    assert crypto.des3_decrypt(kenc, AUTH_RESP[:32])[16:] == H("0B4F80323EB3191CB04970CB4052790B")
    keys = hs.complete(AUTH_RESP)
    assert (keys.ks_enc, keys.ks_mac, keys.ssc) == (KS_ENC, KS_MAC, SSC)
    assert crypto.derive_key(H("0036D272F5C350ACAC50C3F572D23600"), 1) == KS_ENC


def test_tampered_authenticate_response_is_a_bad_mac():
    kenc, kmac = document_keys(MRZ_INFO)
    hs = BacHandshake(kenc, kmac, RND_IC, RND_IFD, K_IFD)
    with pytest.raises(MrtdError) as err:
        hs.complete(AUTH_RESP[:-1] + bytes([AUTH_RESP[-1] ^ 1]))
    assert err.value.code == "sm_bad_mac"


def test_protected_apdus_and_responses():
    sm = _session()
    assert sm.protect(select_ef(EF_COM)) == D4[0][0]
    assert sm.unprotect(D4[0][1]) == (b"", 0x9000)
    assert sm.protect(read_binary(0, 4)) == D4[1][0]
    assert sm.unprotect(D4[1][1]) == (H("60145F01"), 0x9000)
    assert sm.protect(read_binary(4, 0x12)) == D4[2][0]
    assert sm.unprotect(D4[2][1]) == (H("04303130365F36063034303030305C026175"), 0x9000)
    assert sm.ssc == H("887022120C06C22C")


def test_read_file_issues_exactly_the_worked_example_apdus():
    script = list(D4)
    sent: list[bytes] = []

    def transmit(raw: bytes) -> bytes:
        expected, response = script.pop(0)
        sent.append(raw)
        assert raw == expected
        return response

    session = MrtdSession(transmit)
    session._sm = _session()
    assert session.read_file(EF_COM) == EF_COM_DATA
    assert len(sent) == 3 and not script


@pytest.mark.parametrize("index", [0, 1, 2])
def test_any_flipped_response_byte_is_rejected(index):
    sm = _session()
    for i in range(index):
        sm.protect(select_ef(EF_COM) if i == 0 else read_binary(0, 4))
        sm.unprotect(D4[i][1])
    sm.protect(select_ef(EF_COM))
    resp = bytearray(D4[index][1])
    resp[len(resp) - 4] ^= 0x40  # inside DO8E
    with pytest.raises(MrtdError) as err:
        sm.unprotect(bytes(resp))
    assert err.value.code == "sm_bad_mac"


def test_plain_sm_error_statuses_have_their_own_code():
    for sw in (b"\x69\x87", b"\x69\x88"):
        with pytest.raises(MrtdError) as err:
            _session().unprotect(sw)
        assert err.value.code == "sm_error"
