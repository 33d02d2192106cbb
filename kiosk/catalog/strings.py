"""The catalog's own UI strings (assets/i18n/catalog.json) as localized Text."""
from __future__ import annotations

import json
from functools import lru_cache

from kiosk.catalog.text import Text
from kiosk.i18n import DEFAULT_DIR, Translator

CATALOG_STRINGS = DEFAULT_DIR / "catalog.json"


@lru_cache(maxsize=1)
def translator() -> Translator:
    """A Translator over the catalog strings only (independent of other areas' files)."""
    return Translator(json.loads(CATALOG_STRINGS.read_text(encoding="utf-8")))


def text(key: str, **fmt: object) -> Text:
    """One catalog string in both languages, formatted."""
    t = translator()
    return Text(t.t(key, "zh", **fmt), t.t(key, "en", **fmt))
