"""The printed notice slip: ESC/POS from the receipt model, drawn by the simulator, QR decodes."""
from __future__ import annotations

import zxingcpp
from PIL import Image

from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.base import PrintJob
from kiosk.catalog import guide_url, merge_bundle, notice_slip_lines
from kiosk.i18n import Translator
from kiosk.slips import notice_slip, notice_slip_bytes


def _decode(path):
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path).convert("L"))]


def _print(data: bytes, tmp_path, name: str):
    printer = SimulatedPrinter(print_delay=0)
    printer.start()
    try:
        job = PrintJob(data, title=name)
        assert printer.print_job(job, 5).result(5) == job.job_id
        return printer.render_png(job, tmp_path / f"{name}.png")
    finally:
        printer.stop()


def test_item_slip_png_shows_essentials_and_qr_links_to_the_guide(core, tmp_path):
    tr = Translator()
    for item in list(core.content.catalog.items.values())[:3]:
        for lang in ("zh", "en"):
            data = notice_slip_bytes(item, lang, tr)
            png = _print(data, tmp_path, f"{item.code}-{lang}")
            assert _decode(png) == [guide_url(item)]
            receipt = notice_slip(item, lang, tr)
            text = receipt.plain_text()
            assert item.name.pick(lang) in text
            must_bring = [m for m in item.materials if m.must_bring]
            for mat in must_bring:
                assert mat.name.pick(lang) in text, f"{mat.name.pick(lang)} missing on the slip"
            assert item.version in text
            img = Image.open(png)
            assert img.width >= 576 and img.height > 400  # 80 mm paper: 576 printable dots


def test_bundle_slip_lists_each_shared_material_once(core, tmp_path):
    tr = Translator()
    bundle = next(iter(core.content.catalog.bundles.values()), None)
    assert bundle is not None, "the shipped catalog has bundles"
    merged = merge_bundle(bundle)
    lines = notice_slip_lines(merged, "zh", tr)
    for mat in merged.materials:
        if mat.must_bring:
            assert sum(mat.material.name.zh in line and line[:1].isdigit() for line in lines) == 1
    png = _print(notice_slip_bytes(merged, "zh", tr), tmp_path, bundle.id)
    assert _decode(png) == [guide_url(merged)]
