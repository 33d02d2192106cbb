"""Builds drivers from configuration: `<device class>.<driver name>` -> factory, strictly."""
from __future__ import annotations

import importlib
from typing import Any, Mapping

from drivers.base import DeviceWorker

DEVICE_CLASSES = ("card_reader", "printer", "qr_camera", "document_camera", "locker")


def available_drivers(device_class: str) -> dict[str, str]:
    """Driver names known for a device class, mapped to 'module:factory'."""
    if device_class not in DEVICE_CLASSES:
        raise KeyError(f"unknown device class {device_class!r}; known: {', '.join(DEVICE_CLASSES)}")
    pkg = importlib.import_module(f"drivers.{device_class}")
    return dict(getattr(pkg, "DRIVERS", {}))


def build_driver(device_class: str, driver: str, options: Mapping[str, Any]) -> DeviceWorker:
    """Instantiate one driver; unknown names raise KeyError (no silent fallback to a simulator)."""
    table = available_drivers(device_class)
    if driver not in table:
        raise KeyError(f"no driver {driver!r} for {device_class}; known: {', '.join(sorted(table))}")
    module_name, _, factory = table[driver].partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, factory)(device_class, options)


def check_options(device_class: str, driver: str, options: Mapping[str, Any]) -> None:
    """Start-up check of a driver's options, when its module has `check_options(options)`.

    Raises the driver's ValueError subclass (e.g. ScriptError with `key`, `value`, `allowed`).
    """
    module_name, _, _ = available_drivers(device_class)[driver].partition(":")
    check = getattr(importlib.import_module(module_name), "check_options", None)
    if check is not None:
        check(options)
