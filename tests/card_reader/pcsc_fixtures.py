"""Process fixtures for PC/SC tests: our own pcscd (with vpcd) and the vpcd eMRTD simulator, by PID."""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drivers.card_reader.pcsc_monitor import PcscMonitor

ROOT = Path(__file__).resolve().parents[2]
PID_FILE = Path("/run/pcscd/pcscd.pid")
VPCD_LIB = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
READER = "Virtual PCD 00 00"
SIM_MODULE = "drivers.card_reader.sim.vicc"
# One pcscd and one vpcd port per machine: test runs of several worktrees (or CI and a developer)
# must take turns, or one run's simulated card shows up on another run's reader.
VPCD_LOCK = Path("/tmp/onetrip-vpcd-reader.lock")
VPCD_LOCK_WAIT = 600.0


class VpcdLock:
    """An exclusive, cross-process claim on the machine's vpcd reader (flock; freed on exit)."""

    def __init__(self) -> None:
        self._fh = None

    def acquire(self, limit: float = VPCD_LOCK_WAIT) -> None:
        """Wait for the reader to be free; fail clearly if another run keeps it too long."""
        fh = open(VPCD_LOCK, "a+")
        end = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    fh.close()
                    pytest.fail(f"the vpcd reader stayed busy for {limit:.0f} s: another test run "
                                f"on this machine holds {VPCD_LOCK}")
                time.sleep(0.2)
        self._fh = fh

    def release(self) -> None:
        """Let the next run have the reader."""
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def pcscd_running() -> bool:
    """True when some pcscd already runs (its PID file names a live process)."""
    try:
        return _alive(int(PID_FILE.read_text().strip()))
    except (OSError, ValueError):
        return False


def wait_for(predicate, limit: float = 15.0, step: float = 0.1) -> bool:
    """Poll predicate until true or `limit` seconds passed (a safety net, never an assertion)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, sig)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(5)


class Pcscd:
    """A pcscd we started (owned) or one that was already running (borrowed, never stopped)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.proc: subprocess.Popen | None = None
        self.owned = False

    def start(self) -> None:
        """Start pcscd in the foreground unless one runs; wait until vpcd's reader is listed."""
        if not self.owned and pcscd_running():
            pass  # borrowed: someone else's pcscd, which we never stop
        else:
            log = open(self.log_dir / "pcscd.log", "ab")
            self.proc = subprocess.Popen(["pcscd", "--foreground"], stdout=log,
                                         stderr=subprocess.STDOUT)
            log.close()
            self.owned = True
        monitor = PcscMonitor()
        try:
            ok = wait_for(lambda: READER in (monitor.snapshot() or {}))
        finally:
            monitor.close()
        if not ok:
            self.stop()
            pytest.fail("pcscd did not list the vpcd reader")

    def stop(self) -> None:
        """Stop our pcscd by PID (a borrowed one is left alone)."""
        if self.owned and self.proc is not None:
            _stop(self.proc)
            self.proc = None


class Simulator:
    """The vpcd card simulator as a child process."""

    def __init__(self, log_dir: Path, *args: str) -> None:
        self.log_path = log_dir / f"vicc_sim_{time.monotonic_ns()}.log"
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", SIM_MODULE, "--verbose", *args], cwd=ROOT,
                                     stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.seen_at: int | None = None  # pcscd's event count once it powered this card

    def log_text(self) -> str:
        """What the simulator logged so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def powered(self) -> bool:
        """True once pcscd powered THIS simulator's card (not merely "some card is present")."""
        from drivers.card_reader.sim.vicc.__main__ import POWERED_MARK
        return POWERED_MARK in self.log_text()

    def stop(self) -> None:
        """Stop the simulator by PID, then wait until pcscd's polling thread has seen it go.

        pcscd powers a card only when its poll sees the reader go from empty to occupied. A
        pulled card makes the failed transmit mark the reader empty at once, without that poll;
        a next simulator connecting within one poll period (400 ms) then looks to pcscd like
        the same card still lying there, and is never powered (the old flake of
        test_secure_messaging_faults right after test_card_pulled_mid_read).
        """
        _stop(self.proc)
        if self.seen_at is not None:
            wait_for(lambda: event_count() != self.seen_at, limit=10.0)
            self.seen_at = None


def card_present(expected: bool = True) -> bool:
    """Whether pcscd reports a card on the vpcd reader."""
    monitor = PcscMonitor()
    try:
        state = (monitor.snapshot() or {}).get(READER)
        return bool(state and state.present) == expected
    finally:
        monitor.close()


def event_count() -> int | None:
    """pcscd's card-event counter for the vpcd reader (upper 16 bits of the event state).

    Only pcscd's own polling thread counts insertions and removals; a failed transmit or
    disconnect marks the reader empty without counting, so "no card" alone does not mean pcscd
    has seen the card go.
    """
    from smartcard import scard
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, states = scard.SCardGetStatusChange(ctx, 0, [(READER, scard.SCARD_STATE_UNAWARE)])
        return states[0][1] >> 16 if hresult == scard.SCARD_S_SUCCESS and states else None
    finally:
        scard.SCardReleaseContext(ctx)


def raw_state() -> str:
    """The vpcd reader's raw PC/SC event state, for failure messages."""
    from smartcard import scard
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return f"no context ({hresult:#x})"
    try:
        hresult, states = scard.SCardGetStatusChange(ctx, 0, [(READER, scard.SCARD_STATE_UNAWARE)])
        return f"hresult {hresult:#x} states {[(n, hex(e), bytes(a).hex()) for n, e, a in states]}"
    finally:
        scard.SCardReleaseContext(ctx)


def require_pcsc() -> None:
    """Skip unless pcscd and the vpcd driver are installed and we may run pcscd (root)."""
    if shutil.which("pcscd") is None or not VPCD_LIB.exists():
        pytest.skip("pcscd or vsmartcard-vpcd not installed")
    if os.geteuid() != 0 and not pcscd_running():
        pytest.skip("starting pcscd needs root")


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory):
    """A running pcscd with the vpcd reader for the whole module; stopped if we started it.

    Holds the machine-wide vpcd lock meanwhile, so parallel test runs never share the reader.
    """
    require_pcsc()
    lock = VpcdLock()
    lock.acquire()
    daemon = Pcscd(tmp_path_factory.mktemp("pcscd"))
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.stop()
        lock.release()


@pytest.fixture
def start_sim(pcscd, tmp_path):
    """start_sim(*args) starts the simulator and waits for its card; all stopped at teardown."""
    started: list[Simulator] = []

    def start(*args: str, wait: bool = True) -> Simulator:
        sim = Simulator(tmp_path, *args)
        started.append(sim)
        # wait for pcscd to power THIS card: a bare "card present" can still be the previous
        # simulator's card, which pcscd has not yet noticed is gone
        if wait and not wait_for(lambda: sim.powered() and card_present()):
            pytest.fail(f"the simulated card never appeared on the vpcd reader: {raw_state()},"
                        f" sim log: {sim.log_text()!r}")
        if wait:
            sim.seen_at = event_count()
        return sim

    try:
        yield start
    finally:
        for sim in started:
            sim.stop()
        wait_for(lambda: card_present(False), limit=10.0)
