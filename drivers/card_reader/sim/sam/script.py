"""Simulator scripts: fictitious people and fault settings, loaded from JSON and checked."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Mapping

from drivers.card_reader.gb11643 import make_id_number
from drivers.card_reader.id_text import ADDRESS_CHARS, FIELDS, encode_field

# Fictitious people; every ID number gets a correct MOD 11-2 check character.
DEFAULT_PEOPLE: list[dict[str, str]] = [
    {"name": "张三", "sex": "1", "nation": "01", "birth": "19800101",
     "address": "北京市东城区示例路1号", "region": "110101", "seq": "003",
     "authority": "北京市公安局东城分局", "valid_from": "20150101", "valid_to": "20350101"},
    {"name": "李四", "sex": "2", "nation": "05", "birth": "19920229",
     "address": "新疆维吾尔自治区乌鲁木齐市天山区样例街88号", "region": "650102", "seq": "024",
     "authority": "乌鲁木齐市公安局天山区分局", "valid_from": "20100315", "valid_to": "长期",
     "appended_address": "新疆维吾尔自治区乌鲁木齐市沙依巴克区新址路2号"},
]

KNOWN_KEYS = {"baud", "people", "card", "bad_checksum", "remove_mid_read", "noise", "slow",
              "port_close", "force_sw3", "force_sw3_count",
              "late_reply"}


class ScriptError(ValueError):
    """A simulator script is malformed."""


def complete_person(p: Mapping[str, str]) -> dict[str, str]:
    """Fill the ID number from region/birth/seq when missing and check every field's width."""
    person = dict(p)
    if not person.get("id_number"):
        if not person.get("birth"):
            raise ScriptError("a person needs id_number, or birth (YYYYMMDD) to make one")
        person["id_number"] = make_id_number(person.get("region", "110101"), person["birth"],
                                             person.get("seq", "001"))
    for field, chars in FIELDS:
        try:
            encode_field(person.get(field, ""), chars)
        except ValueError as exc:
            raise ScriptError(f"person field {field}: {exc}") from None
    if len(person.get("appended_address", "")) > ADDRESS_CHARS:
        raise ScriptError("appended_address is longer than 35 characters")
    return person


def photo_for(index: int) -> bytes:
    """1024 opaque bytes standing in for the card's wavelet photo."""
    rng = random.Random(1000 + index)
    return b"WLT" + bytes(rng.randrange(256) for _ in range(1021))


def _sw3(value: Any) -> int:
    return int(value, 16) if isinstance(value, str) else int(value)


# settings that must be JSON objects with numeric fields (checked before the simulator runs, so a
# malformed script is one clear message instead of a crash in the middle of a test)
_OBJECT_NUMBERS = {"noise": ("bytes", "seed"), "port_close": ("after_commands", "down_seconds"),
                   "bad_checksum": ("count",)}


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ScriptError(f"{where} must be a number, not {value!r}") from None
    return float(value)


def _check_shapes(data: dict[str, Any]) -> None:
    """Type checks for every setting the simulator reads; ScriptError names the bad one."""
    people = data.get("people")
    if people is not None and (not isinstance(people, list)
                               or not all(isinstance(p, dict) for p in people)):
        raise ScriptError("people must be a list of objects (name, sex, birth, ...)")
    for person in people or []:
        for key, value in person.items():
            if not isinstance(value, str):
                raise ScriptError(f"person field {key} must be text, not {value!r}")
    for key, fields in _OBJECT_NUMBERS.items():
        value = data.get(key)
        if value in (None, False, 0):
            continue
        if not isinstance(value, dict):
            raise ScriptError(f"{key} must be an object with {', '.join(fields)}")
        for field in fields:
            if field in value:
                _number(value[field], f"{key}.{field}")
    if data.get("bad_checksum") and not isinstance(data["bad_checksum"].get("commands", []), list):
        raise ScriptError("bad_checksum.commands must be a list such as [\"3001\"]")
    if data.get("slow"):
        _number(data["slow"], "slow")
    for key in ("force_sw3", "force_sw3_count", "late_reply"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise ScriptError(f"{key} must be an object such as {{\"3003\": ...}}")
    card = data.get("card")
    if isinstance(card, dict):
        for field in ("present_finds", "absent_finds"):
            if field in card:
                _number(card[field], f"card.{field}")
    mode = data.get("remove_mid_read")
    if mode and not isinstance(mode, (str, dict)):
        raise ScriptError("remove_mid_read must be \"status\", \"truncate\" or an object")


def load_script(source: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    """A checked script dict from a JSON file path or a mapping."""
    if isinstance(source, Mapping):
        data = dict(source)
    else:
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ScriptError(f"{source}: {exc}") from None
    if not isinstance(data, dict):
        raise ScriptError("a simulator script must be a JSON object of settings")
    _check_shapes(data)
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise ScriptError(f"unknown script keys: {', '.join(sorted(unknown))}")
    data["people"] = [complete_person(p) for p in data.get("people") or DEFAULT_PEOPLE]
    try:
        data["force_sw3"] = {k.lower(): _sw3(v) for k, v in (data.get("force_sw3") or {}).items()}
        data["force_sw3_count"] = {k.lower(): int(v)
                                   for k, v in (data.get("force_sw3_count") or {}).items()}
        data["late_reply"] = {k.lower(): int(v) for k, v in (data.get("late_reply") or {}).items()}
    except (AttributeError, TypeError, ValueError) as exc:
        raise ScriptError(f"force_sw3 / force_sw3_count / late_reply: {exc} (use {{\"3003\": \"0x21\"}}, "
                          "{\"3003\": 1})") from None
    card = data.get("card", "present")
    if card not in ("present", "absent") and not isinstance(card, Mapping):
        raise ScriptError("card must be 'present', 'absent' or {present_finds, absent_finds}")
    data["card"] = card
    data["baud"] = int(data.get("baud") or 0)
    return data
