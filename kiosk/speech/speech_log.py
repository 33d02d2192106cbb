"""The speech log (`--speech-log FILE`): one JSON line per spoken prompt, personal values masked."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

PERSONAL_MASK = "***"


class SpeechLog:
    """Appends {time, lang, key, text} lines; the text given must already be masked."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, when: float, lang: str, key: str, text: str) -> None:
        """Append one prompt; time is ISO 8601 UTC with milliseconds."""
        stamp = datetime.fromtimestamp(when, timezone.utc).isoformat(timespec="milliseconds")
        line = json.dumps({"time": stamp, "lang": lang, "key": key, "text": text},
                          ensure_ascii=False)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")


def read_log(path: Path | str) -> list[dict]:
    """Every entry of a speech log, in order."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]
