"""Why a scanned code was refused: a machine code and a plain zh/en message key."""
from __future__ import annotations

from kiosk.i18n import Translator

# code -> i18n key in assets/i18n/codes.json
ERROR_KEYS = {
    "not_ours": "codes.error.not_ours",
    "unsupported_version": "codes.error.unsupported_version",
    "unknown_type": "codes.error.unknown_type",
    "wrong_type": "codes.error.wrong_type",
    "truncated": "codes.error.truncated",
    "malformed": "codes.error.malformed",
    "tampered": "codes.error.tampered",
    "expired": "codes.error.expired",
    "not_yet_valid": "codes.error.not_yet_valid",
}


class CodeError(ValueError):
    """A scanned code was refused; `code` says why, `message(lang)` says it to the resident."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in ERROR_KEYS:
            raise KeyError(code)
        # detail is for logs: it never contains the payload itself.
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    @property
    def message_key(self) -> str:
        """The translation key of the resident-facing message."""
        return ERROR_KEYS[self.code]

    def message(self, lang: str = "zh", translator: Translator | None = None) -> str:
        """The plain message in lang ("zh" or "en")."""
        return (translator or Translator()).t(self.message_key, lang=lang)
