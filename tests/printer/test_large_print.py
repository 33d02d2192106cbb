"""Large-print slips (elder mode): double-size text on the ESC/POS stream, fewer characters per
line, nothing lost, and the printer simulator draws it with its QR code still readable."""
from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from drivers.printer.base import PrintJob
from drivers.printer.escpos_render import parse_stream
from drivers.printer.simulator import SimulatedPrinter
from kiosk.catalog import guide_url, load_catalog
from kiosk.i18n import Translator
from kiosk.receipts import KeyValue, Receipt, Text, Title, render_escpos
from kiosk.receipts.large_print import large_print
from kiosk.slips import notice_slip_bytes
from testkit.fixtures import run_sim  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "slips"
BRANCH = "示例银行城东支行政务服务点"


@pytest.fixture(scope="module")
def item():
    catalog, problems = load_catalog(ROOT / "config" / "services", ROOT / "config" / "bundles")
    assert not problems
    return next(iter(catalog.items.values()))


def _lines(slip):
    from drivers.printer.escpos_slip import TextLine
    return [b for b in slip.blocks if isinstance(b, TextLine) and b.text.strip()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_large_print_doubles_every_text_line_and_keeps_all_words(item, lang):
    tr = Translator()
    normal = notice_slip_bytes(item, lang, tr, issued_by=BRANCH)
    large = notice_slip_bytes(item, lang, tr, issued_by=BRANCH, large=True)
    (n_slip,), _ = parse_stream(normal)
    (l_slip,), garbage = parse_stream(large)
    assert garbage == []
    l_lines = [line for line in _lines(l_slip) if set(line.text) != {"-"}]  # rules stay thin
    assert l_lines and all(r.width >= 2 and r.height >= 2 for line in l_lines for r in line.runs)
    assert all(line.width_dots <= 576 for line in l_lines), "a large line runs off the paper"
    # same words, only broken into more, shorter lines
    squash = lambda s: "".join("".join(line.text for line in _lines(s)).split()).replace("-", "")
    assert squash(l_slip) == squash(n_slip)
    assert len(_lines(l_slip)) > len(_lines(n_slip))
    assert max(len(line.text) for line in l_lines) < max(len(line.text) for line in _lines(n_slip))


def test_the_simulator_draws_the_large_slip_and_its_qr_code_decodes(item, run_sim):
    tr = Translator()
    printer = SimulatedPrinter(print_delay=0.0)
    run_sim(printer)
    for large in (False, True):
        printer.print_job(PrintJob(notice_slip_bytes(item, "zh", tr, issued_by=BRANCH, large=large),
                                   title=f"large-{large}")).result(timeout=10)
    SHOTS.mkdir(parents=True, exist_ok=True)
    from PIL import Image
    small = Image.open(printer.render_png(0, SHOTS / "notice-standard.png"))
    big = Image.open(printer.render_png(1, SHOTS / "notice-large-print.png"))
    assert big.height > small.height * 1.5
    decoded = [r.text for r in zxingcpp.read_barcodes(big)]
    assert decoded == [guide_url(item)]


def test_key_value_rows_become_two_large_lines():
    receipt = Receipt.of(Title("受理回执"), KeyValue("收费标准", "免费"), Text("请携带身份证原件。"))
    large = large_print(receipt)
    assert [type(e).__name__ for e in large.elements] == ["Title", "Text", "Text", "Text"]
    assert large.elements[0].width == 3 and all(e.width == 2 for e in large.elements[1:])
    (slip,), _ = parse_stream(render_escpos(large))
    assert [line.text for line in _lines(slip)] == ["受理回执", "收费标准", "免费", "请携带身份证原件。"]
