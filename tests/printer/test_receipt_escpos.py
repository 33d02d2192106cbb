"""Byte-exact tests of the receipt renderer against hand-assembled ESC/POS."""
import pytest

from kiosk.receipts import (Align, Cut, Feed, KeyValue, PAPER_COLUMNS, QrCode, Receipt, Separator,
                            Text, Title, render_escpos)
from kiosk.receipts.text import columns, normalize, wrap

INIT = bytes([0x1B, 0x40])
FS_AMP = bytes([0x1C, 0x26])
FS_DOT = bytes([0x1C, 0x2E])


def test_title_chinese_uses_fs_amp_gb18030_and_gs_bang():
    data = render_escpos(Receipt.of(Title("办事")))
    # 办 = B0 EC, 事 = CA C2 in GB18030 (same as GB2312)
    expected = (INIT + bytes([0x1D, 0x21, 0x11]) + bytes([0x1B, 0x45, 0x01])
                + bytes([0x1B, 0x61, 0x01]) + FS_AMP + bytes([0xB0, 0xEC, 0xCA, 0xC2, 0x0A]))
    assert data == expected


def test_ascii_line_leaves_hanzi_mode_and_styles_reset():
    data = render_escpos(Receipt.of(Text("中", bold=True), Text("OK")))
    expected = (INIT + bytes([0x1B, 0x45, 0x01]) + FS_AMP + bytes([0xD6, 0xD0, 0x0A])
                + bytes([0x1B, 0x45, 0x00]) + FS_DOT + b"OK\n")
    assert data == expected


def test_yen_and_cjk_punctuation_encode_as_two_byte_gb():
    data = render_escpos(Receipt.of(Text("¥5，。")))
    # ¥ -> ￥ A3A4; ， A3AC; 。 A1A3
    assert data == INIT + FS_AMP + bytes([0xA3, 0xA4, 0x35, 0xA3, 0xAC, 0xA1, 0xA3, 0x0A])


def test_native_qr_sequence_is_exact():
    url = "https://gov.example/g/1"
    data = render_escpos(Receipt.of(QrCode(url, module_size=5, error_correction="Q",
                                           align=Align.CENTER)))
    n = len(url) + 3
    expected = (INIT + bytes([0x1B, 0x61, 0x01])
                + bytes([0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])
                + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x05])
                + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32])
                + bytes([0x1D, 0x28, 0x6B, n, 0x00, 0x31, 0x50, 0x30]) + url.encode()
                + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]) + b"\n")
    assert data == expected


def test_cut_feed_and_separator_width():
    data = render_escpos(Receipt.of(Separator("="), Feed(2), Cut(partial=False, feed_lines=3)),
                         width_chars=PAPER_COLUMNS[58])
    assert data == (INIT + FS_DOT + b"=" * 32 + b"\n" + bytes([0x1B, 0x64, 0x02])
                    + bytes([0x1B, 0x64, 0x03, 0x1D, 0x56, 0x41, 0x00]))


def test_key_value_pads_to_paper_width():
    data = render_escpos(Receipt.of(KeyValue("费用", "¥0")), width_chars=32)
    body = data[len(INIT) + 2:-1]
    assert data[len(INIT):len(INIT) + 2] == FS_AMP
    text = body.decode("gb18030")
    assert text.startswith("费用") and text.endswith("￥0")
    assert columns(text) == 32


def test_double_width_text_wraps_at_half_the_columns():
    data = render_escpos(Receipt.of(Text("一二三四五六七八九十", width=2)), width_chars=32)
    lines = data.split(b"\n")[:-1]
    # 16 columns at double width = 8 Hanzi per line
    assert lines[0].endswith("一二三四五六七八".encode("gb18030"))
    assert lines[1] == "九十".encode("gb18030")


def test_unencodable_is_replaced_visibly_never_raises():
    assert normalize("a\ud800b\x07c") == "a?b?c"
    assert normalize("😀", "gbk") == "?"
    data = render_escpos(Receipt.of(Text("x\ud800\x1b@y")))
    assert b"\x1b@y" not in data  # an embedded command can never reach the printer
    assert data.endswith(b"x??@y\n")


def test_wrap_keeps_closing_punctuation_off_line_start_and_breaks_words():
    lines = wrap("一二三四。五", 8)
    assert lines == ["一二三", "四。五"]
    assert wrap("hello world again", 11) == ["hello world", "again"]
    assert all(columns(line) <= 10 for line in wrap("ab 中文，混排 text 一段长句子。", 10))


def test_model_validates():
    with pytest.raises(ValueError):
        Text("x", width=9)
    with pytest.raises(ValueError):
        QrCode("")
    with pytest.raises(ValueError):
        Separator("中")
