"""The options each driver accepts, with types and ranges, checked when the configuration loads."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

SERIAL_BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)


class OptionError(ValueError):
    """One driver option is wrong: the key, the value and what is allowed."""

    def __init__(self, key: str, value: Any, allowed: str) -> None:
        self.key, self.value, self.allowed = key, value, allowed
        super().__init__(f"{key} = {value!r}: allowed {allowed}")


@dataclass(frozen=True)
class Opt:
    """One option: a checker that returns the clean value or raises OptionError."""

    check: Callable[[str, Any], Any]
    required: bool = False


def _number(lo: float, hi: float, whole: bool = False) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        what = f"a {'whole ' if whole else ''}number from {lo:g} to {hi:g}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(key, value, what)
        if whole and not isinstance(value, int) or not math.isfinite(value) or not lo <= value <= hi:
            raise OptionError(key, value, what)
        return value
    return check


def _text(max_len: int = 4096) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        if not isinstance(value, str) or not value.strip() or len(value) > max_len or "\0" in value:
            raise OptionError(key, value, f"a non-empty text of at most {max_len} characters")
        return value
    return check


def _flag(key: str, value: Any) -> Any:
    if not isinstance(value, bool):
        raise OptionError(key, value, "true or false")
    return value


def _baud(key: str, value: Any) -> Any:
    if isinstance(value, bool) or value not in SERIAL_BAUDS:
        raise OptionError(key, value, "one of " + ", ".join(map(str, SERIAL_BAUDS)))
    return value


def _source(key: str, value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        raise OptionError(key, value, "a camera index (0, 1, …) or a file or folder path")
    if isinstance(value, int) and not 0 <= value <= 63:
        raise OptionError(key, value, "a camera index from 0 to 63")
    return value


def _lock_list(key: str, value: Any) -> Any:
    if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 255 for v in value):
        raise OptionError(key, value, "a list of door numbers from 1 to 255")
    return value


def _anything(key: str, value: Any) -> Any:
    """For structured options (simulator scripts) that their driver validates itself."""
    return value


SERIAL_PORT = Opt(_text(), required=True)
SCRIPTED = {"script": Opt(_anything), "script_loop": Opt(_flag)}  # checked by drivers/sim_script.py
CAMERA = {
    "source": Opt(_source, required=True), "fps": Opt(_number(1, 120)),
    "loop": Opt(_flag), "reopen_after_failures": Opt(_number(1, 1000, whole=True)),
}

# (device class, driver) -> option name -> Opt. A driver missing here accepts no options.
OPTIONS: dict[tuple[str, str], dict[str, Opt]] = {
    ("card_reader", "sam_serial"): {
        "port": SERIAL_PORT, "baud": Opt(_baud), "poll_interval": Opt(_number(0.05, 10)),
        "response_timeout": Opt(_number(0.05, 10)), "retries": Opt(_number(0, 10, whole=True)),
    },
    ("card_reader", "pcsc"): {"reader": Opt(_text(200)), "mrz": Opt(_text(200))},
    ("card_reader", "simulator"): {
        "card_present": Opt(_flag), "read_delay": Opt(_number(0, 30)), **SCRIPTED,
    },
    ("printer", "escpos_serial"): {
        "port": SERIAL_PORT, "baud": Opt(_baud), "timeout": Opt(_number(0.01, 10)),
        "presenter": Opt(_flag), "slip_left_s": Opt(_number(1, 3600)),
    },
    ("printer", "simulator"): {
        "print_delay": Opt(_number(0, 60)), "slip_left_s": Opt(_number(0.05, 3600)), **SCRIPTED,
    },
    ("locker", "serial_8a"): {
        "port": SERIAL_PORT, "baud": Opt(_baud), "board": Opt(_number(0, 255, whole=True)),
        "locks": Opt(_number(1, 255, whole=True)), "open_state": Opt(_number(0, 255, whole=True)),
        "closed_state": Opt(_number(0, 255, whole=True)), "poll_interval": Opt(_number(0.05, 60)),
        "left_open_s": Opt(_number(1, 3600)), "response_timeout": Opt(_number(0.02, 5)),
        "retries": Opt(_number(0, 5, whole=True)), "query_all": Opt(_flag),
    },
    ("locker", "simulator"): {
        "locks": Opt(_number(1, 255, whole=True)), "poll_interval": Opt(_number(0.05, 60)),
        "left_open_s": Opt(_number(1, 3600)), "close_after_s": Opt(_number(0, 3600)),
        "stuck": Opt(_lock_list),
    },
    ("qr_camera", "opencv"): {
        **CAMERA, "decode_fps": Opt(_number(0.5, 60)), "dedupe_s": Opt(_number(0, 60)),
        "budget_ms": Opt(_number(1, 2000)),
    },
    ("qr_camera", "simulator"): {**SCRIPTED},
    ("document_camera", "opencv"): {
        **CAMERA, "dpi": Opt(_number(72, 1200, whole=True)), "event_interval": Opt(_number(0.01, 10)),
        "px_per_mm": Opt(_number(0.5, 100)), "steady_frames": Opt(_number(1, 120, whole=True)),
    },
    ("document_camera", "simulator"): {
        **SCRIPTED, "dpi": Opt(_number(72, 1200, whole=True)), "settle_s": Opt(_number(0, 30)),
    },
}


def validate_options(device_class: str, driver: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options checked against the driver's table; OptionError names the first bad one."""
    import difflib
    table = OPTIONS.get((device_class, driver), {})
    for key in options:
        if key not in table:
            close = difflib.get_close_matches(key, sorted(table), n=1)
            hint = f'did you mean "{close[0]}"?' if close else "no such option"
            raise OptionError(key, options[key], f"{hint} (options of {driver}: "
                              f"{', '.join(sorted(table)) or 'none'})")
    for key, opt in table.items():
        if opt.required and key not in options:
            raise OptionError(key, None, "a value (this option is required)")
    return {key: table[key].check(key, value) for key, value in options.items()}
