"""What a material carries to the platform: a captured PDF, or a signed commitment (PNG in a PDF)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

SIGNATURE_SIZE = (900, 300)  # pixels of the rendered signature (3:1, like the pad on screen)
MIN_SIGNATURE_POINTS = 5  # a tap or two is not a signature
Stroke = Sequence[tuple[float, float]]


class EmptySignature(ValueError):
    """The strokes hold too little ink to be a signature."""


@dataclass
class Attachment:
    """A material's file kept in memory until the application is sealed in the outbox."""

    via: str  # "upload" (captured pages) | "commitment" (signature)
    pdf: bytearray  # what is uploaded (the platform takes PDF only)
    pages: int = 1
    png: bytearray | None = None  # the signature image itself (commitments)

    def __repr__(self) -> str:
        return f"Attachment({self.via}, {self.pages} page(s), {len(self.pdf)} bytes)"

    def wipe(self) -> None:
        """Zero the buffers (they are personal data)."""
        for buf in (self.pdf, self.png):
            if buf is not None:
                buf[:] = bytes(len(buf))


def render_signature_png(strokes: Sequence[Stroke], size: tuple[int, int] = SIGNATURE_SIZE) -> bytes:
    """Black ink on white from strokes of (x, y) points in 0..1 (y down); EmptySignature if too little."""
    points = sum(len(s) for s in strokes)
    if points < MIN_SIGNATURE_POINTS or not any(len(s) >= 2 for s in strokes):
        raise EmptySignature(f"{points} point(s) is not a signature")
    from PIL import Image, ImageDraw  # imported on first use: not needed before the first frame
    w, h = size
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    width = max(3, round(h / 60))
    for stroke in strokes:
        xy = [(min(max(x, 0.0), 1.0) * (w - 1), min(max(y, 0.0), 1.0) * (h - 1)) for x, y in stroke]
        if len(xy) == 1:
            x, y = xy[0]
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=0)
        else:
            draw.line(xy, fill=0, width=width, joint="curve")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def signature_attachment(strokes: Sequence[Stroke]) -> Attachment:
    """The signature as PNG, and that PNG placed losslessly on one PDF page for the upload."""
    import img2pdf  # imported on first use: not needed before the first frame
    png = render_signature_png(strokes)
    pdf = img2pdf.convert(png, layout_fun=img2pdf.get_fixed_dpi_layout_fun((150, 150)))
    return Attachment("commitment", bytearray(pdf), 1, bytearray(png))


def capture_attachment(pages: Sequence[object]) -> Attachment:
    """The captured pages as one PDF (the scan journey's assembly: per-page size budget)."""
    from kiosk.documents.pdf import build_pdf  # pulls in OpenCV: only once something is captured
    return Attachment("upload", bytearray(build_pdf(list(pages))), len(pages))
