"""Quality-hint vocabulary: the document camera's hint codes mapped to translated messages."""
from __future__ import annotations

from drivers.document_camera.quality import ALL_HINTS

HINT_KEYS = {code: f"documents.hint.{code}" for code in ALL_HINTS}


def hint_key(code: str) -> str:
    """The i18n key for a hint code; unknown codes fall back to the 'lay it flat' message."""
    return HINT_KEYS.get(code, HINT_KEYS["no_page"])


def hint_text(translator, code: str, lang: str) -> str:
    """The message the resident sees for a hint code, in lang."""
    return translator.t(hint_key(code), lang)
