"""Guide screen: every element of the service guide, availability, bundle choice, print."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty
from kivy.uix.screenmanager import Screen

from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import GuidePage
from kiosk.flow.scan import intents as si
from kiosk.flow.state import Chrome
from screens.widgets import BigButton, say, send, tr
from screens.wrap_label import WrapLabel  # noqa: F401  (BodyLabel/PanelLabel in layout.kv)


BULLET = "•\u00a0"  # a no-break space: the bullet never stays alone on its line


class GuideScreen(Screen):
    """Renders GuideView; rebuilds its widgets only when the guide itself changes."""

    blocked = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown = None
        self._shown_code = None

    def scan_materials(self) -> None:

        """Photograph the materials."""
        send(si.ScanMaterials())

    def print_guide(self) -> None:

        """Print the notice slip."""
        send(bi.PrintGuide())

    def render(self, page: GuidePage, chrome: Chrome) -> None:
        """Fill the guide in; reuse widgets when nothing changed."""
        guide = page.guide
        self._render_actions(guide)
        scannable = guide.scannable
        self.ids.scan_button.opacity = 1 if scannable else 0
        self.ids.scan_button.size_hint_x = 1 if scannable else None
        if not scannable:
            self.ids.scan_button.width = 0
        key = (guide, App.get_running_app().theme, App.get_running_app().language)
        if guide is None or key == self._shown:
            return
        self._shown = key
        self.ids.title.text = say(guide.title)
        self.ids.version.text = say(guide.version_line)
        self._render_availability(guide)
        self._render_bundle(guide)
        box = self.ids.sections
        scroll = self.ids.scroller.scroll_y
        same_guide = self._shown_code == guide.code
        self._shown_code = guide.code
        box.clear_widgets()
        self._render_questions(box, guide)
        for section in guide.sections:
            box.add_widget(Factory.TitleLabel(text=say(section.title),
                                              font_size=App.get_running_app().theme.body_px + 4))
            body = "\n".join(say(line) for line in section.lines)
            box.add_widget(Factory.BodyLabel(text=body.strip("\n") or "—"))
        self._render_samples(box, guide)
        self.ids.scroller.scroll_y = scroll if same_guide else 1
        # the scroll view resets scroll_y while it lays the new content out: set it again after
        target = scroll if same_guide else 1
        Clock.schedule_once(lambda _dt: setattr(self.ids.scroller, "scroll_y", target), 0)

    def _render_actions(self, guide) -> None:
        """Print and Photograph, disabled with the reason when their device cannot work now."""
        scan_blocked = guide.scan_blocked if guide.scannable else None  # hidden anyway
        for button, key, blocked in ((self.ids.print_button, "guide.print", guide.print_blocked),
                                     (self.ids.scan_button, "guide.scan", scan_blocked)):
            button.disabled = blocked is not None
            button.text = tr(key) if blocked is None else f"{tr(key)}\n{say(blocked)}"

    def _render_samples(self, box, guide) -> None:
        """Thumbnails of the sample documents, loaded off the UI thread (AsyncImage)."""
        if not guide.samples:
            return
        theme = App.get_running_app().theme
        box.add_widget(Factory.TitleLabel(text=tr("guide.samples"), font_size=theme.body_px + 4))
        grid = Factory.GridLayout(cols=3, spacing=theme.spacing, size_hint_y=None)
        grid.bind(minimum_height=grid.setter("height"))
        for caption, path in guide.samples:
            cell = Factory.BoxLayout(orientation="vertical", size_hint_y=None, height=300)
            cell.add_widget(Factory.AsyncImage(source=path, fit_mode="contain"))
            label = Factory.Label(text=say(caption), color=theme.ink + (1,), size_hint_y=None,
                                  font_size=theme.small_px, height=64,
                                  text_size=(250, None), halign="center")
            # a caption on two or three lines (longer in English) grows its cell, never cut
            label.bind(texture_size=lambda lb, size, c=cell: _fit_caption(lb, c, size[1]))
            cell.add_widget(label)
            cell.sample_path = path
            grid.add_widget(cell)
        box.add_widget(grid)

    def _render_questions(self, box, guide) -> None:
        """Eligibility questions with big yes/no buttons, answered before starting."""
        if not guide.questions:
            return
        box.add_widget(Factory.TitleLabel(text=tr("guide.questions"),
                                          font_size=App.get_running_app().theme.body_px + 4))
        for q in guide.questions:
            box.add_widget(Factory.BodyLabel(text=say(q.text)))
            row = Factory.BoxLayout(size_hint_y=None, height=App.get_running_app().theme.button_h,
                                    spacing=App.get_running_app().theme.spacing)
            for answer in ("yes", "no"):
                btn = BigButton(text=("■ " if q.answer == answer else "") + tr(f"answer.{answer}"),
                                role="primary" if q.answer == answer else "plain")
                btn.question_id, btn.answer = q.id, answer
                btn.bind(on_release=lambda _b, i=q.id, a=answer: send(bi.AnswerQuestion(i, a)))
                row.add_widget(btn)
            box.add_widget(row)

    def _render_availability(self, guide) -> None:
        """Plainly: can it be done here now; if not, every reason and what to do instead."""
        box = self.ids.availability
        box.clear_widgets()
        avail = guide.availability
        self.blocked = not avail.ok
        theme = App.get_running_app().theme
        ink = (1, 1, 1, 1) if self.blocked else theme.on_primary + (1,)
        if avail.ok:
            box.add_widget(Factory.PanelLabel(text=tr("guide.can_do_here"), ink=ink, bold=True))
            self._render_elsewhere(box, avail, ink)
            return
        box.add_widget(Factory.PanelLabel(text=tr("avail.not_here"), ink=ink, bold=True,
                                          font_size=theme.title_px))
        for reason in avail.reasons:
            box.add_widget(Factory.PanelLabel(text=BULLET + say(reason), ink=ink))
        if avail.alternatives:
            box.add_widget(Factory.PanelLabel(text=tr("avail.instead"), ink=ink, bold=True))
            for alt in avail.alternatives:
                box.add_widget(Factory.PanelLabel(text=BULLET + say(alt), ink=ink))
        self._render_elsewhere(box, avail, ink)

    @staticmethod
    def _render_elsewhere(box, avail, ink) -> None:
        """Bundle items never done here: their names, and where and how each is done."""
        if not avail.elsewhere:
            return
        box.add_widget(Factory.PanelLabel(text=tr("bundle.apply.elsewhere_title"), ink=ink, bold=True))
        for value in avail.elsewhere:
            line = say(value)
            box.add_widget(Factory.PanelLabel(text=line if line.startswith(" ") else BULLET + line,
                                              ink=ink))

    def _render_bundle(self, guide) -> None:
        box = self.ids.bundle_items
        box.clear_widgets()
        if not guide.bundle_items:
            return
        box.add_widget(Factory.BodyLabel(text=tr("bundle.choose"), bold=True))
        for code, title, chosen in guide.bundle_items:
            btn = BigButton(text=("■ " if chosen else "□ ") + say(title),
                            role="primary" if chosen else "plain", halign="left")
            btn.item_code = code
            btn.bind(on_release=lambda _b, c=code: send(bi.ToggleBundleItem(c)))
            box.add_widget(btn)


def _fit_caption(label, cell, text_height: float) -> None:
    """A sample's caption as tall as its text; its cell keeps 236 px for the image."""
    label.height = max(64, text_height)
    cell.height = 236 + label.height
