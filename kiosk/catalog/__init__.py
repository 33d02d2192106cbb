"""Service catalog: validated service guides, one-thing bundles, search and availability.

Public API (pure Python, no Kivy):

    from kiosk.catalog import load_catalog, Catalog
    catalog, problems = load_catalog("config/services", "config/bundles")
        # problems: list[Problem(file, path, reason)], e.g. path "materials[2].trust_level";
        # broken files are skipped, the rest loads; never raises for bad content.
    catalog.items / catalog.bundles          # dict code -> ServiceItem, id -> Bundle (frozen)
    catalog.get(code), catalog.get_bundle(bundle_id)   # or None
    catalog.browse(kind, lang)               # kind: "life_event" | "theme" | "department"
        # -> [(group_key, label, [Bundle | ServiceItem, ...]), ...]
    catalog.search(query, lang, limit=20)    # -> [SearchResult(entry, score, how)], best first;
        # Chinese, full pinyin, initials ("sbjf"), English, synonyms, one typo; items and bundles.
    merge_bundle(bundle, chosen_codes=None)  # -> MergedBundle: materials/fields once each,
        # max time limits, fee_summary(); chosen_codes must be a subset of bundle.item_codes.
    check(item, device_status, now, branch_offers, branch_hours, answers)
        # -> Availability(ok, reasons=((code, Text), ...), alternatives=Text, unanswered, next_open)
        # codes: not_self_service, not_offered, device_missing, device_unavailable,
        #        service_closed, branch_closed, ineligible.
    guide_sections(item, lang, translator=None)  # -> [(key, title, [lines])], every element
    notice_slip_lines(item_or_merged_bundle, lang)  # 一次性告知单 lines; guide_url() for its QR
    WeeklyHours.parse("Mon-Fri 09:00-17:00; Sat 09:00-12:00" | "24h").is_open(dt) / .next_open(dt)

Localized content is `Text(zh, en)`, a read-only mapping usable with kiosk.i18n.pick or .pick(lang).
"""
from kiosk.catalog.availability import Availability, check
from kiosk.catalog.bundles import MergedBundle, MergedField, MergedMaterial, merge_bundle
from kiosk.catalog.catalog import Catalog
from kiosk.catalog.guide import guide_sections, guide_url, material_line, notice_slip_lines
from kiosk.catalog.hours import HoursError, OpeningStatus, WeeklyHours, opening_status
from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import (Bundle, Department, EligibilityQuestion, Fee, FormField, Material,
                                 Problem, ServiceItem)
from kiosk.catalog.search import SearchResult
from kiosk.catalog.text import Text

__all__ = [
    "Availability", "Bundle", "Catalog", "Department", "EligibilityQuestion", "Fee", "FormField",
    "HoursError", "Material", "MergedBundle", "MergedField", "MergedMaterial", "OpeningStatus",
    "Problem", "SearchResult", "ServiceItem", "Text", "WeeklyHours", "check", "guide_sections",
    "guide_url", "load_catalog", "material_line", "merge_bundle", "notice_slip_lines",
    "opening_status",
]
