"""Availability of a bundle item by item: what is done at this kiosk, and where the rest is done."""
from __future__ import annotations

from typing import Any, Sequence

from kiosk.catalog.availability import alternatives
from kiosk.flow.browse.localized_lines import lines, named
from kiosk.flow.browse.pages import Availability
from kiosk.i18n import LANGUAGES, localize

# reasons that no waiting can fix: the item is never done at this kiosk
NEVER_HERE = frozenset({"not_self_service", "not_offered"})


def never_here(result: Any) -> bool:
    """True when a catalog availability says the item is not done at this kiosk at all."""
    return bool(NEVER_HERE & set(result.codes))


def elsewhere_lines(items: Sequence[Any], lang: str) -> list[str]:
    """For each item done elsewhere: its name and department, then where and how (indented)."""
    out: list[str] = []
    for item in items:
        dept = item.department.name.pick(lang)
        name = item.name.pick(lang)
        out.append(f"{name}（{dept}）" if lang.startswith("zh") else f"{name} ({dept})")
        out += ["  " + line for line in alternatives(item).pick(lang).splitlines() if line.strip()]
    return out


def bundle_availability(checked: Sequence[tuple[Any, Any]]) -> Availability:
    """Merge (item, catalog Availability) pairs of the chosen items into the bundle's answer.

    Items never done here go to `elsewhere` with where and how they are done; the bundle can be
    applied for when at least one item is done here and every such item can be done now. Texts
    are built in every language; the screen picks one.
    """
    here = [(item, result) for item, result in checked if not never_here(result)]
    away = [(item, result) for item, result in checked if never_here(result)]
    ok = bool(here) and all(result.ok for _, result in here)
    # each reason names its item, and comes once; with nothing done here, every item says why
    reasons = [(item, message) for item, result in (here or away) for _, message in result.reasons]
    texts = dict.fromkeys(localize(lambda c, i=item, m=message: named(i.name.pick(c), m.pick(c), c))
                          for item, message in reasons)
    instead: tuple = ()
    if not ok and here:  # something here blocked now: what to do instead
        instead = lines({c: list(dict.fromkeys(
            x for _, result in here if not result.ok
            for x in result.alternatives.pick(c).splitlines() if x.strip())) for c in LANGUAGES})
    return Availability(ok, tuple(texts), instead,
                        here_codes=tuple(item.code for item, _ in here),
                        elsewhere_codes=tuple(item.code for item, _ in away),
                        elsewhere=lines({c: elsewhere_lines([i for i, _ in away], c)
                                         for c in LANGUAGES}))
