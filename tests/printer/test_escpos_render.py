"""Parser, slip layout and PNG rendering of ESC/POS streams; QR codes decode to what was encoded."""
import zxingcpp
from PIL import Image

from drivers.printer.escpos_parse import EscposParser
from drivers.printer.escpos_render import parse_stream, render_png, render_slip
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.base import PrintJob
from kiosk.receipts import Cut, QrCode, Receipt, Text, render_escpos


def _decode(path_or_img):
    img = Image.open(path_or_img) if not isinstance(path_or_img, Image.Image) else path_or_img
    return [r.text for r in zxingcpp.read_barcodes(img)]


def test_stream_round_trip_text_and_qr(receipt, guide_url):
    slips, garbage = parse_stream(render_escpos(receipt))
    assert garbage == []
    assert len(slips) == 1 and slips[0].cut == "partial"
    lines = slips[0].text_lines()
    assert lines[0] == "受理回执"
    assert any(line.startswith("收费") and line.endswith("￥0.00（免费）") for line in lines)
    assert slips[0].qr_payloads() == [guide_url.encode()]


def test_byte_by_byte_feeding_gives_the_same_ops(receipt):
    data = render_escpos(receipt)
    whole = EscposParser()
    ops_whole = whole.feed(data) + whole.flush()
    split = EscposParser()
    ops_split = []
    for i in range(len(data)):
        ops_split += split.feed(data[i:i + 1])
    ops_split += split.flush()
    assert [(o.kind, o.value) for o in ops_split] == [(o.kind, o.value) for o in ops_whole]


def test_gb18030_without_fs_amp_prints_mojibake():
    # python-escpos's mistake: GB18030 bytes without FS & are code-table characters
    slips, _ = parse_stream(b"\x1b@" + "中文".encode("gb18030") + b"\n")
    line = slips[0].text_lines()[0]
    assert line == "中文".encode("gb18030").decode("cp437") and "中" not in line


def test_garbage_is_recorded_and_skipped():
    data = b"\x1b@\x1bZ\x07AB\x1d!\xff\x1dV\x09\x1c&\xff\xfe\n\x1bz"
    slips, garbage = parse_stream(data)
    reasons = " | ".join(g.reason for g in garbage)
    assert "unknown command 1B 5A" in reasons
    assert "unknown control byte 0x07" in reasons
    assert "GS ! with invalid size" in reasons
    assert "GS V with invalid mode" in reasons
    assert "invalid GB18030" in reasons
    assert "ZAB" in slips[0].text_lines()[0]


def test_printer_wraps_overlong_line_at_576_dots():
    slips, _ = parse_stream(b"\x1b@\x1c&" + ("汉" * 30).encode("gb18030") + b"\n")
    assert [len(t) for t in slips[0].text_lines()] == [24, 6]


def test_png_has_qr_that_decodes_and_cjk_ink(tmp_path, receipt, guide_url):
    paths = render_png(render_escpos(receipt), tmp_path)
    assert len(paths) == 1
    img = Image.open(paths[0])
    assert img.width == 576 + 32
    assert _decode(img) == [guide_url]
    title_band = img.crop((0, 16, img.width, 16 + 54))
    assert min(title_band.getdata()) == 0  # the title drew black pixels


def test_one_png_per_cut(tmp_path):
    data = render_escpos(Receipt.of(Text("第一张"), Cut())) + render_escpos(
        Receipt.of(Text("第二张"), QrCode("https://a.example/2"), Cut()))
    paths = render_png(data, tmp_path)
    assert [p.name for p in paths] == ["slip_001.png", "slip_002.png"]
    assert _decode(paths[1]) == ["https://a.example/2"]
    assert _decode(paths[0]) == []


def test_raster_image_is_drawn():
    # 16 x 2 dots: first row all black, second row white
    data = b"\x1b@\x1dv0\x00\x02\x00\x02\x00" + b"\xff\xff\x00\x00"
    slips, garbage = parse_stream(data)
    assert garbage == []
    img = render_slip(slips[0])
    assert img.getpixel((16, 16)) == 0 and img.getpixel((16, 17)) == 255


def test_simulated_printer_render_png(tmp_path, receipt, guide_url):
    printer = SimulatedPrinter(print_delay=0)
    printer.start()
    try:
        job = PrintJob(render_escpos(receipt), title="receipt")
        assert printer.print_job(job).result(5) == job.job_id
        out = printer.render_png(0, tmp_path / "a.png")
        assert _decode(out) == [guide_url]
        assert printer.render_png(job.job_id, tmp_path / "b.png").exists()
    finally:
        printer.stop()


def _stems(mask, row_frac=0.62):
    """Ink runs along one scanline through the x-height of a glyph mask (m: 3 stems, r: 1)."""
    import numpy as np
    a = np.asarray(mask) > 128
    row = a[int(a.shape[0] * row_frac)]
    return int(np.count_nonzero(row[1:] & ~row[:-1]) + row[0])


def test_wide_latin_glyphs_are_condensed_into_their_cell_not_clipped():
    """"m" used to print as "r": its 20-dot glyph was centred in a 12-dot cell and lost both sides."""
    import numpy as np
    from PIL import ImageDraw
    from drivers.printer.escpos_render import _font, _glyph
    from drivers.printer.escpos_slip import CELL_H, CELL_W
    assert _stems(_glyph("m", CELL_W, False, 1, 1)) == 3
    assert _stems(_glyph("r", CELL_W, False, 1, 1)) == 1
    assert _stems(_glyph("n", CELL_W, False, 1, 1)) == 2
    for ch in map(chr, range(0x21, 0x7F)):
        cell = np.asarray(_glyph(ch, CELL_W, False, 1, 1), dtype=float)
        # the same glyph through the same font with room to spare: the reference ink
        ref_img = Image.new("L", (64, CELL_H), 0)
        ImageDraw.Draw(ref_img).text((32, CELL_H / 2), ch, fill=255, font=_font(), anchor="mm")
        ref = np.asarray(ref_img, dtype=float)
        ref_cols = np.nonzero(ref.sum(axis=0) > 0)[0]
        squeeze = min(1.0, CELL_W / (ref_cols[-1] - ref_cols[0] + 1))
        assert cell.sum() >= 0.8 * ref.sum() * squeeze, f"{ch!r} lost ink: clipped in its cell"


def test_a_printed_latin_line_shows_every_m(tmp_path):
    from drivers.printer.escpos_slip import CELL_W
    [png] = render_png(render_escpos(Receipt.of(Text("mmmm"), Cut())), tmp_path, "m")
    import numpy as np
    a = np.asarray(Image.open(png).convert("L")) < 128
    rows = np.nonzero(a.any(axis=1))[0]
    band = a[rows[0]:rows[-1] + 1]
    row = band[int(band.shape[0] * 0.7)]
    runs = int(np.count_nonzero(row[1:] & ~row[:-1]) + row[0])
    assert runs == 12, f"{runs} stems for 4 × m (each needs 3) at {CELL_W} dots per cell"
