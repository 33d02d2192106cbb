"""Catalog screen: browse by life event, theme or department; search with the on-screen keyboard."""
from __future__ import annotations

from kivy.app import App
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.uix.screenmanager import Screen
from kivy.utils import escape_markup, get_hex_from_color

from kiosk import linebreak
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import CatalogPage
from kiosk.flow.state import Chrome
from screens.selection import marked
from screens.widgets import BigButton, say, send, tr
from screens.fonts import current_font_file
from screens.wrap_label import char_width

BROWSE_KINDS = ("life_event", "theme", "department")


class CatalogScreen(Screen):
    """Lists services and bundles; shows search results while a query is typed."""

    def on_kv_post(self, base_widget) -> None:
        self._tabs: dict[str, BigButton] = {}
        for kind in BROWSE_KINDS:
            btn = Factory.CompactButton(role="plain")
            btn.bind(on_release=lambda _b, k=kind: send(bi.Browse(k)))
            self._tabs[kind] = btn
            self.ids.tabs.add_widget(btn)
        self.ids.entries.bind(width=self._remeasure)

    def _list_width(self) -> float:
        """The list's width, or the window's before the first layout."""
        width = self.ids.entries.width
        return width if width > 200 else Window.width - 2 * App.get_running_app().theme.spacing

    def toggle_keyboard(self) -> None:
        self.ids.keyboard.shown = not self.ids.keyboard.shown

    def clear_query(self) -> None:
        send(bi.Search(""))

    def render(self, state: CatalogPage, chrome: Chrome) -> None:
        """Tabs, the search line and the list."""
        for kind, btn in self._tabs.items():
            btn.text = marked(tr(f"browse.{kind}"), kind == state.browse_kind)
            btn.role = "primary" if kind == state.browse_kind else "plain"
        kb = self.ids.keyboard
        kb.query = state.query
        kb.relabel()
        self._render_chips(state)
        self.ids.search_box.text = (state.query + "|") if state.query else tr("search.placeholder")
        self.ids.clear_button.text = tr("search.clear")
        self.ids.clear_button.width = _one_line_width(tr("search.clear"))  # never "Clea / r"
        # Kivy's disabled state costs a slow first texture render; dim instead of disabling.
        self.ids.clear_button.opacity = 1 if state.query else 0.4
        width = self._list_width()
        app = App.get_running_app()
        key = (state.query, state.results, state.groups, app.language, app.theme, width)
        if key == getattr(self, "_rows_key", None):
            return  # Back to the same list: no rows re-measured, no views refreshed
        self._rows_key = key
        if state.query:
            rows = [{"viewclass": "GroupRow", "text": tr("search.results", n=len(state.results)),
                     "code": "", "is_bundle": False}]
            rows += [self._entry(e, width) for e in state.results]
            if not state.results:
                rows.append({"viewclass": "GroupRow", "text": tr("search.none"), "code": "",
                             "is_bundle": False})
        else:
            rows = []
            for group in state.groups:
                rows.append({"viewclass": "GroupRow", "text": say(group.title), "code": group.key,
                             "is_bundle": False})
                rows += [self._entry(e, width) for e in group.entries]
        self.ids.entries.data = rows

    def _render_chips(self, state: CatalogPage) -> None:
        """Common words (社保, 医保, ...) to tap: search by Chinese keyword without typing."""
        words = () if state.query else state.hot_keywords
        key = (words, App.get_running_app().theme)  # elder mode: re-measure the chips
        if getattr(self, "_chip_words", None) == key:
            return
        self._chip_words = key
        box = self.ids.chips
        box.clear_widgets()
        for word in words:
            btn = Factory.CompactButton(text=word, role="accent", size_hint=(None, None),
                                        width=_one_line_width(word))
            btn.keyword = word
            btn.bind(on_release=lambda _b, w=word: send(bi.Search(w)))
            box.add_widget(btn)

    def _remeasure(self, *_args) -> None:
        """Row heights depend on the list's width: re-measure when it changes."""
        data = self.ids.entries.data
        if data:
            width = self._list_width()
            self.ids.entries.data = [dict(d, row_size=(width, _row_height(d["plain"], width)))
                                     if "plain" in d else d for d in data]

    @staticmethod
    def _entry(entry, width: float) -> dict:
        theme = App.get_running_app().theme
        entry_title, subtitle = say(entry.title), say(entry.subtitle)  # the language shown now
        label = escape_markup(entry_title)
        if entry.is_bundle:
            label = f"[b]{escape_markup(tr('bundle.badge'))}[/b] {label}"
        if entry.here:  # the primary colour is dark enough for text on white (>= 4.5:1)
            label += f"  [b][color={get_hex_from_color(theme.primary)}]{tr('catalog.here')}[/color][/b]"
        if subtitle:  # grows with the theme (elder mode), never a fixed pixel size
            label += f"\n[size={theme.small_px}]{escape_markup(subtitle)}[/size]"
        title = (tr("bundle.badge") + " " if entry.is_bundle else "") + entry_title + \
            ("  " + tr("catalog.here") if entry.here else "")
        plain = ((title, False), (subtitle, True))
        return {"viewclass": "EntryRow", "text": label, "code": entry.code,
                "is_bundle": entry.is_bundle, "plain": plain,
                "row_size": (width, _row_height(plain, width))}


def _one_line_width(word: str) -> float:
    """A button width that keeps word on one line, with the kv rule's side padding."""
    theme = App.get_running_app().theme
    font = current_font_file()
    one_line = sum(char_width(font, theme.body_px, False, ch) for ch in word)
    return max(120, one_line / 0.9 + 2 * theme.spacing + 8)


def _row_height(parts, width: float) -> float:
    """Height a row needs for its title and subtitle wrapped at width (rows grow with text)."""
    theme = App.get_running_app().theme
    avail = max(40.0, width - theme.spacing * 2)
    height = theme.spacing * 1.5
    for text, small in parts:
        if text:
            size = theme.small_px if small else theme.body_px
            measure = lambda ch, s=size, f=current_font_file(): char_width(f, s, False, ch)  # noqa: E731
            height += len(linebreak.wrap(text, avail * 0.95, measure)) * size * 1.3
    return max(theme.button_h * 0.8, height)
