"""Search index for a touch keyboard: Chinese, full pinyin, initials, English, synonyms, one typo."""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence, Union

from kiosk.catalog.model import Bundle, ServiceItem

Entry = Union[ServiceItem, Bundle]
SYNONYMS_FILE = Path(__file__).with_name("synonyms.toml")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DROP = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_ASCII_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
# field weights: how much a match in this part of the entry counts
W_NAME, W_CODE, W_KEYWORD, W_DEPT = 100.0, 95.0, 80.0, 30.0
SYNONYM_FACTOR = 0.95
# A term indexes every suffix, so its cost grows with the square of its length: index at most
# this many characters of a term (service names are under 40) and keep keys this long.
MAX_TERM_CHARS = 64
MAX_KEY_CHARS = 40
TYPO_FACTOR = 0.5


@dataclass(frozen=True)
class SearchResult:
    """One hit: the item or bundle, its score, and how it matched (for debugging and tests)."""

    entry: Entry
    score: float
    how: str

    def __repr__(self) -> str:
        return f"SearchResult({self.kind} {self.key} {self.entry.name.zh} score={self.score} {self.how})"

    @property
    def kind(self) -> str:
        """"item" or "bundle"."""
        return "bundle" if isinstance(self.entry, Bundle) else "item"

    @property
    def key(self) -> str:
        """The item code or bundle id."""
        return self.entry.id if isinstance(self.entry, Bundle) else self.entry.code


def load_synonyms(path: Path = SYNONYMS_FILE) -> list[tuple[str, ...]]:
    """Synonym groups from the data file."""
    with path.open("rb") as handle:
        groups = tomllib.load(handle)["groups"]
    return [tuple(g) for g in groups]


def normalize(text: str) -> str:
    """Lower-case and drop spaces and punctuation: what keys and queries are compared on."""
    return _DROP.sub("", text.lower())


@lru_cache(maxsize=65536)
def _syllables(term: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # its phrase tables take ~0.8 s: loaded on first use only
    out = []
    for piece in lazy_pinyin(term, errors=lambda chars: [chars]):
        out.extend(w for w in re.findall(r"[0-9a-z]+", piece.lower()))
    return tuple(out)


def load_pinyin() -> None:
    """Load pypinyin's tables and segmenter now (start-up does it on a background thread)."""
    _syllables("预热")


def _expand(term: str, groups: Sequence[tuple[str, ...]]) -> list[str]:
    """The term with each synonym it contains replaced by the other words of its group."""
    low = term.lower()
    out = []
    for group in groups:
        for word in group:
            if word in low:
                out.extend(low.replace(word, other) for other in group if other != word)
    return out


def compact_latin(term: str) -> str:
    """The first MAX_TERM_CHARS characters of a Latin term, lower-case, words kept apart."""
    return term[:MAX_TERM_CHARS].lower()


class SearchIndex:
    """Prefix index over every suffix of every searchable term; built once, queried per keystroke."""

    def __init__(self, entries: Iterable[Entry], synonyms: Sequence[tuple[str, ...]] | None = None):
        self.entries: list[Entry] = list(entries)
        self.synonyms = load_synonyms() if synonyms is None else list(synonyms)
        self.postings: dict[str, list[tuple[int, float, bool]]] = {}
        for index, entry in enumerate(self.entries):
            for term, weight in self._terms(entry):
                self._add_term(index, term, weight)
        self.keys = sorted(self.postings)

    def _terms(self, entry: Entry) -> list[tuple[str, float]]:
        terms = [(entry.name.zh, W_NAME), (entry.name.en, W_NAME)]
        terms += [(k, W_KEYWORD) for k in entry.keywords_zh + entry.keywords_en]
        if isinstance(entry, ServiceItem):
            terms += [(entry.code, W_CODE), (entry.department.name.zh, W_DEPT),
                      (entry.department.name.en, W_DEPT)]
        else:
            terms.append((entry.id, W_CODE))
        for text, weight in list(terms):
            if weight >= W_KEYWORD:  # a synonym counts a little less than the word it replaces
                terms += [(s, weight * SYNONYM_FACTOR) for s in _expand(text, self.synonyms)]
        return terms

    def _add(self, key: str, index: int, weight: float, full: bool) -> None:
        if key:
            self.postings.setdefault(key[:MAX_KEY_CHARS], []).append((index, weight, full))

    def _add_term(self, index: int, term: str, weight: float) -> None:
        compact = normalize(term[:MAX_TERM_CHARS * 4])[:MAX_TERM_CHARS]
        cjk = bool(_CJK.search(compact))
        # department names only match from their start: their inner words would flood results
        ends = 1 if weight <= W_DEPT else None
        if cjk:
            for start in range(len(compact))[:ends]:
                self._add(compact[start:], index, weight, start == 0)
            syllables = _syllables(compact)
        else:
            syllables = tuple(re.findall(r"[0-9a-z]+", compact_latin(term)))
        for start in range(len(syllables))[:ends]:
            self._add("".join(syllables[start:]), index, weight, start == 0)
        if cjk and len(syllables) > 1:  # initials match from the start only ("sbjf", not "bjf")
            self._add("".join(s[0] for s in syllables), index, weight * 0.9, True)

    def _prefix(self, prefix: str) -> Iterable[str]:
        keys = self.keys
        i = bisect_left(keys, prefix)
        while i < len(keys) and keys[i].startswith(prefix):
            yield keys[i]
            i += 1

    def _collect(self, query: str, keys: Iterable[str], factor: float, how: str,
                 best: dict[int, tuple[float, str]]) -> None:
        qlen = len(query)
        for key in keys:
            coverage = qlen / len(key)
            for index, weight, full in self.postings[key]:
                if full:
                    kind = 1.0 if coverage >= 1 else 0.85 + 0.1 * coverage
                else:
                    kind = 0.6 + 0.1 * coverage
                score = weight * kind * factor
                if score > best.get(index, (0.0, ""))[0]:
                    best[index] = (score, how)

    def _typo_keys(self, query: str) -> set[str]:
        """Keys within one edit (deletion, insertion, substitution, transposition) of a prefix."""
        found: set[str] = set()
        n = len(query)
        variants = {query[:i] + query[i + 1:] for i in range(n)}
        variants |= {query[:i] + query[i + 1] + query[i] + query[i + 2:] for i in range(n - 1)}
        if not _CJK.search(query):
            for i in range(n + 1):
                for ch in _ASCII_ALPHABET:
                    variants.add(query[:i] + ch + query[i:])
                    if i < n and ch != query[i]:
                        variants.add(query[:i] + ch + query[i + 1:])
        else:  # Chinese: one wrong or missing character after the first
            for i in range(1, n):
                for key in self._prefix(query[:i]):
                    if key[i + 1:].startswith(query[i + 1:]) or key[i + 1:].startswith(query[i:]):
                        found.add(key)
        for variant in variants:
            if len(variant) >= 2:
                found.update(self._prefix(variant))
        return found

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        """Ranked hits for a (possibly partial) query."""
        q = normalize(query[:MAX_TERM_CHARS * 4])[:MAX_KEY_CHARS]
        if not q:
            return []
        best: dict[int, tuple[float, str]] = {}
        cjk = bool(_CJK.search(q))
        self._collect(q, self._prefix(q), 1.0, "match", best)
        if cjk:  # homophones typed with the wrong character still match by pinyin
            pinyin = "".join(_syllables(q))
            self._collect(pinyin, self._prefix(pinyin), 0.8, "pinyin", best)
        if len(q) >= (2 if cjk else 4):
            self._collect(q, self._typo_keys(q), TYPO_FACTOR, "typo", best)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], len(self.entries[kv[0]].name.zh),
                                                       self.entries[kv[0]].name.zh))
        return [SearchResult(self.entries[i], round(score, 2), how)
                for i, (score, how) in ranked[:limit]]
