"""The loaded catalog: lookup, browsing by life event / theme / department, and search."""
from __future__ import annotations

from typing import Iterable, Mapping, Union

from kiosk.catalog import strings
from kiosk.catalog.model import LIFE_EVENTS, THEMES, Bundle, Department, ServiceItem
from kiosk.catalog.search import SearchIndex, SearchResult

Entry = Union[ServiceItem, Bundle]
BROWSE_KINDS = ("life_event", "theme", "department")


class Catalog:
    """Validated service items and bundles, with a search index built once."""

    def __init__(self, items: Mapping[str, ServiceItem], bundles: Mapping[str, Bundle],
                 departments: Iterable[Department] = ()) -> None:
        self.items: dict[str, ServiceItem] = dict(sorted(items.items()))
        self.bundles: dict[str, Bundle] = dict(sorted(bundles.items()))
        self.departments: list[Department] = list(departments)
        self._index = SearchIndex(list(self.bundles.values()) + list(self.items.values()))

    def get(self, code: str) -> ServiceItem | None:
        """The item with this code, or None."""
        return self.items.get(code)

    def get_bundle(self, bundle_id: str) -> Bundle | None:
        """The bundle with this id, or None."""
        return self.bundles.get(bundle_id)

    def search(self, query: str, lang: str = "zh", limit: int = 20) -> list[SearchResult]:
        """Ranked items and bundles for what was typed (Chinese, pinyin, initials, English)."""
        # lang does not change matching (a resident may type pinyin on the English screen),
        # it is accepted so callers need not special-case it.
        del lang
        return self._index.search(query, limit)

    def browse(self, kind: str, lang: str = "zh") -> list[tuple[str, str, list[Entry]]]:
        """Groups (key, label in lang, bundles then items) by life_event, theme or department."""
        if kind not in BROWSE_KINDS:
            raise ValueError(f"browse kind must be one of {BROWSE_KINDS}, not {kind!r}")
        entries: list[Entry] = list(self.bundles.values()) + list(self.items.values())
        groups: list[tuple[str, str, list[Entry]]] = []
        if kind == "department":
            for dept in self.departments:
                members = [e for e in self.items.values() if e.department.id == dept.id]
                if members:
                    groups.append((dept.id, dept.name.pick(lang), members))
            return groups
        keys = LIFE_EVENTS if kind == "life_event" else THEMES
        for key in keys:
            if kind == "life_event":
                members = [e for e in entries if key in e.life_events]
            else:
                members = [e for e in entries if e.theme == key]
            if members:
                groups.append((key, strings.text(f"catalog.{kind}.{key}").pick(lang), members))
        return groups

    def __len__(self) -> int:
        return len(self.items)
