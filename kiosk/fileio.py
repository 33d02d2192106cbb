"""One way to read a file: every OS, size, decoding and TOML error becomes a FileReadError naming it."""
from __future__ import annotations

import errno
import tomllib
from pathlib import Path
from typing import Any

# Limits on files that come from outside the program (configuration, service guides, scripts).
MAX_CONFIG_BYTES = 256 * 1024    # a profile or kiosk.toml is a few kB
MAX_TOML_DEPTH = 16              # our formats nest 4 deep; 16 leaves room and stops hostile nesting
MAX_TOML_STRING = 20_000         # characters in one string value (a guide's longest text is ~1,000)

_OS_REASONS = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "cannot be read (permission denied)",
    errno.EPERM: "cannot be read (operation not permitted)",
    errno.EISDIR: "is a folder, not a file",
    errno.ELOOP: "is a symbolic link that loops",
    errno.ENAMETOOLONG: "has a name that is too long",
    errno.ENOTDIR: "has a path through something that is not a folder",
}


class FileReadError(ValueError):
    """A file cannot be used: names the file and says why in plain words."""

    def __init__(self, path: Path | str, reason: str, kind: str = "file") -> None:
        self.path, self.reason, self.kind = str(path), reason, kind  # kind: "file" or "syntax"
        super().__init__(f"{path}: {reason}")


def _os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or -1, f"cannot be read ({exc.strerror or exc})")


def read_bytes(path: Path | str, max_bytes: int = MAX_CONFIG_BYTES) -> bytes:
    """The file's bytes; FileReadError when it is missing, a folder, unreadable or too large."""
    path = Path(path)
    try:
        if path.is_dir():
            raise FileReadError(path, _OS_REASONS[errno.EISDIR])
        with path.open("rb") as fh:
            # read one byte more than allowed so a too-large file is seen without reading it all
            data = fh.read(max_bytes + 1)
    except FileReadError:
        raise
    except OSError as exc:
        raise FileReadError(path, _os_reason(exc)) from None
    except (RuntimeError, ValueError) as exc:  # pathlib raises RuntimeError on some symlink loops
        raise FileReadError(path, f"cannot be read ({exc})") from None
    if len(data) > max_bytes:
        raise FileReadError(path, f"is larger than the {max_bytes:,} bytes allowed")
    return data


def read_text(path: Path | str, max_bytes: int = MAX_CONFIG_BYTES) -> str:
    """The file decoded as UTF-8; a decoding error names the byte offset."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileReadError(path, f"is not UTF-8 text (bad byte at offset {exc.start})") from None


def read_json(path: Path | str, max_bytes: int = MAX_CONFIG_BYTES) -> Any:
    """Parse a JSON file within the size limit; FileReadError for every way it can fail."""
    import json
    text = read_text(path, max_bytes)
    try:
        return json.loads(text)
    except RecursionError:
        raise FileReadError(path, "nests objects or lists too deeply", "syntax") from None
    except ValueError as exc:
        raise FileReadError(path, f"is not valid JSON: {exc}", "syntax") from None


def _check_shape(path: Path | str, data: Any, max_depth: int, max_string: int) -> None:
    """Walk the parsed document without recursion: bounded depth and string lengths."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, where = stack.pop()
        if depth > max_depth:
            raise FileReadError(path, f"nests tables or lists more than {max_depth} deep (at {where})",
                                "syntax")
        if isinstance(value, str) and len(value) > max_string:
            raise FileReadError(path, f"has a text of {len(value):,} characters at {where or 'top'}"
                                      f" (at most {max_string:,})")
        if isinstance(value, dict):
            for key, sub in value.items():
                if len(key) > 200:
                    raise FileReadError(path, f"has a key of {len(key):,} characters (at most 200)")
                stack.append((sub, depth + 1, f"{where}.{key}" if where else key))
        elif isinstance(value, list):
            stack.extend((sub, depth + 1, f"{where}[{i}]") for i, sub in enumerate(value))


def read_toml(path: Path | str, max_bytes: int = MAX_CONFIG_BYTES, max_depth: int = MAX_TOML_DEPTH,
              max_string: int = MAX_TOML_STRING) -> dict[str, Any]:
    """Parse a TOML file within the limits; FileReadError for every way it can fail."""
    text = read_text(path, max_bytes)
    # tomllib recurses once per nesting level: refuse hostile nesting before it can overflow
    if _bracket_depth(text) > max_depth + 2:
        raise FileReadError(path, f"nests tables or lists more than {max_depth} deep", "syntax")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileReadError(path, f"is not valid TOML: {exc}", "syntax") from None
    except RecursionError:
        raise FileReadError(path, f"nests tables or lists more than {max_depth} deep",
                            "syntax") from None
    _check_shape(path, data, max_depth, max_string)
    return data


def _bracket_depth(text: str) -> int:
    """Deepest run of open [ or { outside strings and comments (an upper bound on nesting)."""
    depth = deepest = 0
    quote = ""
    escaped = in_comment = False
    for ch in text:
        if ch == "\n":
            in_comment, escaped = False, False
            if quote and len(quote) == 1:
                quote = ""
            continue
        if in_comment:
            continue
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch == "#":
            in_comment = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def is_within(path: Path, folder: Path) -> bool:
    """True when path (resolved) lies inside folder (resolved): no ../ escapes."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True
