"""Guide sections of a merged one-thing bundle: one list, one form, one time limit, one fee line."""
from __future__ import annotations

from kiosk.catalog import MergedBundle, material_line
from kiosk.flow.browse.pages import Section
from kiosk.i18n import Translator


# what the resident needs first; the form's fields (asked later, when applying) last
READING_ORDER = ("description", "materials", "fees", "time_limit", "visits", "hotline", "items",
                 "form")


def bundle_sections(merged: MergedBundle, lang: str, tr: Translator) -> tuple[Section, ...]:
    """Ordered sections for the merged bundle the resident chose."""
    names = {item.code: item.name.pick(lang) for item in merged.items}
    materials = []
    for mat in merged.materials:
        users = "、".join(names[c] for c in mat.needed_by) if lang.startswith("zh") else \
            ", ".join(names[c] for c in mat.needed_by)
        materials.append("□ " + material_line(mat, lang, tr, resident=True))
        materials.append("   " + tr.t("bundle.needed_by", lang, items=users))
    fields = [f"• {f.field.label.pick(lang)}" + ("" if f.required else tr.t("bundle.optional", lang))
              for f in merged.fields]
    days = merged.promised_limit_days
    limit = tr.t("bundle.on_the_spot", lang) if days == 0 else tr.t("bundle.days", lang, n=days)
    sections = (
        Section("description", tr.t("bundle.section.description", lang),
                (merged.bundle.description.pick(lang),)),
        Section("items", tr.t("bundle.section.items", lang),
                tuple(f"{i}. {item.name.pick(lang)}（{item.department.name.pick(lang)}）"
                      if lang.startswith("zh") else f"{i}. {item.name.pick(lang)} ({item.department.name.pick(lang)})"
                      for i, item in enumerate(merged.items, 1))),
        Section("materials", tr.t("bundle.section.materials", lang), tuple(materials)),
        Section("form", tr.t("bundle.section.form", lang), tuple(fields)),
        Section("time_limit", tr.t("bundle.section.time_limit", lang), (limit,)),
        Section("fees", tr.t("bundle.section.fees", lang), (merged.fee_summary().pick(lang),)),
        Section("visits", tr.t("bundle.section.visits", lang),
                (tr.t("bundle.visits", lang, n=merged.visits),)),
        Section("hotline", tr.t("bundle.section.hotline", lang), (merged.bundle.hotline,)),
    )
    by_key = {section.key: section for section in sections}
    return tuple(by_key[key] for key in READING_ORDER)
