"""Benchmark: fleet telemetry messages and bytes per kiosk per hour, publish-on-change vs every poll.

Run: .venv/bin/python bench/bench_telemetry.py [--hours 1] [--poll-s 1] [--seed 7]
Simulates a kiosk with a fake clock: residents arrive every 2-8 minutes, each session keeps the
card reader, document camera and printer busy for a while, the outbox fills and drains, the paper
runs low, the card reader fails once and recovers. Both sides see the same state every poll:
the naive baseline publishes every value on every poll; FleetTelemetry publishes changes plus the
slow heartbeat. Bytes count the MQTT PUBLISH packet (fixed header, topic, packet id, payload).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drivers.base import DeviceState, DeviceStatus, MediaState  # noqa: E402
from kiosk.fleet.telemetry import FleetTelemetry  # noqa: E402
from kiosk.fleet.topics import KioskTopics  # noqa: E402

PACKET_OVERHEAD = 2 + 2 + 2  # fixed header (2 bytes for small packets), topic length, packet id


class Counter:
    """A transport that only counts."""

    def __init__(self) -> None:
        self.messages = self.bytes = 0

    def publish(self, topic: str, payload: str, retain: bool) -> bool:
        """Count one QoS 1 PUBLISH."""
        self.messages += 1
        self.bytes += PACKET_OVERHEAD + len(topic.encode()) + len(payload.encode())
        return True


def kiosk_states(hours: float, poll_s: float, seed: int):
    """Yield (time, statuses, values) every poll for the simulated period."""
    rng = random.Random(seed)
    end = hours * 3600
    sessions, t = [], rng.uniform(60, 240)
    while t < end:
        sessions.append(t)
        t += rng.uniform(120, 480)
    reader_fault = (end * 0.33, end * 0.33 + 60)
    depth_events: list[tuple[float, int]] = []
    for s in sessions:
        depth_events += [(s + 90, +1), (s + 90 + rng.uniform(5, 120), -1)]
    now = 0.0
    while now < end:
        def busy(start: float, stop: float) -> bool:
            return any(s + start <= now < s + stop for s in sessions)
        reader = DeviceState.HARDWARE_ERROR if reader_fault[0] <= now < reader_fault[1] else \
            DeviceState.BUSY if busy(5, 12) else DeviceState.ONLINE
        camera = DeviceState.BUSY if busy(20, 50) else DeviceState.ONLINE
        printer = DeviceState.BUSY if busy(80, 90) else DeviceState.ONLINE
        paper = MediaState.PAPER_LOW if now > end * 0.75 else MediaState.PAPER_FULL
        statuses = [DeviceStatus("card_reader", reader), DeviceStatus("qr_camera", DeviceState.ONLINE),
                    DeviceStatus("document_camera", camera), DeviceStatus("printer", printer, paper)]
        depth = sum(d for at, d in depth_events if at <= now)
        values = {"outbox_depth": depth, "catalog_version": "2026.11.3", "app_version": "0.1.0",
                  "service": "in_service", "disk_free": 12_000 - int(now // 600)}
        yield now, statuses, values
        now += poll_s


def run(hours: float, poll_s: float, seed: int) -> dict:
    """Messages and bytes per hour of both strategies over the same simulated states."""
    topics = KioskTopics("kiosk-bench-001")
    clock = [0.0]
    smart_out, naive_out = Counter(), Counter()
    smart = FleetTelemetry(topics, smart_out, heartbeat_s=300, clock=lambda: clock[0])
    naive_values: dict[str, str] = {}
    for now, statuses, values in kiosk_states(hours, poll_s, seed):
        clock[0] = now
        for st in statuses:
            smart.device_status(st)
        for key, value in values.items():
            smart.set(key, value)
        smart.tick()
        naive_values.update({f"device_{st.device}": st.state.value for st in statuses})
        naive_values["paper"] = statuses[-1].media.value
        naive_values.update({k: str(v) for k, v in values.items()})
        naive_values["uptime"] = str(int(now))
        for key, text in naive_values.items():
            naive_out.publish(topics.state(key), text, True)
    per_hour = 1 / hours
    result = {"hours": hours, "poll_s": poll_s, "seed": seed,
              "naive": {"messages_per_hour": round(naive_out.messages * per_hour),
                        "bytes_per_hour": round(naive_out.bytes * per_hour)},
              "on_change": {"messages_per_hour": round(smart_out.messages * per_hour),
                            "bytes_per_hour": round(smart_out.bytes * per_hour)}}
    result["ratio_messages"] = round(smart_out.messages / naive_out.messages, 5)
    result["ratio_bytes"] = round(smart_out.bytes / naive_out.bytes, 5)
    return result


def main() -> None:
    """Print the comparison as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hours", type=float, default=1.0)
    ap.add_argument("--poll-s", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(json.dumps(run(args.hours, args.poll_s, args.seed), indent=2))


if __name__ == "__main__":
    main()
