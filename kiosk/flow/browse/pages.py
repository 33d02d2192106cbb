"""Screens of the browse journey and their page values."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.prompts import ScreenPrompt
from kiosk.i18n import Localized, Msg

CATALOG = "catalog"
GUIDE = "guide"
PRINTING = "printing"
DONE = "done"


@dataclass(frozen=True)
class Entry:
    """One row in a list of services or bundles (catalog content in every language)."""

    code: str
    title: Localized
    subtitle: Msg | Localized | None = None
    is_bundle: bool = False
    here: bool = False  # can be done at this kiosk (self-service, offered by this branch)


@dataclass(frozen=True)
class Group:
    """A browse group (a life event, a theme, a department) and its entries."""

    key: str
    title: Localized
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    """One element of a service guide, ready to show in any language."""

    key: str
    title: Localized
    lines: tuple[Localized, ...]


@dataclass(frozen=True)
class Availability:
    """Can the service be done here, now; if not, why and what to do instead."""

    ok: bool
    reasons: tuple[Localized, ...] = ()
    alternatives: tuple[Localized, ...] = ()
    here_codes: tuple[str, ...] = ()  # bundle items done at this kiosk
    elsewhere_codes: tuple[str, ...] = ()  # bundle items never done here
    elsewhere: tuple[Localized, ...] = ()  # for each of those: its name, then where and how


@dataclass(frozen=True)
class Question:
    """An eligibility question asked before the resident starts; answer is "yes", "no" or ""."""

    id: str
    text: Localized
    answer: str = ""


@dataclass(frozen=True)
class GuideView:
    """The open guide (a service or a merged bundle), its content in every language."""

    code: str
    title: Localized
    version_line: Msg
    sections: tuple[Section, ...]
    availability: Availability
    bundle_items: tuple[tuple[str, Localized, bool], ...] = ()  # (code, title, chosen)
    questions: tuple[Question, ...] = ()  # the guide's eligibility questions
    scannable: bool = False  # some material may be photographed on the document camera
    samples: tuple[tuple[Localized, str], ...] = ()  # (caption, image path) of sample documents
    language: str = "zh"  # the chrome's language when it was built (its text holds them all)
    print_blocked: Msg | None = None  # why the slip cannot print now (printer missing, no paper)
    scan_blocked: Msg | None = None  # why materials cannot be photographed now
    url: str = ""  # the online guide (the slip's QR code; shown on screen when printing fails)

    def chosen(self) -> set[str] | None:
        """The bundle items chosen (None for a single service)."""
        return {c for c, _, on in self.bundle_items if on} if self.bundle_items else None


@dataclass(frozen=True)
class CatalogPage:
    """The catalog screen: browse tabs, keyword chips, search results."""

    browse_kind: str = "life_event"
    groups: tuple[Group, ...] = ()
    hot_keywords: tuple[str, ...] = ()
    query: str = ""
    results: tuple[Entry, ...] = ()
    language: str = "zh"

    def prompt(self) -> Msg:
        """Spoken on opening: how to choose; while searching, how many services were found."""
        if self.query:
            return Msg.of("voice.catalog.results", n=len(self.results))
        return Msg("voice.screen.catalog")


@dataclass(frozen=True)
class GuidePage:
    """The guide screen."""

    guide: GuideView

    def prompt(self) -> Msg:
        """Spoken on opening: the service's name and whether it can be done here."""
        key = "voice.screen.guide" if self.guide.availability.ok else "voice.guide.not_here"
        return Msg.of(key, title=self.guide.title)


@dataclass(frozen=True)
class PrintPage:
    """The printing and done screens: where the print stands and what to tell the resident."""

    state: str  # "printing" | "done" | "failed"
    message: Msg
    url: str = ""  # the guide's address: its QR code replaces the slip when printing failed

    def prompt(self) -> ScreenPrompt:
        """The print's message, as a confirmation of the resident's tap (queued, not cutting)."""
        return ScreenPrompt(self.message, confirm=True)
