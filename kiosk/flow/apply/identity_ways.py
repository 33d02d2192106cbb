"""The identity ladder's rungs: which ways a service allows, their assurance, and which one comes next."""
from __future__ import annotations

from typing import Any

ID_CARD, PASSPORT, EID_QR, TYPED = "id_card", "passport", "eid_qr", "typed"
WAYS = (ID_CARD, PASSPORT, EID_QR, TYPED)
DEFAULT_WAYS = WAYS  # a catalog item without identity_ways gets the whole ladder in this order

# the platform's method name for each way (POST /identity/verify "method")
PLATFORM_METHOD = {ID_CARD: "id_card", PASSPORT: "passport", EID_QR: "e_id", TYPED: "typed"}
# the assurance each way reaches at best (the platform's answer is what is recorded)
WAY_LEVEL = {ID_CARD: "high", PASSPORT: "medium", EID_QR: "high", TYPED: "low"}
LEVELS = {"low": 1, "medium": 2, "high": 3}
# the platform says eIDAS-like "substantial"; the kiosk records high / medium / low
PLATFORM_LEVEL = {"high": "high", "substantial": "medium", "medium": "medium", "low": "low"}


def kiosk_level(platform_assurance: str) -> str:
    """The platform's assurance in the kiosk's words (unknown answers count as low)."""
    return PLATFORM_LEVEL.get(platform_assurance, "low")


def required_assurance(item: Any) -> str:
    """The catalog's assurance requirement if it has one, else "high" when the ID card original is needed."""
    declared = getattr(item, "assurance", "")
    if declared:
        return declared
    needs_original = any(m.id == "id_card" and m.originals > 0 for m in item.materials)
    return "high" if needs_original else "low"


def allowed_ways(item: Any) -> tuple[str, ...]:
    """The ways the catalog lists for the item, in its order."""
    return tuple(getattr(item, "identity_ways", ()) or DEFAULT_WAYS)


def strong_enough(way: str, item: Any) -> bool:
    """True when the way reaches the assurance the service needs."""
    return LEVELS[WAY_LEVEL[way]] >= LEVELS.get(required_assurance(item), 1)


def usable_ways(item: Any, present: Any = None) -> tuple[str, ...]:
    """Allowed, strong enough and (when present() is given) possible at this kiosk, in order."""
    return tuple(w for w in allowed_ways(item)
                 if strong_enough(w, item) and (present is None or present(w)))


def refused_ways(item: Any) -> tuple[str, ...]:
    """Ways the catalog lists that this service's assurance does not accept (said, not offered)."""
    return tuple(w for w in allowed_ways(item) if not strong_enough(w, item))


def next_way(ways: tuple[str, ...], current: str, tried: frozenset[str] = frozenset()) -> str | None:
    """The first usable way after current not yet tried (None at the end of the ladder)."""
    after = ways[ways.index(current) + 1:] if current in ways else ways
    return next((w for w in after if w not in tried), None)
