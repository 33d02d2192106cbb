"""The loaded catalog as plain JSON-able data and back: nothing in it can run code when read.

Only the catalog's own frozen classes (a fixed list) are rebuilt, from tagged objects; anything
else in the data (an unknown tag, a missing field) is an error, never a call. The search index is
kept too, so a warm start skips the pinyin work.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from typing import Any

from kiosk.catalog.catalog import Catalog
from kiosk.catalog.hours import WeeklyHours
from kiosk.catalog.model import (Bundle, Department, EligibilityQuestion, Faq, Fee, FormField,
                                 Material, Problem, ServiceItem)
from kiosk.catalog.search import SearchIndex
from kiosk.catalog.text import Text

TAG = "@"
_WEIGHT_BITS = 6
_CLASSES = {cls.__name__: cls for cls in (Text, WeeklyHours, Material, FormField, EligibilityQuestion,
                                           Fee, Faq, Department, ServiceItem, Bundle, Problem)}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}


class CacheFormatError(ValueError):
    """The data is not a catalog this module wrote."""


def _walk(value: Any, seen: Counter) -> None:
    """Count every catalog object (by value) so that repeated ones are stored once."""
    if type(value).__name__ in _CLASSES:
        seen[value] += 1
        if seen[value] > 1:
            return
        for name in _FIELDS[type(value).__name__]:
            if not (name == "items" and isinstance(value, Bundle)):
                _walk(getattr(value, name), seen)
    elif isinstance(value, (tuple, list)):
        for v in value:
            _walk(v, seen)


class _Writer:
    """Turns catalog objects into tagged dicts; repeated ones go to a shared table once."""

    def __init__(self, seen: Counter) -> None:
        self.seen = seen
        self.shared: list[dict[str, Any]] = []
        self.refs: dict[Any, int] = {}

    def plain(self, value: Any) -> Any:
        name = type(value).__name__
        if name in _CLASSES and type(value) is _CLASSES[name]:
            if value in self.refs:
                return {TAG: "ref", "n": self.refs[value]}
            # a Bundle's items are stored once, in the catalog, and re-linked
            out = {f: self.plain(getattr(value, f)) for f in _FIELDS[name]
                   if not (f == "items" and name == "Bundle")}
            out[TAG] = name
            if self.seen[value] > 1:
                self.refs[value] = len(self.shared)
                self.shared.append({TAG: "shared", "v": out})
                return {TAG: "ref", "n": self.refs[value]}
            return out
        if isinstance(value, date):
            return {TAG: "date", "iso": value.isoformat()}
        if isinstance(value, (tuple, list)):
            return [self.plain(v) for v in value]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        raise CacheFormatError(f"cannot store a {type(value).__name__} in the catalog cache")


def catalog_to_plain(catalog: Catalog, problems: list[Problem]) -> dict[str, Any]:
    """The catalog, its problems and its search index as JSON-able data."""
    index = catalog._index
    positions = {id(entry): n for n, entry in enumerate(index.entries)}
    parts = (list(catalog.items.values()), list(catalog.bundles.values()), catalog.departments,
             problems)
    seen: Counter = Counter()
    _walk(parts, seen)
    writer = _Writer(seen)
    items, bundles, departments, problem_list = (writer.plain(part) for part in parts)
    return {  # "shared" first: the decoder meets each shared object before any reference to it
        "shared": writer.shared,
        "items": items, "bundles": bundles, "departments": departments, "problems": problem_list,
        "index": {"entries": [positions[id(e)] for e in index.entries],
                  "synonyms": [list(g) for g in index.synonyms],
                  **_pack_postings(index)},
    }


def _pack_postings(index: SearchIndex) -> dict[str, Any]:
    """Each posting (entry, weight, full) as one int; the few distinct weights in a table."""
    weights = sorted({w for key in index.keys for _, w, _ in index.postings[key]})
    if len(weights) > 1 << _WEIGHT_BITS:
        raise CacheFormatError(f"{len(weights)} distinct search weights do not fit the cache")
    slot = {w: n for n, w in enumerate(weights)}
    packed = {key: [(i << (_WEIGHT_BITS + 1)) | (slot[w] << 1) | int(full)
                    for i, w, full in index.postings[key]] for key in index.keys}
    return {"weights": weights, "postings": packed}


class _LazyPostings(dict):
    """The index's postings, unpacked per key on first use: a warm start skips 150k tuples."""

    def __init__(self, packed: dict[str, list[int]], weights: list[float]) -> None:
        super().__init__()
        self.packed, self.weights = packed, weights

    def __missing__(self, key: str) -> list[tuple[int, float, bool]]:
        mask, weights = (1 << _WEIGHT_BITS) - 1, self.weights
        value = [(p >> (_WEIGHT_BITS + 1), weights[(p >> 1) & mask], bool(p & 1))
                 for p in self.packed[key]]
        self[key] = value
        return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


class Reader:
    """json object_hook: tagged objects become their frozen classes, shared ones are re-used."""

    def __init__(self) -> None:
        self.shared: list[Any] = []

    def __call__(self, obj: dict[str, Any]) -> Any:
        tag = obj.get(TAG)
        if tag is None:
            return obj
        if tag == "ref":
            return self.shared[obj["n"]]
        if tag == "shared":
            self.shared.append(obj["v"])
            return obj["v"]
        if tag == "date":
            return date.fromisoformat(obj["iso"])
        cls = _CLASSES.get(tag)
        if cls is None:
            raise CacheFormatError(f"unknown type {tag!r} in the catalog cache")
        names = _FIELDS[tag]
        given = set(obj) - {TAG}
        expected = set(names) - ({"items"} if cls is Bundle else set())
        if given != expected:
            raise CacheFormatError(f"{tag} fields {sorted(given ^ expected)} do not match")
        # the values were checked by the loader before they were stored; skipping __init__ is
        # what makes a warm start fast (a frozen dataclass sets each field via object.__setattr__)
        instance = object.__new__(cls)
        instance.__dict__.update({n: _tuples(obj[n]) for n in expected})
        if cls is Bundle:
            instance.__dict__["items"] = ()
        return instance


def catalog_from_plain(data: dict[str, Any]) -> tuple[Catalog, list[Problem]]:
    """Rebuild what catalog_to_plain stored (decoded with object_hook=Reader())."""
    try:
        items = {item.code: item for item in data["items"]}
        bundles = {}
        for bundle in data["bundles"]:
            bundle.__dict__["items"] = tuple(items[c] for c in bundle.item_codes if c in items)
            bundles[bundle.id] = bundle
        ordered = list(bundles.values()) + list(items.values())
        index = object.__new__(SearchIndex)
        index.entries = [ordered[n] for n in data["index"]["entries"]]
        index.synonyms = [tuple(g) for g in data["index"]["synonyms"]]
        packed = data["index"]["postings"]
        index.postings = _LazyPostings(packed, [float(w) for w in data["index"]["weights"]])
        index.keys = list(packed)
        catalog = object.__new__(Catalog)
        catalog.items, catalog.bundles = items, bundles
        catalog.departments = list(data["departments"])
        catalog._index = index
        problems = list(data["problems"])
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as exc:
        raise CacheFormatError(f"catalog cache layout: {exc!r}") from exc
    kinds = ((items.values(), ServiceItem), (bundles.values(), Bundle),
             (catalog.departments, Department), (problems, Problem))
    if not all(isinstance(v, cls) for values, cls in kinds for v in values):
        raise CacheFormatError("catalog cache holds an object of the wrong type")
    return catalog, problems

