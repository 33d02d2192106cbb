"""TLS: the client verifies the platform's certificate against the configured CA file.

The reference platform serves plain HTTP on loopback, so this test runs a real TLS listener (the
standard library's HTTPS server with a throwaway CA made here) in front of a /health answer.
"""
from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.platform_link import PlatformClient, PlatformUnreachable


def _cert(subject: str, issuer_key, issuer_name, key, ca: bool):  # noqa: ANN001, ANN202
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(issuer_name).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture(scope="module")
def https(tmp_path_factory):
    d = tmp_path_factory.mktemp("tls")
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OneTrip test CA")])
    ca = _cert("OneTrip test CA", ca_key, ca_name, ca_key, ca=True)
    leaf = _cert("127.0.0.1", ca_key, ca_name, leaf_key, ca=False)
    (d / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (d / "leaf.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (d / "leaf.key").write_bytes(leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = json.dumps({"status": "ok", "time": "2026-11-28T00:00:00Z"}).encode()
            self.send_response(200 if self.path == "/api/v1/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d / "leaf.pem", d / "leaf.key")
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}", d / "ca.pem"
    server.shutdown()


def test_configured_ca_is_trusted(https):
    url, ca = https
    assert PlatformClient(url, "k", b"s", ca_file=str(ca)).health().status == "ok"


def test_unknown_ca_is_refused(https):
    url, _ca = https
    client = PlatformClient(url, "k", b"s", retries=0)  # system CAs only: this CA is not among them
    with pytest.raises(PlatformUnreachable, match="SSLError"):
        client.health()
