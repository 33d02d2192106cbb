"""Catalog screen: browse by life event, theme or department; search with the on-screen keyboard."""
from __future__ import annotations

from kivy.uix.screenmanager import Screen

from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import CatalogPage
from kiosk.flow.state import Chrome
from screens.widgets import BigButton, send, tr

BROWSE_KINDS = ("life_event", "theme", "department")


class CatalogScreen(Screen):
    """Lists services and bundles; shows search results while a query is typed."""

    def on_kv_post(self, base_widget) -> None:
        self._tabs: dict[str, BigButton] = {}
        for kind in BROWSE_KINDS:
            btn = BigButton(role="plain")
            btn.bind(on_release=lambda _b, k=kind: send(bi.Browse(k)))
            self._tabs[kind] = btn
            self.ids.tabs.add_widget(btn)

    def toggle_keyboard(self) -> None:
        self.ids.keyboard.shown = not self.ids.keyboard.shown

    def clear_query(self) -> None:
        send(bi.Search(""))

    def render(self, state: CatalogPage, chrome: Chrome) -> None:
        """Tabs, the search line and the list."""
        for kind, btn in self._tabs.items():
            btn.text = tr(f"browse.{kind}")
            btn.role = "primary" if kind == state.browse_kind else "plain"
        kb = self.ids.keyboard
        kb.query = state.query
        kb.relabel()
        self._render_chips(state)
        self.ids.search_box.text = (state.query + "|") if state.query else tr("search.placeholder")
        self.ids.clear_button.text = tr("search.clear")
        # Kivy's disabled state costs a slow first texture render; dim instead of disabling.
        self.ids.clear_button.opacity = 1 if state.query else 0.4
        if state.query:
            rows = [{"viewclass": "GroupRow", "text": tr("search.results", n=len(state.results)),
                     "code": "", "is_bundle": False}]
            rows += [self._entry(e) for e in state.results]
            if not state.results:
                rows.append({"viewclass": "GroupRow", "text": tr("search.none"), "code": "",
                             "is_bundle": False})
        else:
            rows = []
            for group in state.groups:
                rows.append({"viewclass": "GroupRow", "text": group.title, "code": group.key,
                             "is_bundle": False})
                rows += [self._entry(e) for e in group.entries]
        self.ids.entries.data = rows

    def _render_chips(self, state: CatalogPage) -> None:
        """Common words (社保, 医保, ...) to tap: search by Chinese keyword without typing."""
        words = () if state.query else state.hot_keywords
        if getattr(self, "_chip_words", None) == words:
            return
        self._chip_words = words
        box = self.ids.chips
        box.clear_widgets()
        for word in words:
            btn = BigButton(text=word, role="accent", size_hint=(None, None))
            btn.text_size = (None, None)  # measure on one line; the kv rule re-wraps after
            btn.texture_update()
            btn.width = max(120, btn.texture_size[0] + 48)
            btn.keyword = word
            btn.bind(on_release=lambda _b, w=word: send(bi.Search(w)))
            box.add_widget(btn)

    @staticmethod
    def _entry(entry) -> dict:
        label = entry.title
        if entry.is_bundle:
            label = f"[b]{tr('bundle.badge')}[/b] {label}"
        if entry.subtitle:
            label += f"\n[size=22]{entry.subtitle}[/size]"
        return {"viewclass": "EntryRow", "text": label, "code": entry.code,
                "is_bundle": entry.is_bundle}
