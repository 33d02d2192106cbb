"""Turns catalog objects into the flow's view data (entries, groups, guides, notice slips)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk import catalog as cat
from kiosk.config.model import Profile
from kiosk.flow.browse.bundle_sections import bundle_sections
from kiosk.flow.browse.pages import Availability, Entry, GuideView, Group, Question, Section
from kiosk.i18n import Msg, Translator
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
        from kiosk.catalog.search import load_synonyms
        self._synonyms = load_synonyms()
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

    def _entry(self, obj: Any, lang: str) -> Entry:
        is_bundle = isinstance(obj, cat.Bundle)
        code = obj.id if is_bundle else obj.code
        if is_bundle:  # the item names are on the guide; a list row stays short
            subtitle = self.tr.t("catalog.bundle_subtitle", lang, n=len(obj.items))
        else:
            subtitle = obj.department.name.pick(lang)
        return Entry(code=code, title=obj.name.pick(lang), subtitle=subtitle, is_bundle=is_bundle,
                     here=self.done_here(obj))

    def done_here(self, obj: Any) -> bool:
        """True when it can be done at this kiosk (every item, for a bundle) at some time."""
        items = obj.items if isinstance(obj, cat.Bundle) else (obj,)
        return self._offered(obj) and bool(items) and all(
            "kiosk" in i.channels and self._offered(i)
            and any(i.self_service_hours.week) for i in items)

    def _offered(self, obj: Any) -> bool:
        return self.offered is None or (obj.id if isinstance(obj, cat.Bundle) else obj.code) \
            in self.offered

    def browse(self, kind: str, lang: str) -> tuple[Group, ...]:
        """Groups of entries offered at this branch."""
        groups = []
        for key, label, members in self.catalog.browse(kind, lang):
            entries = tuple(self._entry(m, lang) for m in members if self._offered(m))
            if entries:
                groups.append(Group(key, label, entries))
        return tuple(groups)

    def hot_keywords(self, lang: str, limit: int = 8) -> tuple[str, ...]:
        """Words to tap instead of typing: the first word of each synonym group in lang, only
        when it finds something this branch offers (no chip leads to an empty list)."""
        cached = self._hot.get(lang)
        if cached is None:
            words = [g[0] for g in self._synonyms if g and (g[0].isascii() == (lang == "en"))]
            cached = tuple(w for w in words if any(
                self._offered(hit.entry) for hit in self.catalog.search(w, lang, 20)))[:limit]
            self._hot[lang] = cached
        return cached

    def search(self, query: str, lang: str) -> tuple[Entry, ...]:
        """Ranked entries for what was typed (not offered here still shows, marked unavailable)."""
        if not query.strip():
            return ()
        return tuple(self._entry(hit.entry, lang) for hit in self.catalog.search(query, lang, 20))

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

    def _availability(self, item: Any, statuses: Mapping[str, DeviceStatus], lang: str,
                      answers: Mapping[str, str]) -> Availability:
        result = cat.check(item, statuses, self.now(), self.offered, self.branch_hours, answers)
        alternatives = result.alternatives.pick(lang) if not result.ok else ""
        return Availability(ok=result.ok,
                            reasons=tuple(message.pick(lang) for _, message in result.reasons),
                            alternatives=tuple(x for x in alternatives.splitlines() if x.strip()))

    def _sections(self, obj: Any, lang: str) -> tuple[Section, ...]:
        if isinstance(obj, cat.MergedBundle):
            return bundle_sections(obj, lang, self.tr)
        return tuple(Section(key, title, tuple(lines))
                     for key, title, lines in cat.guide_sections(obj, lang, self.tr))

    def _samples(self, pairs: Iterable[tuple[Any, str]], lang: str) -> tuple[tuple[str, str], ...]:
        """(caption, absolute path) for each sample image that exists, each once."""
        out: dict[str, str] = {}
        for name, rel in pairs:
            path = self.sample_files.get(rel)
            if path is not None and path not in out:
                out[path] = name.pick(lang)
        return tuple((caption, path) for path, caption in out.items())

    @staticmethod
    def _version(obj: Any) -> Msg:
        return Msg.of("guide.version", version=obj.version, date=obj.updated.isoformat())

    @staticmethod
    def _questions(questions: Iterable[Any], lang: str,
                   answers: Mapping[str, str]) -> tuple[Question, ...]:
        seen: dict[str, Question] = {}
        for q in questions:
            seen.setdefault(q.id, Question(q.id, q.question.pick(lang), answers.get(q.id, "")))
        return tuple(seen.values())

    def guide(self, code: str, lang: str, statuses: Mapping[str, DeviceStatus],
              answers: Mapping[str, str] | None = None) -> GuideView | None:
        """The guide of one item, with its availability here and now."""
        item = self.catalog.get(code)
        if item is None:
            return None
        answers = answers or {}
        return GuideView(code=code, title=item.name.pick(lang), version_line=self._version(item),
                         language=lang,
                         sections=self._sections(item, lang),
                         availability=self._availability(item, statuses, lang, answers),
                         questions=self._questions(item.eligibility, lang, answers),
                         scannable=any(m.scan for m in item.materials),
                         samples=self._samples([(m.name, m.sample) for m in item.materials]
                                               + [(item.result_name, item.result_sample)], lang),
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
        checked = [(i, self._availability(i, statuses, lang, answers))
                   for i in bundle.items if i.code in codes]
        ok = all(a.ok for _, a in checked)
        sep = "：" if lang == "zh" else ": "  # each reason names its item, and comes once
        reasons = dict.fromkeys(f"{i.name.pick(lang)}{sep}{r}" for i, a in checked for r in a.reasons)
        availability = Availability(ok, tuple(reasons), tuple(dict.fromkeys(
            x for _, a in checked for x in a.alternatives)))
        return GuideView(
            code=bundle_id, title=bundle.name.pick(lang), version_line=self._version(bundle),
            language=lang,
            sections=self._sections(merged, lang), availability=availability,
            bundle_items=tuple((i.code, i.name.pick(lang), i.code in codes) for i in bundle.items),
            questions=self._questions(merged.eligibility, lang, answers),
            scannable=any(m.material.scan for m in merged.materials),
            samples=self._samples([(m.material.name, m.material.sample) for m in merged.materials]
                                  + [(i.result_name, i.result_sample) for i in merged.items], lang),
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
