"""Shared helpers for tests that run the real reference platform process (refplatform)."""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw

from kiosk.platform_link import PlatformClient
from kiosk.platform_link.local import write_secret
from refplatform import catalog, seed
from refplatform.testing import ServerHandle, start_server

ZHANG = next(r for r in seed.RESIDENTS if r["key"] == "zhang")


@dataclass
class Platform:
    """A running server with one registered kiosk."""

    handle: ServerHandle
    kiosk_id: str
    secret: str
    secret_file: Path

    @property
    def url(self) -> str:
        """Base URL (without /api/v1)."""
        return self.handle.url

    def client(self, **kw) -> PlatformClient:  # noqa: ANN003
        """A client signing with this kiosk's secret."""
        kw.setdefault("read_timeout", 5.0)
        kw.setdefault("backoff_s", 0.01)
        return PlatformClient(self.url, self.kiosk_id, self.secret.encode(), **kw)


def start_platform(tmp_path: Path, kiosk_id: str = "kiosk-test-1") -> Platform:
    """Start the seeded server (test_control on) and register a kiosk; the secret file is 0600."""
    handle = start_server(tmp_path, seed=True, test_control=True)
    secret = handle.add_kiosk(kiosk_id)
    path = tmp_path / "platform.secret"
    write_secret(path, secret)
    return Platform(handle, kiosk_id, secret, path)


def zhang_ref(client: PlatformClient) -> str:
    """The seeded resident 张伟民's person_ref, found through the real identity check."""
    return client.verify_identity(method="id_card", id_number=ZHANG["id"], name=ZHANG["name"]).person_ref


def a_service() -> tuple[str, tuple[str, ...]]:
    """The first service code the platform knows, with its required materials."""
    code, svc = next(iter(catalog.load().items()))
    return code, svc.required_materials


def application(person_ref: str, marker: str = "", upload_material: str | None = None) -> dict:
    """An application the platform accepts: every required material by commitment (one by upload)."""
    code, required = a_service()
    materials = [{"code": m, "via": "commitment"} for m in required if m != upload_material]
    if upload_material:
        materials.append({"code": upload_material, "via": "upload", "upload_index": 0})
    return {"items": [code], "person_ref": person_ref,
            "form": {"name": ZHANG["name"], "id_number": ZHANG["id"], "marker": marker},
            "materials": materials, "delivery": "window", "contact_phone": "13800138000"}


def sample_pdf(text: str = "scan") -> bytes:
    """A real one-page PDF (an image of some text)."""
    img = Image.new("RGB", (200, 100), "white")
    ImageDraw.Draw(img).text((10, 40), text, fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return img2pdf.convert(buf.getvalue())


def free_port_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    from kiosk.platform_link.local import free_port
    return f"http://127.0.0.1:{free_port()}"


def secret_mode(path: Path) -> int:
    """The permission bits of a file."""
    return os.stat(path).st_mode & 0o777
