"""Benchmark: accepted applications per second of the reference platform on one core with SQLite.

Run: .venv/bin/python bench/bench_platform.py [--requests 400] [--threads 4]
Starts `python -m refplatform` pinned to CPU 0 (taskset), keeps this client on the other CPUs, and
measures in the same run: bare GET /health (no signature, no database), a signed GET of a person's
certificates (signature check + nonce insert + one read), and signed, idempotency-keyed
POST /applications that are accepted (full work). Prints requests/s and the ratios to the baselines.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refplatform.seed import person_ref  # noqa: E402
from refplatform.testing import signed_headers, start_server  # noqa: E402

WANG = person_ref("wang")
APPLICATION = json.dumps({"items": ["HRSS-001"], "person_ref": WANG, "delivery": "kiosk_print",
                          "contact_phone": "13800000004", "form": {"purpose": "bench"},
                          "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-WANG-ID"}]}).encode()


def run_phase(url: str, kiosk: str, secret: str, kind: str, total: int, threads: int) -> tuple[float, int]:
    """Send `total` requests of one kind from `threads` keep-alive sessions; (requests/s, successes)."""
    per = total // threads
    ok = [0] * threads
    barrier = threading.Barrier(threads + 1)

    def worker(i: int) -> None:
        s = requests.Session()
        barrier.wait()
        for _ in range(per):
            if kind == "health":
                r = s.get(url + "/api/v1/health", timeout=60)
                ok[i] += r.status_code == 200
            elif kind == "signed_get":
                path = f"/api/v1/persons/{WANG}/certificates"
                r = s.get(url + path, headers=signed_headers(kiosk, secret, "GET", path), timeout=60)
                ok[i] += r.status_code == 200
            else:
                hd = signed_headers(kiosk, secret, "POST", "/api/v1/applications", APPLICATION)
                hd.update({"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
                r = s.post(url + "/api/v1/applications", data=APPLICATION, headers=hd, timeout=60)
                ok[i] += r.status_code == 201 and r.json()["status"] == "accepted"

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - t0
    return per * threads / elapsed, sum(ok)


def main() -> int:
    """Run the three phases twice (warm-up discarded) and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args()
    cpus = sorted(os.sched_getaffinity(0))
    pin = 0 if shutil.which("taskset") and 0 in cpus else None
    if pin is not None and len(cpus) > 1:
        os.sched_setaffinity(0, set(cpus) - {pin})  # the client must not steal the server's core
    tmp = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    handle = start_server(tmp, seed=True, cpu=pin)
    try:
        secret = handle.add_kiosk("K-BENCH")
        run_phase(handle.url, "K-BENCH", secret, "apply", 40, 2)  # warm-up
        results = {}
        for kind in ("health", "signed_get", "apply"):
            rate, ok = run_phase(handle.url, "K-BENCH", secret, kind, args.requests, args.threads)
            if ok != args.requests // args.threads * args.threads:
                print(f"{kind}: only {ok} successful answers", file=sys.stderr)
                return 1
            results[kind] = rate
    finally:
        handle.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"server pinned to CPU {pin if pin is not None else '(no taskset: unpinned)'}, SQLite, "
          f"{args.requests} requests per phase, {args.threads} client threads")
    print(f"bare GET /health            {results['health']:8.1f} req/s   (baseline)")
    print(f"signed GET certificates     {results['signed_get']:8.1f} req/s   ratio to health {results['signed_get'] / results['health']:.2f}")
    print(f"accepted POST applications  {results['apply']:8.1f} apps/s  ratio to health {results['apply'] / results['health']:.2f}, "
          f"to signed GET {results['apply'] / results['signed_get']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
