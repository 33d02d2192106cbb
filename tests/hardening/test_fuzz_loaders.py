"""Generated hostile input for every loader and parser of the core: no traceback, only typed errors.

Each property runs at least 1,000 generated cases (hypothesis); the counts are reported by
bench/fuzz_report.py. Device parsers (SAM frames, ESC/POS status, MRZ, TLV) have their own suites.
"""
from __future__ import annotations

import copy
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog.parse import Libraries, parse_bundle, parse_item
from kiosk.catalog.loader import load_libraries
from kiosk.catalog.model import Problem
from kiosk.catalog.schema import Reader
from kiosk.codes import payloads
from kiosk.codes.errors import CodeError
from kiosk.config import ConfigError, load_config
from kiosk.fileio import FileReadError, read_toml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "config" / "services"
CASES = 1_000
FUZZ = settings(max_examples=CASES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])

_scalars = (st.text(max_size=40) | st.integers() | st.floats(allow_nan=True) | st.booleans()
            | st.dates() | st.none())
toml_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _libraries() -> Libraries:
    problems: list[Problem] = []
    libs = load_libraries(SERVICES, problems)
    assert not problems
    return libs


LIBS = _libraries()
ITEM = tomllib.loads((SERVICES / "HEALTH-001.toml").read_text(encoding="utf-8"))
BUNDLE = tomllib.loads((ROOT / "config" / "bundles" / "newborn.toml").read_text(encoding="utf-8"))


def _mutate(data: dict, draw) -> dict:
    """A copy of a real file's data with a few keys replaced, removed or added at any depth."""
    doc = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        node = doc
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                node = child
                continue
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "delete" and isinstance(node, dict):
                del node[key]
            elif action == "add" and isinstance(node, dict):
                node[draw(st.text(max_size=12))] = draw(toml_values)
            else:
                node[key] = draw(toml_values)
            break
    return doc


@FUZZ
@given(st.data())
def test_service_item_parser_never_raises(data) -> None:
    problems: list[Problem] = []
    doc = _mutate(ITEM, data.draw)
    item = parse_item(Reader("fuzz.toml", doc, "", problems), LIBS)
    assert item is not None or problems
    assert all(p.file == "fuzz.toml" and p.reason for p in problems)


@FUZZ
@given(st.data())
def test_bundle_parser_never_raises(data) -> None:
    problems: list[Problem] = []
    doc = _mutate(BUNDLE, data.draw)
    bundle = parse_bundle(Reader("fuzz.toml", doc, "", problems))
    assert bundle is not None or problems


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_toml_reader_gives_data_or_a_file_error(tmp_path_factory, payload: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz.toml"
    path.write_bytes(payload)
    try:
        assert isinstance(read_toml(path), dict)
    except FileReadError as exc:
        assert exc.path == str(path) and exc.reason


@FUZZ
@given(st.text(max_size=600) | st.from_regex(r"OTK[0-9]:[PREX]:[^\n]{0,80}", fullmatch=True))
def test_code_parser_gives_a_payload_or_a_code_error(text: str) -> None:
    try:
        payloads.parse(text, key=b"k" * 32, now=0)
    except CodeError as exc:
        assert exc.code


PROFILE = (ROOT / "config" / "profiles" / "booth_24h.toml").read_text(encoding="utf-8")


@settings(FUZZ, max_examples=CASES)
@given(st.data())
def test_config_loader_gives_a_config_or_a_config_error(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.getbasetemp() / "cfg"
    (folder / "profiles").mkdir(parents=True, exist_ok=True)
    (folder / "kiosk.toml").write_text('[kiosk]\nprofile = "fuzz"\n', encoding="utf-8")
    doc = _mutate(tomllib.loads(PROFILE), data.draw)
    text = _to_toml(doc)
    (folder / "profiles" / "fuzz.toml").write_text(text, encoding="utf-8")
    try:
        load_config(folder / "kiosk.toml")
    except ConfigError as exc:
        assert exc.file and exc.key


def _to_toml(doc: dict) -> str:
    """A tiny TOML writer for the fuzzer's documents (inline tables; floats and dates as TOML)."""
    import datetime as dt
    import json

    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int,)):
            return str(v)
        if isinstance(v, float):
            return "nan" if v != v else ("inf" if v == float("inf") else
                                         "-inf" if v == float("-inf") else repr(v))
        if isinstance(v, dt.date):
            return v.isoformat()
        if v is None:
            return '""'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(v)
    return "".join(f"{json.dumps(k)} = {value(v)}\n" for k, v in doc.items())
