"""Draws the schematic sample images (样本) the service guides point to, into assets/samples/.

Each is a plain outline of the document with its title, placeholder fields and a "样本 SAMPLE"
mark: enough for a resident to recognise which paper is meant, with no real personal data.
Run: .venv/bin/python tools/build_samples.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FONT = ROOT / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"
CARDS = {"id_card", "social_security_card", "residence_permit", "disability_cert"}
FIELDS = ("姓名", "公民身份号码", "日期", "编号", "经办机构")


def titles() -> dict[str, str]:
    """Sample path -> the Chinese name of the material or result that uses it."""
    from kiosk.catalog import load_catalog
    catalog, _ = load_catalog(ROOT / "config" / "services", ROOT / "config" / "bundles")
    out: dict[str, str] = {}
    for item in catalog.items.values():
        if item.result_sample:
            out.setdefault(item.result_sample, item.result_name.zh)
        for mat in item.materials:
            if mat.sample:
                out.setdefault(mat.sample, mat.name.zh)
    return out


def draw(title: str, card: bool) -> Image.Image:
    """One schematic sample."""
    w, h = (428, 270) if card else (420, 594)
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    d.rectangle([2, 2, w - 3, h - 3], outline=60, width=3)
    big = ImageFont.truetype(str(FONT), 26 if card else 28)
    small = ImageFont.truetype(str(FONT), 18)
    words, lines = title, []
    while words:  # wrap the title by width
        n = len(words)
        while n > 1 and d.textlength(words[:n], font=big) > w - 40:
            n -= 1
        lines.append(words[:n])
        words = words[n:]
    y = 18
    for line in lines[:3]:
        d.text(((w - d.textlength(line, font=big)) / 2, y), line, font=big, fill=20)
        y += 36
    y += 10
    for label in FIELDS[:3] if card else FIELDS:
        d.text((24, y), f"{label}：", font=small, fill=60)
        d.line([(24 + d.textlength(label + "：", font=small), y + 22), (w - 24, y + 22)],
               fill=150, width=2)
        y += 40 if card else 56
    if card:
        d.rectangle([w - 120, 70, w - 24, 190], outline=120, width=2)
    mark = ImageFont.truetype(str(FONT), 44 if card else 64)
    d.text((w / 2, h - (50 if card else 110)), "样本 SAMPLE", font=mark, fill=200, anchor="mm")
    return img


def main() -> None:
    """Write every sample the catalog names."""
    for rel, title in sorted(titles().items()):
        path = ROOT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        draw(title, Path(rel).stem in CARDS).save(path, optimize=True)
        print(path.relative_to(ROOT), path.stat().st_size)


if __name__ == "__main__":
    main()
