"""Draws printed slips as PNG images: text with the bundled CJK font, QR codes with segno."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from drivers.printer.escpos_parse import EscposParser, Garbage
from drivers.printer.escpos_slip import (CELL_H, LINE_GAP, Block, QrBlock,
                                         RasterBlock, Slip, SlipBuilder, TextLine, char_dots)

_REPO = Path(__file__).resolve().parents[2]
FONT_PATH = _REPO / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"
_FALLBACK = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2)  # face 2 = SC
MARGIN = 16
GLYPH_GAP = 2  # dots left blank between condensed glyphs


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont:
    if FONT_PATH.exists():
        return ImageFont.truetype(str(FONT_PATH), 22)
    path, index = _FALLBACK  # local runs before the bundled font existed
    return ImageFont.truetype(str(path), 22, index=index)


@lru_cache(maxsize=4096)
def _glyph(ch: str, cell_w: int, bold: bool, width: int, height: int) -> Image.Image:
    """One character drawn in its printer cell, scaled like GS ! does (mask: 255 = ink).

    The bundled font is proportional: Latin "m" or "W" is about 20 dots wide at this size, more
    than the 12-dot half-width cell of a printer's Font A. Centred and clipped to the cell such a
    glyph lost both sides ("m" printed as "r"), so a glyph wider than its cell is drawn whole and
    then condensed to the cell width (less a small gap), as a printer's fixed-pitch font is.
    """
    stroke = 1 if bold else 0
    canvas = Image.new("L", (4 * CELL_H, CELL_H), 0)
    ImageDraw.Draw(canvas).text((2 * CELL_H, CELL_H / 2), ch, fill=255, font=_font(), anchor="mm",
                                stroke_width=stroke, stroke_fill=255)
    ink = canvas.getbbox()
    cell = Image.new("L", (cell_w, CELL_H), 0)
    if ink is not None:
        left, right = ink[0], ink[2]
        strip = canvas.crop((left, 0, right, CELL_H))
        room = cell_w - GLYPH_GAP  # neighbours must not touch: "mm" would read as a blur
        if strip.width > room:
            strip = strip.resize((room, CELL_H), Image.LANCZOS)
        cell.paste(strip, ((cell_w - strip.width) // 2, 0))
    if (width, height) != (1, 1):
        cell = cell.resize((cell_w * width, CELL_H * height), Image.NEAREST)
    return cell


def parse_stream(data: bytes, width_dots: int = 576) -> tuple[list[Slip], list[Garbage]]:
    """Parse a whole byte stream into slips (one per cut, plus any uncut tail) and garbage."""
    parser = EscposParser()
    builder = SlipBuilder(width_dots)
    for op in parser.feed(data) + parser.flush():
        builder.apply(op)
    return builder.finish(), parser.garbage + builder.errors


@lru_cache(maxsize=64)
def _qr_cached(data: bytes, ec: str) -> tuple[tuple[bool, ...], ...]:
    try:
        qr = segno.make(data, error=ec.lower(), micro=False, boost_error=False)
    except (segno.DataOverflowError, ValueError):
        # the printer prints nothing for data that does not fit a symbol; show a marked gap
        return ((True, False, True), (False, True, False), (True, False, True))
    return tuple(tuple(bool(v) for v in row) for row in qr.matrix)


def _qr_matrix(block: QrBlock) -> tuple[tuple[bool, ...], ...]:
    return _qr_cached(block.data, block.error_correction)


def _block_size(block: Block, width_dots: int) -> tuple[int, int]:
    if isinstance(block, TextLine):
        return min(block.width_dots, width_dots), block.height_dots
    if isinstance(block, QrBlock):
        side = len(_qr_matrix(block)) * block.module_size
        return side, side + LINE_GAP
    if isinstance(block, RasterBlock):
        return block.width_bytes * 8, block.height
    return 0, block.dots


def _x(align: int, block_w: int, width_dots: int) -> int:
    free = max(0, width_dots - block_w)
    return MARGIN + (free // 2 if align == 1 else free if align == 2 else 0)


def render_slip(slip: Slip, width_dots: int = 576) -> Image.Image:
    """The slip as a white image `width_dots` (+ margins) wide, ink in black."""
    sizes = [_block_size(b, width_dots) for b in slip.blocks]
    height = MARGIN * 2 + sum(h for _, h in sizes) + (8 if slip.cut else 0)
    img = Image.new("L", (width_dots + 2 * MARGIN, max(height, 2 * MARGIN)), 255)
    y = MARGIN
    for block, (bw, bh) in zip(slip.blocks, sizes):
        x = _x(getattr(block, "align", 0), bw, width_dots)
        if isinstance(block, TextLine):
            _draw_line(img, block, x, y)
        elif isinstance(block, QrBlock):
            _draw_qr(img, block, x, y)
        elif isinstance(block, RasterBlock):
            _draw_raster(img, block, x, y)
        y += bh
    if slip.cut:
        draw = ImageDraw.Draw(img)
        for dx in range(0, img.width, 12):
            draw.line([(dx, img.height - 4), (dx + 6, img.height - 4)], fill=160)
    return img


def _draw_line(img: Image.Image, line: TextLine, x: int, y: int) -> None:
    base = y + line.height_dots - LINE_GAP  # characters of different heights share a baseline
    black = Image.new("L", (1, 1), 0)
    for run in line.runs:
        for ch in run.text:
            cw = char_dots(ch, run.hanzi)
            if x + cw * run.width > img.width:
                return
            if ch != " ":
                mask = _glyph(ch, cw, run.bold, run.width, run.height)
                img.paste(black.resize(mask.size), (x, base - mask.height), mask)
            x += cw * run.width


def _draw_qr(img: Image.Image, block: QrBlock, x: int, y: int) -> None:
    draw = ImageDraw.Draw(img)
    m = block.module_size
    for r, row in enumerate(_qr_matrix(block)):
        for c, dark in enumerate(row):
            if dark:
                draw.rectangle([x + c * m, y + r * m, x + (c + 1) * m - 1, y + (r + 1) * m - 1],
                               fill=0)


def _draw_raster(img: Image.Image, block: RasterBlock, x: int, y: int) -> None:
    bits = Image.frombytes("1", (block.width_bytes * 8, block.height), block.data)
    ink = bits.convert("L")  # a set bit (a black dot in ESC/POS) becomes 255: the ink mask
    img.paste(0, (x, y, x + ink.width, y + ink.height), ink)


def render_png(data: bytes, out_dir: str | Path, prefix: str = "slip",
               width_dots: int = 576) -> list[Path]:
    """Render every slip in a byte stream to `<out_dir>/<prefix>_NNN.png`; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    slips, _ = parse_stream(data, width_dots)
    paths = []
    for i, slip in enumerate(slips, 1):
        path = out / f"{prefix}_{i:03d}.png"
        render_slip(slip, width_dots).save(path)
        paths.append(path)
    return paths
