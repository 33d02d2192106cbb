"""Guide view helpers: every element as ordered sections, and the one-time notice slip lines."""
from __future__ import annotations

from typing import Union
from urllib.parse import urlsplit

from kiosk.catalog import strings
from kiosk.catalog.bundles import MergedBundle, MergedMaterial
from kiosk.catalog.model import Material, ServiceItem
from kiosk.i18n import Translator

Section = tuple[str, str, list[str]]
# What a resident needs first (what to bring, where, when, how much, how long), then how it
# goes, and the administrative elements (codes, legal basis, type) last.
READING_ORDER = ("materials", "place", "hours", "fee", "time_limits", "conditions", "eligibility",
                 "process", "result", "modes", "channels", "services", "phones", "faq", "scope",
                 "review_standard", "implementing_body", "name", "code", "type", "legal_basis",
                 "version")
_FLAGS = ("e_certificate", "scan", "commitment", "deferrable")


def guide_url(target: Union[ServiceItem, MergedBundle]) -> str:
    """The online guide address for the slip's QR code."""
    if isinstance(target, MergedBundle):
        parts = urlsplit(target.items[0].online_url)
        return f"{parts.scheme}://{parts.netloc}/bundle/{target.bundle.id}?items={','.join(target.codes)}"
    return f"{target.online_url.rstrip('/')}/guide/{target.code}?v={target.version}"


def _days(n: int, t: Translator, lang: str) -> str:
    return t.t("catalog.days.on_the_spot", lang) if n == 0 else t.t("catalog.days.n", lang, n=n)


def material_line(mat: Material | MergedMaterial, lang: str, t: Translator | None = None,
                  *, resident: bool = False) -> str:
    """One checklist line: name, originals/copies, trust level and what may replace it.

    resident=True leaves out the trust level (A-D), an internal classification that means
    nothing on a slip a resident takes home.
    """
    t = t or strings.translator()
    base = mat.material if isinstance(mat, MergedMaterial) else mat
    line = base.name.pick(lang)
    counts = []
    if mat.originals:
        counts.append(t.t("catalog.material.originals", lang, n=mat.originals))
    if mat.copies:
        counts.append(t.t("catalog.material.copies", lang, n=mat.copies))
    if counts:
        line += "（" + "，".join(counts) + "）" if lang.startswith("zh") else f" ({', '.join(counts)})"
    flags = [] if resident else [t.t("catalog.material.trust", lang, level=base.trust_level)]
    flags += [t.t(f"catalog.material.{flag}", lang) for flag in _FLAGS
              if getattr(mat, flag, getattr(base, flag))]
    if not mat.required:
        flags.append(t.t("catalog.material.optional", lang))
    if not flags:
        return line
    return line + ("（" + "，".join(flags) + "）" if resident and lang.startswith("zh")
                   else f" ({', '.join(flags)})" if resident else f" [{' / '.join(flags)}]")


def item_marks(count: int) -> list[str]:
    """Circled numbers ①②… naming the chosen items of a bundle on a slip (no internal codes)."""
    return [chr(0x2460 + n) if n < 20 else f"({n + 1})" for n in range(count)]


def guide_sections(item: ServiceItem, lang: str, translator: Translator | None = None) -> list[Section]:
    """Every guide element in READING_ORDER: (key, title, lines)."""
    t = translator or strings.translator()
    yes_no = {True: t.t("catalog.yes", lang), False: t.t("catalog.no", lang)}
    pick = lambda text: text.pick(lang)  # noqa: E731
    materials = []
    for mat in item.materials:
        materials.append("□ " + material_line(mat, lang, t, resident=True))
        if mat.note:
            materials.append("   " + pick(mat.note))
        if mat.sample:
            materials.append("   " + t.t("catalog.material.sample", lang, sample=mat.sample))
    sections: list[tuple[str, list[str]]] = [
        ("name", [pick(item.name)]),
        ("code", [item.code]),
        ("type", [t.t(f"catalog.type.{item.item_type}", lang)]),
        ("legal_basis", [pick(b) for b in item.legal_basis]),
        ("implementing_body", [pick(item.implementing_body)]),
        ("conditions", [pick(item.conditions)]),
        ("eligibility", [f"{pick(q.question)} → {pick(q.instead)}" for q in item.eligibility]
         or [t.t("catalog.none", lang)]),
        ("time_limits", [t.t("catalog.guide.legal_limit", lang, days=_days(item.legal_limit_days, t, lang)),
                         t.t("catalog.guide.promised_limit", lang,
                             days=_days(item.promised_limit_days, t, lang))]),
        ("result", [pick(item.result_name), t.t("catalog.material.sample", lang, sample=item.result_sample),
                    " / ".join(t.t(f"catalog.delivery.{d}", lang) for d in item.result_delivery)]),
        ("fee", [pick(item.fee.text)] + ([pick(item.fee.basis)] if item.fee.basis else [])),
        ("materials", materials),
        ("process", [f"{i}. {pick(step)}" for i, step in enumerate(item.process, 1)]),
        ("modes", [" / ".join(t.t(f"catalog.mode.{m}", lang) for m in item.modes),
                   t.t("catalog.guide.visits", lang, n=item.visits)]),
        ("channels", [" / ".join(t.t(f"catalog.channel.{c}", lang) for c in item.channels)]),
        ("review_standard", [pick(item.review_standard)]),
        ("scope", [t.t(f"catalog.scope.{item.scope}", lang)]
         + ([pick(item.scope_note)] if item.scope_note else [])),
        ("services", [t.t("catalog.guide.appointment", lang, v=yes_no[item.appointment]),
                      t.t("catalog.guide.online_payment", lang, v=yes_no[item.online_payment]),
                      t.t("catalog.guide.courier", lang, v=yes_no[item.courier])]),
        ("place", [pick(item.place)]),
        ("hours", [t.t("catalog.guide.window_hours", lang, hours=pick(item.window_hours.describe())),
                   t.t("catalog.guide.self_service_hours", lang,
                       hours=pick(item.self_service_hours.describe()))]),
        ("phones", [t.t("catalog.guide.enquiry", lang, phone=item.enquiry_phone),
                    t.t("catalog.guide.supervision", lang, phone=item.supervision_phone)]),
        ("faq", [line for f in item.faq for line in (f"Q: {pick(f.question)}", f"A: {pick(f.answer)}")]
         or [t.t("catalog.none", lang)]),
        ("version", [t.t("catalog.guide.version_line", lang, version=item.version,
                         date=item.updated.isoformat())]
         + ([t.t("catalog.sample_data", lang)] if item.sample_data else [])),
    ]
    by_key = dict(sections)
    return [(key, t.t(f"catalog.guide.{key}", lang), by_key[key]) for key in READING_ORDER]


def notice_slip_lines(target: Union[ServiceItem, MergedBundle], lang: str,
                      translator: Translator | None = None, issued_by: str = "") -> list[str]:
    """The one-time notice (一次性告知单): exactly what to bring, limits, where, version, QR link.

    Written for the resident: item names instead of internal codes, no trust levels, where it
    was printed (issued_by: branch / kiosk) and the 12345 hotline.
    """
    t = translator or strings.translator()
    merged = isinstance(target, MergedBundle)
    materials = target.materials
    lines = [t.t("catalog.slip.title", lang), target.name.pick(lang)]
    marks = dict(zip(target.codes, item_marks(len(target.items)))) if merged else {}
    if merged:
        lines += [f"{marks[i.code]} {i.name.pick(lang)}" for i in target.items]

    def used_by(mat) -> str:
        """Which chosen items need this material (bundles only, when not all of them)."""
        if not merged or len(mat.needed_by) == len(target.items):
            return ""
        note = t.t("catalog.slip.for_items", lang, items="".join(marks[c] for c in mat.needed_by))
        return note if lang.startswith("zh") else " " + note

    groups = (("bring", lambda m: m.must_bring), ("fetched", lambda m: m.required and (
        (m.material if merged else m).e_certificate)), ("commitment", lambda m: m.required and m.commitment
        and not (m.material if merged else m).e_certificate), ("optional", lambda m: not m.required))
    for key, wanted in groups:
        chosen = [m for m in materials if wanted(m)]
        if chosen:
            lines.append(t.t(f"catalog.slip.{key}", lang))
            lines += [f"{n}. {material_line(m, lang, t, resident=True)}{used_by(m)}"
                      for n, m in enumerate(chosen, 1)]
    deferrable = [m for m in materials if m.must_bring and m.deferrable]
    if deferrable:
        names = ("、" if lang.startswith("zh") else ", ").join(
            (m.material if merged else m).name.pick(lang) for m in deferrable)
        lines.append(t.t("catalog.slip.deferrable", lang, names=names))
    lines.append(t.t("catalog.guide.promised_limit", lang, days=_days(target.promised_limit_days, t, lang)))
    if merged:
        lines.append(t.t("catalog.slip.fee", lang, fee=target.fee_summary(marks).pick(lang)))
        lines.append(t.t("catalog.slip.hotline", lang, phone=target.bundle.hotline))
    else:
        lines.append(t.t("catalog.slip.fee", lang, fee=target.fee.text.pick(lang)))
        lines.append(t.t("catalog.slip.place", lang, place=target.place.pick(lang),
                         hours=target.window_hours.describe().pick(lang)))
        lines.append(t.t("catalog.guide.enquiry", lang, phone=target.enquiry_phone))
        lines.append(t.t("catalog.slip.help", lang))
    if issued_by:
        lines.append(t.t("catalog.slip.issued_by", lang, place=issued_by))
    source = target.bundle if merged else target
    if not merged:  # the official item code, labelled, for the window staff
        lines.append(t.t("catalog.slip.code", lang, code=target.code))
    lines.append(t.t("catalog.guide.version_line", lang, version=source.version,
                     date=source.updated.isoformat()))
    lines.append(t.t("catalog.slip.qr", lang))
    lines.append(guide_url(target))  # its own line: wrapped only at / ? & = , marks
    if source.sample_data:
        lines.append(t.t("catalog.sample_data", lang))
    return lines
