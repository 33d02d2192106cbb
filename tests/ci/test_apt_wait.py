""".ci/bootstrap.sh waits for another apt/dpkg holding the lock instead of failing at once."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"


def _run(tmp_path: Path, locked_times: int, other_error: bool = False, wait_s: int = 30):
    """Run apt_wait against a stand-in apt-get that is locked `locked_times` times first."""
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "apt-get"
    fake.parent.mkdir()
    fake.write_text(f"""#!/bin/sh
echo "$*" >> {calls}
n=$(wc -l < {calls})
if [ "$n" -le {locked_times} ]; then echo "{LOCKED}" >&2; exit 100; fi
{'echo "E: Unable to locate package nope" >&2; exit 100' if other_error else 'echo done; exit 0'}
""")
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake.parent}:{os.environ['PATH']}", SUDO="",
               APT_LOCK_WAIT_S=str(wait_s), APT_LOCK_POLL_S="0.05")
    script = 'set -euo pipefail; . .ci/apt_wait.sh; apt_wait install -y foo'
    proc = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    return proc, calls.read_text().splitlines()


def test_a_held_lock_is_waited_for(tmp_path):
    proc, calls = _run(tmp_path, locked_times=3)
    assert proc.returncode == 0, proc.stderr
    assert len(calls) == 4 and "DPkg::Lock::Timeout=30" in calls[-1]
    assert "waiting" in proc.stderr and "done" in proc.stdout


def test_another_error_fails_at_once_with_apts_message(tmp_path):
    proc, calls = _run(tmp_path, locked_times=0, other_error=True)
    assert proc.returncode == 100 and len(calls) == 1
    assert "Unable to locate package nope" in proc.stderr


def test_a_lock_held_past_the_deadline_fails_saying_so(tmp_path):
    proc, calls = _run(tmp_path, locked_times=10**6, wait_s=1)
    assert proc.returncode == 100 and len(calls) >= 2
    assert "still locked" in proc.stderr and "Could not get lock" in proc.stderr


def test_bootstrap_uses_it_for_every_apt_call():
    text = (ROOT / ".ci" / "bootstrap.sh").read_text()
    assert ". .ci/apt_wait.sh" in text
    assert "apt-get" not in text.replace("apt_wait", "")
