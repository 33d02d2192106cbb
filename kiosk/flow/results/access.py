"""Where the results journey finds the platform client and the outbox.

The host's services object (kiosk/core.py) wins when it exists; until then the app or a test
provides them here, per host.
"""
from __future__ import annotations

import weakref
from typing import Any

_provided: "weakref.WeakKeyDictionary[Any, dict[str, Any]]" = weakref.WeakKeyDictionary()


def provide(host: Any, *, platform: Any = None, outbox: Any = None) -> None:
    """Give this host's results journey a PlatformClient and an OutboxService."""
    _provided[host] = {"platform": platform, "outbox": outbox}


def _get(host: Any, name: str) -> Any:
    services = getattr(host, "services", None)
    value = getattr(services, name, None) if services is not None else None
    return value if value is not None else _provided.get(host, {}).get(name)


def platform(host: Any) -> Any:
    """The PlatformClient, or None when this kiosk has no platform link."""
    return _get(host, "platform")


def outbox(host: Any) -> Any:
    """The OutboxService, or None (ratings then go straight to the platform)."""
    return _get(host, "outbox")
