"""Shared helpers for tests that run the real reference platform process (refplatform)."""
from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw

from kiosk.platform_link import PlatformClient
from kiosk.platform_link.local import write_secret
from refplatform import catalog, seed
from refplatform.testing import ServerHandle

REPO_ROOT = Path(__file__).resolve().parents[1]

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


def launch(tmp_path: Path, timeout: float = 30) -> ServerHandle:
    """Like refplatform.testing.start_server(seed=True, test_control=True), through tests.refplatform_shim.

    Same command line and ServerHandle; the shim only works around refplatform's fault-switch crash.
    """
    tmp_path.mkdir(parents=True, exist_ok=True)
    tag = secrets.token_hex(4)
    db, ready, log_path = (str(tmp_path / f"platform-{tag}.sqlite3"), tmp_path / f"platform-{tag}.url",
                           tmp_path / f"platform-{tag}.log")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "tests.refplatform_shim", "serve", "--host",
                                 "127.0.0.1", "--port", "0", "--db", db, "--ready-file", str(ready),
                                 "--seed", "--test-control"], env=env, stdout=log,
                                stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    handle = ServerHandle(url="", db=db, proc=proc, log_path=log_path, test_control=True, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists() and ready.read_text("utf-8").strip():
            handle.url = ready.read_text("utf-8").strip()
            return handle
        if proc.poll() is not None:
            raise RuntimeError(f"refplatform exited with {proc.returncode}:\n{handle.log()[-3000:]}")
        time.sleep(0.02)
    handle.kill()
    raise RuntimeError(f"refplatform did not start within {timeout} s:\n{handle.log()[-3000:]}")


def start_platform(tmp_path: Path, kiosk_id: str = "kiosk-test-1") -> Platform:
    """Start the seeded server (test_control on) and register a kiosk; the secret file is 0600."""
    handle = launch(tmp_path)
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
