"""Merge a "one thing, done once" bundle for the items the resident chose: one list, one form."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from kiosk.catalog.model import (Bundle, EligibilityQuestion, FormField, Material, ServiceItem)
from kiosk.catalog.text import Text


@dataclass(frozen=True)
class MergedMaterial:
    """A material asked for once, with the items that need it."""

    material: Material
    needed_by: tuple[str, ...]
    originals: int
    copies: int
    required: bool
    deferrable: bool
    commitment: bool

    @property
    def must_bring(self) -> bool:
        """True when the resident has to bring it."""
        return self.required and not self.material.e_certificate and not self.commitment


@dataclass(frozen=True)
class MergedField:
    """A form field asked once for every chosen item that uses it."""

    field: FormField
    asked_for: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class MergedBundle:
    """The merged application for the chosen items of a bundle."""

    bundle: Bundle
    items: tuple[ServiceItem, ...]
    materials: tuple[MergedMaterial, ...]
    fields: tuple[MergedField, ...]
    eligibility: tuple[EligibilityQuestion, ...]
    legal_limit_days: int
    promised_limit_days: int
    fee_total_yuan: float
    fee_lines: tuple[tuple[str, Text], ...]
    visits: int
    devices: tuple[str, ...]

    @property
    def name(self) -> Text:
        """The bundle's name."""
        return self.bundle.name

    @property
    def codes(self) -> tuple[str, ...]:
        """Codes of the chosen items, in bundle order."""
        return tuple(item.code for item in self.items)

    def fee_summary(self, marks: Mapping[str, str] | None = None) -> Text:
        """One line: free, or the total with each paid item (named, or by its mark on a slip)."""
        if self.fee_total_yuan == 0:
            return Text("全部免费", "All free of charge")
        names = {item.code: item.name for item in self.items}
        paid = [(code, text) for code, text in self.fee_lines if text]
        label = (lambda code, lang: marks[code]) if marks else \
            (lambda code, lang: names[code].pick(lang))  # noqa: E731
        zh = "；".join(f"{label(code, 'zh')}{t.zh}" if marks else f"{label(code, 'zh')}：{t.zh}"
                      for code, t in paid)
        en = "; ".join(f"{label(code, 'en')} {t.en}" if marks else f"{label(code, 'en')}: {t.en}"
                       for code, t in paid)
        return Text(f"合计 {self.fee_total_yuan:g} 元（{zh}）", f"Total CNY {self.fee_total_yuan:g} ({en})")


def _deciding(uses: list[tuple[str, Material]]) -> list[Material]:
    """The uses that decide a merged flag: the required ones, or all when none is required."""
    required = [m for _, m in uses if m.required]
    return required or [m for _, m in uses]


def merge_bundle(bundle: Bundle, chosen_codes: Iterable[str] | None = None) -> MergedBundle:
    """Merge the chosen items (all when None): each material and field once, max time limits."""
    chosen = set(bundle.item_codes if chosen_codes is None else chosen_codes)
    unknown = chosen - set(bundle.item_codes)
    if unknown:
        raise ValueError(f"not in bundle {bundle.id}: {', '.join(sorted(unknown))}")
    items = tuple(item for item in bundle.items if item.code in chosen)
    if not items:
        raise ValueError("choose at least one item of the bundle")
    materials: dict[str, list[tuple[str, Material]]] = {}
    fields: dict[str, list[tuple[str, FormField]]] = {}
    questions: dict[str, EligibilityQuestion] = {}
    for item in items:
        for mat in item.materials:
            materials.setdefault(mat.id, []).append((item.code, mat))
        for fld in item.fields:
            fields.setdefault(fld.id, []).append((item.code, fld))
        for question in item.eligibility:
            questions.setdefault(question.id, question)
    merged_materials = tuple(
        MergedMaterial(material=uses[0][1], needed_by=tuple(code for code, _ in uses),
                       originals=max(m.originals for _, m in uses),
                       copies=max(m.copies for _, m in uses),
                       required=any(m.required for _, m in uses),
                       deferrable=all(m.deferrable for m in _deciding(uses)),
                       commitment=all(m.commitment for m in _deciding(uses)))
        for uses in materials.values())
    merged_fields = tuple(
        MergedField(uses[0][1], tuple(code for code, _ in uses), any(f.required for _, f in uses))
        for uses in fields.values())
    devices = tuple(sorted({d for item in items for d in item.devices}))
    return MergedBundle(
        bundle=bundle, items=items, materials=merged_materials, fields=merged_fields,
        eligibility=tuple(questions.values()),
        legal_limit_days=max(item.legal_limit_days for item in items),
        promised_limit_days=max(item.promised_limit_days for item in items),
        fee_total_yuan=sum(item.fee.amount_yuan for item in items),
        fee_lines=tuple((item.code, item.fee.text) for item in items if not item.fee.free),
        visits=max(item.visits for item in items), devices=devices)
