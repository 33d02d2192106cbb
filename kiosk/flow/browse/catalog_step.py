"""Catalog step: start a session, browse by kind, search, Home, and Back clearing a query."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import CATALOG, CatalogPage
from kiosk.flow.state import ATTRACT

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost


class CatalogStep:
    """Builds catalog pages from the content; remembers the browse kind for Home and Back."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.kind = "life_event"

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {bi.Start: self.start, bi.Browse: self.browse, bi.Search: self.search,
                it.Home: self.home}

    def page(self, kind: str, lang: str, query: str = "") -> CatalogPage:
        """A catalog page in lang (with results when a query is typed)."""
        content = self.host.content
        return CatalogPage(browse_kind=kind, groups=content.browse(kind, lang),
                           hot_keywords=content.hot_keywords(lang), query=query,
                           results=content.search(query, lang) if query else (), language=lang)

    def start(self, _: bi.Start) -> None:

        """Start a session on the catalog."""
        self.host.begin_session()
        self.show(remember=True)

    def show(self, remember: bool = False) -> None:
        """The catalog's start in the current language."""
        self.host.show(CATALOG, self.page(self.kind, self.host.state.language), remember=remember)

    def browse(self, intent: bi.Browse) -> None:

        """Switch the browse tab (life events, themes, departments)."""
        self.kind = intent.kind
        self.host.show(CATALOG, self.page(intent.kind, self.host.state.language))

    def search(self, intent: bi.Search) -> None:

        """Show results for what was typed."""
        page: CatalogPage = self.host.state.page
        lang = self.host.state.language
        self.host.update(replace(page, query=intent.query,
                                 results=self.host.content.search(intent.query, lang)))

    def home(self, _: it.Home) -> None:

        """Back to the catalog's start, forgetting the way here."""
        if self.host.state.screen == ATTRACT:
            return  # Home means the catalog's start, and only within a session
        self.host.reset_history()  # Back from here leaves the session, as from a fresh start
        self.show()

    def back(self, page: CatalogPage) -> bool:
        """Back on the catalog first clears a typed query."""
        if page.query:
            self.host.update(replace(page, query="", results=()))
            return True
        return False

    def refresh(self, page: CatalogPage, lang: str) -> CatalogPage:
        """The same catalog page in lang."""
        return page if page.language == lang else self.page(page.browse_kind, lang, page.query)

    def reset(self) -> None:
        """The next resident starts on the first browse tab."""
        self.kind = "life_event"
