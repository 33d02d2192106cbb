"""What one application asks for: the fields and materials of every chosen item, each once."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable, Sequence

from kiosk.catalog.model import FormField, Material, ServiceItem
from kiosk.catalog.text import Text


def merged_fields(items: Iterable[ServiceItem]) -> tuple[FormField, ...]:
    """Every field once, in the order first asked; required when any item requires it."""
    seen: dict[str, FormField] = {}
    for item in items:
        for fld in item.fields:
            first = seen.get(fld.id)
            if first is None:
                seen[fld.id] = fld
            elif fld.required and not first.required:
                seen[fld.id] = dataclasses.replace(first, required=True)
    return tuple(seen.values())


def _merge_material(uses: Sequence[Material]) -> Material:
    # the flags that relax a material (deferred, commitment) hold only when every item that
    # requires it allows them; when no item requires it, every use decides
    deciding = [m for m in uses if m.required] or list(uses)
    return dataclasses.replace(
        uses[0], required=any(m.required for m in uses),
        deferrable=all(m.deferrable for m in deciding),
        commitment=all(m.commitment for m in deciding),
        e_certificate=any(m.e_certificate for m in uses), scan=any(m.scan for m in uses),
        originals=max(m.originals for m in uses), copies=max(m.copies for m in uses))


def merged_materials(items: Iterable[ServiceItem]) -> tuple[Material, ...]:
    """Every material once (deduplicated by material code), in the order first asked."""
    uses: dict[str, list[Material]] = {}
    for item in items:
        for material in item.materials:
            uses.setdefault(material.id, []).append(material)
    return tuple(_merge_material(group) for group in uses.values())


def common_delivery(items: Sequence[ServiceItem]) -> tuple[str, ...]:
    """The result delivery ways every item allows (the window when they share none)."""
    ways = [w for w in items[0].result_delivery if all(w in i.result_delivery for i in items[1:])]
    return tuple(ways) or ("window",)


@dataclass(frozen=True)
class ApplySubject:
    """What one application is for: a single item, or the items of a bundle done at this kiosk.

    It offers the attributes the apply steps read from a catalog item (fields, materials, name,
    result_delivery, promised_limit_days, online_url, supervision_phone), merged for a bundle.
    """

    code: str  # the bundle id, or the single item's code
    name: Text
    items: tuple[ServiceItem, ...]
    bundle: str | None = None
    elsewhere: tuple[ServiceItem, ...] = ()  # bundle items done at a window, not here

    @property
    def item_codes(self) -> tuple[str, ...]:
        """Codes of the items applied for here."""
        return tuple(i.code for i in self.items)

    @property
    def fields(self) -> tuple[FormField, ...]:
        """The one form."""
        return merged_fields(self.items)

    @property
    def materials(self) -> tuple[Material, ...]:
        """The one list of materials."""
        return merged_materials(self.items)

    @property
    def result_delivery(self) -> tuple[str, ...]:
        """How the results can be delivered (shared by every item)."""
        return common_delivery(self.items)

    @property
    def promised_limit_days(self) -> int:
        """The longest promised time limit of the items."""
        return max(i.promised_limit_days for i in self.items)

    @property
    def online_url(self) -> str:
        """The progress query's base address (the first item's)."""
        return self.items[0].online_url

    @property
    def assurance(self) -> str:
        """The strictest identity assurance an item declares ("high" over "low"), "" if none does."""
        declared = {getattr(i, "assurance", "") for i in self.items} - {None, ""}
        return "high" if "high" in declared else (declared.pop() if declared else "")

    @property
    def identity_ways(self) -> tuple[str, ...]:
        """The identity ways every item allows, in the first item's order (() = the default ways)."""
        lists = [tuple(getattr(i, "identity_ways", ()) or ()) for i in self.items]
        if not all(lists):
            return ()
        return tuple(w for w in lists[0] if all(w in other for other in lists[1:]))

    @property
    def supervision_phone(self) -> str:
        """The supervision phone (the first item's)."""
        return self.items[0].supervision_phone


def subject_for(catalog, code: str, item_codes: Iterable[str] = (),
                elsewhere: Iterable[str] = ()) -> ApplySubject | None:
    """The subject for a single item code, or for a bundle id and the item codes applied for."""
    bundle = catalog.get_bundle(code)
    if bundle is None:
        item = catalog.get(code)
        return None if item is None else ApplySubject(item.code, item.name, (item,))
    chosen, away = set(item_codes), set(elsewhere)
    items = tuple(i for i in bundle.items if i.code in chosen)
    if not items:
        return None
    return ApplySubject(bundle.id, bundle.name, items, bundle.id,
                        tuple(i for i in bundle.items if i.code in away))


def case_materials(catalog, case) -> tuple[Material, ...]:
    """The merged material list of an ApplyCase (single item or bundle): the materials step's hook."""
    subject = subject_for(catalog, case.code, case.item_codes, case.elsewhere_codes)
    return () if subject is None else subject.materials
