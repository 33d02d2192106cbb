"""Turns catalog objects into the flow's view data (entries, groups, guides, notice slips).

Catalog text reaches pages as `Localized` values holding every language (issue 8.2): the screens
pick the resident's language when they render, so a language change needs no rebuild of a guide.
Only what depends on the language by nature (search results, keyword chips) is built per language.
Pages are built in every language from parts whose conversion (zh-Hant) is cached; the catalog's
text is converted once at start-up on a background thread, so opening a guide converts little.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk import catalog as cat
from kiosk.config.model import Profile
from kiosk.flow.browse.bundle_availability import bundle_availability
from kiosk.flow.browse.bundle_sections import bundle_sections
from kiosk.flow.browse.localized_lines import lines
from kiosk.flow.browse.pages import Availability, Entry, GuideView, Group, Question, Section
from kiosk.i18n import LANGUAGES, Localized, Msg, Translator
from kiosk.i18n_convert import to_simplified, warm_up
from kiosk.languages import language as language_info
from kiosk.slips import notice_slip_bytes


class CatalogContent:
    """Read-only view of the catalog for one branch profile."""

    def __init__(self, catalog: Any, problems: Iterable[Any], translator: Translator,
                 profile: Profile, now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.catalog = catalog
        self.problems = list(problems)
        self.tr = translator
        self.profile = profile
        self.now = now
        root = Path(__file__).resolve().parents[3]  # sample paths are relative to the repo
        # Looked up once here, so opening a guide never touches the disk on the UI thread.
        named = {m.sample for i in catalog.items.values() for m in i.materials if m.sample} | \
            {i.result_sample for i in catalog.items.values() if i.result_sample}
        self.sample_files = {rel: str(root / rel) for rel in named if (root / rel).is_file()}
        self.branch_hours = cat.WeeklyHours.parse(profile.opening_hours)
        # a background thread: zh-Hant content and UI strings ready when first asked for
        warm_up(_catalog_chinese(catalog) + [texts.get("zh", "") for texts in
                                             translator.strings.values()])
        from kiosk.catalog.search import load_synonyms
        self._synonyms = load_synonyms()
        self._sections_of: dict[int, tuple[Any, tuple[Section, ...]]] = {}  # per service item
        self._hot: dict[str, tuple[str, ...]] = {}  # keyword chips per language, found once  # read once: the catalog screen must not touch the disk
        self.offered: set[str] | None = None  # None: everything
        if profile.services is not None:  # a bundle on offer brings its items with it
            self.offered = set(profile.services)
            for code in profile.services:
                bundle = catalog.get_bundle(code)
                if bundle is not None:
                    self.offered.update(bundle.item_codes)

    def notice(self) -> Msg | None:
        """A line for staff and residents when some guide files could not be loaded."""
        return Msg.of("catalog.broken", n=len(self.problems)) if self.problems else None

    def _entry(self, obj: Any) -> Entry:
        is_bundle = isinstance(obj, cat.Bundle)
        code = obj.id if is_bundle else obj.code
        if is_bundle:  # the item names are on the guide; a list row stays short
            subtitle: Msg | Localized = Msg.of("catalog.bundle_subtitle", n=len(obj.items))
        else:
            subtitle = Localized.of(obj.department.name)
        return Entry(code=code, title=Localized.of(obj.name), subtitle=subtitle,
                     is_bundle=is_bundle, here=self.done_here(obj))

    def done_here(self, obj: Any) -> bool:
        """True when it can be done at this kiosk at some time (some item of a bundle, the rest elsewhere)."""
        items = obj.items if isinstance(obj, cat.Bundle) else (obj,)
        # a bundle is applied for here when some item is: the others are done elsewhere
        done = any if isinstance(obj, cat.Bundle) else all
        return self._offered(obj) and bool(items) and done(
            "kiosk" in i.channels and self._offered(i)
            and any(i.self_service_hours.week) for i in items)

    def _offered(self, obj: Any) -> bool:
        return self.offered is None or (obj.id if isinstance(obj, cat.Bundle) else obj.code) \
            in self.offered

    def browse(self, kind: str, lang: str = "zh") -> tuple[Group, ...]:
        """Groups of entries offered at this branch (their text in every language)."""
        del lang  # the screen picks the language
        labels = {code: {key: label for key, label, _ in self.catalog.browse(kind, code)}
                  for code in LANGUAGES}
        groups = []
        for key, _, members in self.catalog.browse(kind, "zh"):
            entries = tuple(self._entry(m) for m in members if self._offered(m))
            if entries:
                title = Localized.of({code: labels[code][key] for code in LANGUAGES})
                groups.append(Group(key, title, entries))
        return tuple(groups)

    def hot_keywords(self, lang: str, limit: int = 8) -> tuple[str, ...]:
        """Words to tap instead of typing: the first word of each synonym group in lang, only
        when it finds something this branch offers (no chip leads to an empty list)."""
        cached = self._hot.get(lang)
        if cached is None:
            words = [g[0] for g in self._synonyms if g and (g[0].isascii() == (lang == "en"))]
            cached = tuple(w for w in words if any(
                self._offered(hit.entry) for hit in self.catalog.search(w, lang, 20)))[:limit]
            if language_info(lang).convert:  # zh-Hant shows the Chinese words converted
                cached = tuple(Localized.of({"zh": w}).pick(lang) for w in cached)
            self._hot[lang] = cached
        return cached

    def search(self, query: str, lang: str) -> tuple[Entry, ...]:
        """Ranked entries for what was typed (not offered here still shows, marked unavailable)."""
        if not query.strip():
            return ()
        # the index holds Simplified Chinese: Traditional characters typed (or a zh-Hant chip) are
        # normalised to it in every language, so 社會保險 finds what 社会保险 finds
        query = to_simplified(query)
        return tuple(self._entry(hit.entry) for hit in self.catalog.search(query, lang, 20))

    @staticmethod
    def device_blocked(device: str, statuses: Mapping[str, DeviceStatus]) -> Msg | None:
        """Why `device` cannot work now (missing, offline, out of paper), or None when it can."""
        status = statuses.get(device)
        if status is None or status.state is DeviceState.NO_DEVICE:
            return Msg.of("device.blocked.missing", device=Msg(f"device.{device}"))
        if device == "printer" and status.media in (MediaState.PAPER_OUT, MediaState.JAMMED):
            return Msg(f"print.error.{status.media.value}") \
                if status.media is MediaState.PAPER_OUT else Msg("print.error.other")
        if not status.usable:
            return Msg.of("device.blocked.down", device=Msg(f"device.{device}"))
        return None

    def _availability(self, item: Any, statuses: Mapping[str, DeviceStatus],
                      answers: Mapping[str, str]) -> Availability:
        result = cat.check(item, statuses, self.now(), self.offered, self.branch_hours, answers)
        alternatives: tuple[Localized, ...] = ()
        if not result.ok:
            alternatives = lines({code: [x for x in result.alternatives.pick(code).splitlines()
                                          if x.strip()] for code in LANGUAGES})
        return Availability(ok=result.ok,
                            reasons=tuple(Localized.of(message) for _, message in result.reasons),
                            alternatives=alternatives)

    def _sections(self, obj: Any) -> tuple[Section, ...]:
        """Sections built once per language, zipped by section key; a service item's are kept
        (its text never changes), so opening a guide again costs the UI thread nothing here."""
        kept = self._sections_of.get(id(obj))
        if kept is not None and kept[0] is obj:
            return kept[1]
        sections = self._build_sections(obj)
        if not isinstance(obj, cat.MergedBundle):  # merged anew for each choice of items
            self._sections_of[id(obj)] = (obj, sections)  # obj kept alive: its id is not reused
        return sections

    def _build_sections(self, obj: Any) -> tuple[Section, ...]:
        built = {}
        for code in LANGUAGES:
            if isinstance(obj, cat.MergedBundle):
                built[code] = [(s.key, s.title, s.lines)
                               for s in bundle_sections(obj, code, self.tr)]
            else:
                built[code] = [(k, title, lines)
                               for k, title, lines in cat.guide_sections(obj, code, self.tr)]
        first = built[LANGUAGES[0]]
        by_lang = {code: {k: (title, lines) for k, title, lines in rows}
                   for code, rows in built.items()}
        return tuple(Section(key, Localized.of({c: by_lang[c][key][0] for c in by_lang}),
                             lines({c: list(by_lang[c][key][1]) for c in by_lang}))
                     for key, _, _ in first)

    def _samples(self, pairs: Iterable[tuple[Any, str]]) -> tuple[tuple[Localized, str], ...]:
        """(caption, absolute path) for each sample image that exists, each once."""
        out: dict[str, Localized] = {}
        for name, rel in pairs:
            path = self.sample_files.get(rel)
            if path is not None and path not in out:
                out[path] = Localized.of(name)
        return tuple((caption, path) for path, caption in out.items())

    @staticmethod
    def _version(obj: Any) -> Msg:
        return Msg.of("guide.version", version=obj.version, date=obj.updated.isoformat())

    @staticmethod
    def _questions(questions: Iterable[Any],
                   answers: Mapping[str, str]) -> tuple[Question, ...]:
        seen: dict[str, Question] = {}
        for q in questions:
            seen.setdefault(q.id, Question(q.id, Localized.of(q.question), answers.get(q.id, "")))
        return tuple(seen.values())

    def guide(self, code: str, lang: str, statuses: Mapping[str, DeviceStatus],
              answers: Mapping[str, str] | None = None) -> GuideView | None:
        """The guide of one item, with its availability here and now."""
        item = self.catalog.get(code)
        if item is None:
            return None
        answers = answers or {}
        return GuideView(code=code, title=Localized.of(item.name),
                         version_line=self._version(item), language=lang,
                         sections=self._sections(item),
                         availability=self._availability(item, statuses, answers),
                         questions=self._questions(item.eligibility, answers),
                         scannable=any(m.scan for m in item.materials),
                         samples=self._samples([(m.name, m.sample) for m in item.materials]
                                               + [(item.result_name, item.result_sample)]),
                         print_blocked=self.device_blocked("printer", statuses),
                         scan_blocked=self.device_blocked("document_camera", statuses),
                         url=cat.guide_url(item))

    def bundle_guide(self, bundle_id: str, chosen: set[str] | None, lang: str,
                     statuses: Mapping[str, DeviceStatus],
                     answers: Mapping[str, str] | None = None) -> GuideView | None:
        """A bundle's merged guide for the chosen items (all when chosen is None)."""
        bundle = self.catalog.get_bundle(bundle_id)
        if bundle is None:
            return None
        codes = [i.code for i in bundle.items if chosen is None or i.code in chosen]
        merged = cat.merge_bundle(bundle, codes)
        answers = answers or {}
        checked = [(i, cat.check(i, statuses, self.now(), self.offered, self.branch_hours, answers))
                   for i in bundle.items if i.code in codes]
        availability = bundle_availability(checked)
        return GuideView(
            code=bundle_id, title=Localized.of(bundle.name), version_line=self._version(bundle),
            language=lang,
            sections=self._sections(merged), availability=availability,
            bundle_items=tuple((i.code, Localized.of(i.name), i.code in codes)
                               for i in bundle.items),
            questions=self._questions(merged.eligibility, answers),
            scannable=any(m.material.scan for m in merged.materials),
            samples=self._samples([(m.material.name, m.material.sample) for m in merged.materials]
                                  + [(i.result_name, i.result_sample) for i in merged.items]),
            print_blocked=self.device_blocked("printer", statuses),
            scan_blocked=self.device_blocked("document_camera", statuses),
            url=cat.guide_url(merged))

    def notice_slip(self, guide: GuideView, lang: str, large: bool = False) -> bytes:
        """ESC/POS bytes of the one-time notice slip for the guide on screen (large print in elder mode)."""
        if guide.bundle_items:
            bundle = self.catalog.get_bundle(guide.code)
            subject = cat.merge_bundle(bundle, [c for c, _, on in guide.bundle_items if on])
        else:
            subject = self.catalog.get(guide.code)
        return notice_slip_bytes(subject, lang, self.tr, issued_by=self.profile.name[lang],
                                 large=large)


def _catalog_chinese(catalog: Any) -> list[str]:
    """The Chinese text of every catalog object (items, bundles, departments), each once."""
    found: dict[str, None] = {}
    seen: set[int] = set()

    def visit(value: Any, depth: int) -> None:
        if depth > 8 or id(value) in seen or isinstance(value, (str, int, float, bool, bytes)):
            return
        seen.add(id(value))
        if isinstance(value, cat.Text):
            found[value.zh] = None
        elif isinstance(value, Mapping):
            for v in value.values():
                visit(v, depth + 1)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                visit(v, depth + 1)
        elif is_dataclass(value):
            for f in fields(value):
                visit(getattr(value, f.name, None), depth + 1)

    visit(list(catalog.items.values()) + list(catalog.bundles.values()), 0)
    return list(found)
