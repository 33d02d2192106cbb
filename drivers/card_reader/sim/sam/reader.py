"""The reader side of the SAM protocol, driven by a script: answers commands, injects faults."""
from __future__ import annotations

import random
from typing import Any

from drivers.card_reader.id_text import ADDRESS_CHARS, encode_field, encode_text_block
from drivers.card_reader.sam_frames import (FIND, PREAMBLE, READ_APPENDED, READ_BASE, RESET,
                                            SAM_ID, SELECT, STATUS, build_base_message,
                                            build_response, parse_command)
from drivers.card_reader.sim.sam.script import photo_for

# Actions the I/O loop performs, in order:
#   ("write", bytes)  ("delay", seconds)  ("truncate", bytes)  ("close_port", down, exit)
Action = tuple


class CardSlot:
    """Whether a card lies on the reader, following the script's card mode."""

    def __init__(self, mode: Any, people: int) -> None:
        self.mode = mode
        self.people = people
        self.person = 0
        self.present = mode != "absent"
        self.finds = 0
        self.removed_until: int | None = None  # find count after which a removed card returns

    def on_find(self) -> None:
        """Advance the intermittent cycle by one find command."""
        self.finds += 1
        if self.removed_until is not None:
            if self.finds >= self.removed_until:
                self.removed_until = None
                self._place()
            return
        if isinstance(self.mode, dict):
            on = int(self.mode.get("present_finds", 3))
            off = int(self.mode.get("absent_finds", 3))
            phase = (self.finds - 1) % (on + off)
            was = self.present
            self.present = phase < on
            if self.present and not was:
                self.person = (self.person + 1) % self.people

    def _place(self) -> None:
        self.present = True
        self.person = (self.person + 1) % self.people

    def remove(self, return_after_finds: int | None) -> None:
        """Take the card away (mid-read fault)."""
        self.present = False
        if return_after_finds is not None:
            self.removed_until = self.finds + return_after_finds


class SimReader:
    """Answers SAM commands for the scripted card, with the scripted faults."""

    def __init__(self, script: dict[str, Any]) -> None:
        self.s = script
        self._forced_used: dict[str, int] = {}
        self._late_sent: dict[str, int] = {}
        self.people = script["people"]
        self.card = CardSlot(script["card"], len(self.people))
        self.selected = False
        self.commands = 0
        self.bad_sent: dict[str, int] = {}
        self.mid_read_done = False
        self.port_closed_once = False
        self.rng = random.Random((script.get("noise") or {}).get("seed", 7))

    def bad_frame_received(self) -> list[Action]:
        """A command arrived with a wrong checksum: answer SW3 10 as a reader does."""
        return [("write", build_response(0x10))]

    def handle(self, payload: bytes) -> list[Action]:
        """Actions answering one command payload."""
        self.commands += 1
        pc = self.s.get("port_close")
        if pc and not self.port_closed_once and self.commands > int(pc.get("after_commands", 0)):
            self.port_closed_once = True
            return [("close_port", float(pc.get("down_seconds", 0.5)), bool(pc.get("exit")))]
        try:
            cmd, data = parse_command(payload)
        except Exception:
            return [("write", build_response(0x11))]
        key = f"{cmd[0]:02x}{cmd[1]:02x}"
        frame, truncate = self._answer(cmd, key)
        actions: list[Action] = []
        if self.s.get("slow"):
            actions.append(("delay", float(self.s["slow"])))
        if self.s.get("noise"):
            actions.append(("write", self._noise()))
        frame = self._maybe_corrupt(key, frame)
        late = self.s.get("late_reply", {})
        if late.get(key, 0) > self._late_sent.get(key, 0):
            # an answer meant for an earlier command (e.g. a slow STATUS) lands first
            self._late_sent[key] = self._late_sent.get(key, 0) + 1
            actions.append(("write", build_response(0x90)))
        actions.append(("truncate" if truncate else "write", frame))
        return actions

    def _answer(self, cmd: tuple[int, int], key: str) -> tuple[bytes, bool]:
        forced = self.s["force_sw3"].get(key)
        limit = self.s.get("force_sw3_count", {}).get(key)
        if forced is not None and limit is not None:
            used = self._forced_used.get(key, 0)
            self._forced_used[key] = used + 1
            if used >= limit:  # a transient fault: only the first `limit` answers are forced
                forced = None
        if cmd == FIND:
            self.card.on_find()
            self.selected = False
        if forced is not None:
            return build_response(forced), False
        if cmd in (RESET, STATUS):
            return build_response(0x90), False
        if cmd == SAM_ID:
            return build_response(0x90, bytes(range(16))), False
        if cmd == FIND:
            return (build_response(0x9F, bytes(4)) if self.card.present
                    else build_response(0x80)), False
        if cmd == SELECT:
            if not self.card.present:
                return build_response(0x81), False
            self.selected = True
            return build_response(0x90, bytes(8)), False
        if cmd == READ_BASE:
            return self._read_base()
        if cmd == READ_APPENDED:
            if not (self.card.present and self.selected):
                return build_response(0x41), False
            extra = self.people[self.card.person].get("appended_address", "")
            if not extra:
                return build_response(0x91), False
            return build_response(0x90, encode_field(extra, ADDRESS_CHARS)), False
        if cmd[0] == 0x60 and cmd[1] <= 4:  # baud change: acknowledged, the pty ignores it
            return build_response(0x90), False
        return build_response(0x21), False

    def _read_base(self) -> tuple[bytes, bool]:
        if not (self.card.present and self.selected):
            return build_response(0x41), False
        person = self.people[self.card.person]
        msg = build_base_message(encode_text_block(person), photo_for(self.card.person))
        frame = build_response(0x90, msg)
        mode = self.s.get("remove_mid_read")
        if mode and not self.mid_read_done:
            self.mid_read_done = True
            ret = None  # "status" / "truncate": the card stays away
            if isinstance(mode, dict):
                ret = mode.get("return_after_finds")
                mode = mode.get("mode", "status")
            self.card.remove(ret)
            self.selected = False
            if mode == "truncate":
                return frame, True
            return build_response(0x41), False
        return frame, False

    def _maybe_corrupt(self, key: str, frame: bytes) -> bytes:
        bad = self.s.get("bad_checksum")
        if not bad or key not in [c.lower() for c in bad.get("commands", ["3001"])]:
            return frame
        sent = self.bad_sent.get(key, 0)
        if sent >= int(bad.get("count", 1)):
            return frame
        self.bad_sent[key] = sent + 1
        return frame[:-1] + bytes([frame[-1] ^ 0x5A])

    def _noise(self) -> bytes:
        n = int(self.s["noise"].get("bytes", 16))
        junk = bytearray(self.rng.randrange(256) for _ in range(n))
        # fragments that tempt a naive decoder: partial preamble, impossible and long lengths
        junk += PREAMBLE[:3] + bytes([self.rng.randrange(256)])
        junk += PREAMBLE + b"\xFF\xF0"
        junk += PREAMBLE + b"\x00\x40" + bytes(self.rng.randrange(256) for _ in range(5))
        return bytes(junk)
