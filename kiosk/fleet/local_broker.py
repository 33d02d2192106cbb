"""LocalBroker: a loopback Mosquitto with TLS, password file and per-kiosk ACL (tests, `./dev run`)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from kiosk.fleet.certs import make_loopback_certs

# Kiosks log in with their kiosk id as user name; %u confines each one to its own topics.
ACL = """\
# operators (monitoring tools, Home Assistant) see every kiosk and may command any of them
{operators}
# every kiosk: its own telemetry and results out, its own command topic in, nothing else
pattern write onetrip/%u/status
pattern write onetrip/%u/state/#
pattern write onetrip/%u/result
pattern write onetrip/%u/event/#
pattern read onetrip/%u/command
pattern write homeassistant/+/%u/#
"""
OPERATOR_ACL = """user {user}
topic read onetrip/#
topic write onetrip/+/command
topic read homeassistant/#
"""


class BrokerError(RuntimeError):
    """Mosquitto is missing or did not start; the message includes its log."""


def free_port() -> int:
    """A port on 127.0.0.1 the OS says is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalBroker:
    """Writes mosquitto.conf, passwd, acl and certificates into `folder` and runs Mosquitto."""

    def __init__(self, folder: Path, kiosks: dict[str, str], operators: dict[str, str],
                 port: int | None = None) -> None:
        self.folder, self.kiosks, self.operators = Path(folder), dict(kiosks), dict(operators)
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.certs: dict[str, Path] = {}

    @property
    def url(self) -> str:
        """mqtts://127.0.0.1:<port>."""
        return f"mqtts://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        """The CA that signed the broker's certificate."""
        return self.certs["ca"]

    def write_config(self) -> Path:
        """Certificates, password file, ACL and mosquitto.conf; returns the conf path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.certs = make_loopback_certs(self.folder / "tls")
        passwd = self.folder / "passwd"
        passwd.unlink(missing_ok=True)
        tool = shutil.which("mosquitto_passwd")
        if tool is None:
            raise BrokerError("mosquitto_passwd not found: apt-get install mosquitto")
        for user, password in {**self.kiosks, **self.operators}.items():
            flags = ["-b"] if passwd.exists() else ["-c", "-b"]
            subprocess.run([tool, *flags, str(passwd), user, password], check=True,
                           capture_output=True)
        os.chmod(passwd, 0o600)
        acl = self.folder / "acl"
        acl.write_text(ACL.format(operators="\n".join(
            OPERATOR_ACL.format(user=u) for u in self.operators)), encoding="utf-8")
        conf = self.folder / "mosquitto.conf"
        lines = ["per_listener_settings false", "allow_anonymous false",
                 f"password_file {passwd}", f"acl_file {acl}", "persistence false",
                 f"log_dest file {self.folder / 'mosquitto.log'}", "log_type all",
                 f"listener {self.port} 127.0.0.1", f"cafile {self.certs['ca']}",
                 f"certfile {self.certs['cert']}", f"keyfile {self.certs['key']}",
                 "require_certificate false"]
        if os.geteuid() == 0:
            lines.insert(0, "user root")  # else Mosquitto drops to `mosquitto` and cannot read them
        conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return conf

    def start(self, timeout_s: float = 10) -> "LocalBroker":
        """Start Mosquitto (writing the config the first time) and wait until it listens."""
        exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        if not Path(exe).exists():
            raise BrokerError("mosquitto not found: apt-get install mosquitto")
        conf = self.folder / "mosquitto.conf"
        if not conf.exists():
            conf = self.write_config()
        self.proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BrokerError(f"mosquitto exited ({self.proc.returncode}): {self._log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise BrokerError(f"mosquitto did not listen on {self.port}: {self._log()}")

    def stop(self) -> None:
        """Stop Mosquitto (the config stays, so start() brings it back on the same port)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def _log(self) -> str:
        err = self.proc.stderr.read().decode(errors="replace") if self.proc and self.proc.stderr else ""
        path = self.folder / "mosquitto.log"
        tail = path.read_text(errors="replace")[-2000:] if path.exists() else ""
        return (err + tail).strip() or "(no output)"

    def __enter__(self) -> "LocalBroker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def dev_broker(root: Path, kiosk_id: str) -> tuple[LocalBroker, dict[str, str]]:
    """For `./dev run`: a started loopback broker under var/mqtt and the environment for the kiosk.

    Writes var/mqtt.password (0600) and var/mqtt/operator.password for tools; returns the broker
    (call .stop() on exit) and {KIOSK_MQTT_URL: ...}. Point [mqtt] username/password_file/ca_file
    at var/ as config/kiosk.toml's commented example shows.
    """
    import secrets
    var = Path(root) / "var"
    folder = var / "mqtt"
    kiosk_pw, operator_pw = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    folder.mkdir(parents=True, exist_ok=True)
    for path, secret in ((var / "mqtt.password", kiosk_pw), (folder / "operator.password", operator_pw)):
        path.write_text(secret + "\n", encoding="utf-8")
        os.chmod(path, 0o600)
    (folder / "mosquitto.conf").unlink(missing_ok=True)  # new passwords and a fresh free port
    broker = LocalBroker(folder, {kiosk_id: kiosk_pw}, {"operator": operator_pw})
    broker.start()
    shutil.copy(broker.ca_file, folder / "ca.pem")
    return broker, {"KIOSK_MQTT_URL": broker.url}
