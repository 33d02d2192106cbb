"""Watchdog notifications through a real AF_UNIX datagram socket standing in for systemd."""
from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
import sdnotify

from kiosk.fleet.watchdog import Watchdog, watchdog_interval_s

INTERVAL_S = 0.4


@pytest.fixture
def notify_socket(monkeypatch):
    """A datagram socket bound where NOTIFY_SOCKET points (a short path: AF_UNIX allows ~107)."""
    folder = Path(tempfile.mkdtemp(prefix="wd", dir="/tmp"))
    path = folder / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()
    path.unlink()
    folder.rmdir()


def receive(sock: socket.socket, seconds: float) -> list[str]:
    """Every datagram arriving within `seconds`."""
    out: list[str] = []
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            out.append(sock.recv(4096).decode())
        except socket.timeout:
            break
    return out


class UiLoop(threading.Thread):
    """Stands in for the Kivy clock: calls the watchdog's ping until stopped; can hang."""

    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__(daemon=True)
        self.watchdog, self.stop, self.running = watchdog, threading.Event(), threading.Event()
        self.running.set()

    def run(self) -> None:
        while not self.stop.wait(self.watchdog.call_every_s):
            self.running.wait()  # cleared: the UI thread is stuck (a hung device call, a deadlock)
            self.watchdog.ping()


def test_interval_comes_from_systemd_environment(monkeypatch):
    assert watchdog_interval_s({"WATCHDOG_USEC": "30000000"}) == 30.0
    assert watchdog_interval_s({}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert Watchdog(notifier=sdnotify.SystemdNotifier()).ping() is False  # unsupervised: no-op


def test_ready_then_pings_reach_the_socket_and_a_hung_loop_stops_them(notify_socket):
    watchdog = Watchdog(interval_s=INTERVAL_S, notifier=sdnotify.SystemdNotifier(debug=True))
    watchdog.ready()
    loop = UiLoop(watchdog)
    loop.start()
    try:
        first = receive(notify_socket, INTERVAL_S * 3)
        assert first[0].startswith("READY=1")
        assert first[1:] and set(first[1:]) == {"WATCHDOG=1"}
        assert len(first) - 1 >= 4  # ~12 due in 1.2 s; at least several made it

        loop.running.clear()  # hang the UI loop
        receive(notify_socket, INTERVAL_S / 2)  # let any ping in flight land
        assert receive(notify_socket, INTERVAL_S * 2) == []  # systemd would now kill and restart

        loop.running.set()
        assert "WATCHDOG=1" in receive(notify_socket, INTERVAL_S)
    finally:
        loop.stop.set()
        loop.running.set()
        loop.join(5)


def test_pings_are_rate_limited_when_called_every_frame(notify_socket):
    now = [0.0]
    watchdog = Watchdog(interval_s=8.0, notifier=sdnotify.SystemdNotifier(debug=True),
                        clock=lambda: now[0])
    watchdog.ready()
    sent = 0
    for _ in range(630):  # 10.5 s of 60 fps frames
        now[0] += 1 / 60
        sent += watchdog.ping()
    assert sent == 5  # every 2 s (a quarter of WatchdogSec), not 600 datagrams
    messages = receive(notify_socket, 0.2)
    assert messages.count("WATCHDOG=1") == 5
