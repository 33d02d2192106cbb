"""Results screens: progress timeline, pickup (code + ID card), 好差评 rating; render only."""
from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.screenmanager import Screen

from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PickupPage, ProgressPage, RatingPage
from kiosk.flow.results.rating_step import LEVELS
from kiosk.flow.results.slip import courier_status_key
from kiosk.flow.state import Chrome
from screens.keys import KeyButton
from screens.selection import marked
from screens.widgets import BigButton, say, send, tr

KV = Path(__file__).resolve().parent / "results.kv"
KEY_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


def load_kv() -> None:
    """Load the results screens' rules once (called by KioskApp.build)."""
    if str(KV) not in Builder.files:
        Builder.load_file(str(KV))


class Keypad(GridLayout):
    """Digits and Latin capitals for application numbers and pickup codes, plus delete and OK."""

    def __init__(self, ok: bool = True, **kw) -> None:
        app = App.get_running_app()
        super().__init__(cols=app.theme.keypad_cols, spacing=4, size_hint_y=None, **kw)
        self.bind(minimum_height=self.setter("height"))
        app.bind(theme=lambda _app, theme: setattr(self, "cols", theme.keypad_cols))
        self.keys: dict[str, KeyButton] = {}
        for row in KEY_ROWS:
            for ch in row:
                self._add(ch, lambda c=ch: send(ri.PressKey(c)))
        self._add("DEL", lambda: send(ri.PressKey("DEL")))
        if ok:
            self._add("OK", lambda: send(ri.SubmitEntry()))
        else:  # a comment: a space instead of OK
            self._add("SPACE", lambda: send(ri.PressKey("SPACE")))

    def _add(self, name: str, action) -> None:  # noqa: ANN001
        button = KeyButton(text="⌫" if name == "DEL" else name,
                                   role="primary" if name == "OK" else "plain")
        button.bind(on_release=lambda *_: action())
        self.keys[name] = button
        self.add_widget(button)

    def translate(self) -> None:
        """OK, space and delete in the chrome's language."""
        if "OK" in self.keys:
            self.keys["OK"].text = tr("results.key.ok")
        if "SPACE" in self.keys:
            self.keys["SPACE"].text = tr("results2.key.space")
        self.keys["DEL"].text = tr("results.key.delete")


def stage_lines(page: ProgressPage) -> str:
    """The timeline as lines: stage, department, date."""
    lines = []
    for s in page.stages:
        mark = "●" if s.reached else "○"
        detail = f"  {s.department}  {s.at[:10]}" if s.reached else f"  {tr('results.stage.pending')}"
        lines.append(f"{mark} {tr('results.stage.' + s.stage)}{detail}")
    if page.promised_date:
        lines.append(tr("results.promised", date=page.promised_date))
    if page.late:
        lines.append(tr("results.late"))
    return "\n".join(lines)


class ResultsProgressScreen(Screen):
    """Type or scan the application number; see the timeline and any 补正 request."""


    def on_kv_post(self, _base) -> None:  # noqa: ANN001
        self.ids.keypad_box.add_widget(Keypad())
        self.choice_buttons: dict[str, BigButton] = {}

    def use_card(self) -> None:
        """Progress by ID card."""
        send(ri.UseCard())

    def answer(self) -> None:
        """Answer the 补正 request shown."""
        send(ri.AnswerSupplement())

    def render(self, page: ProgressPage, chrome: Chrome) -> None:
        """Entry, message, timeline, supplement lines, the card holder's applications."""
        self.ids.title.text = tr("results.progress.title")
        self.ids.entry.text = page.entry or page.application_no
        self.ids.message.text = say(page.message)
        self.ids.timeline.text = stage_lines(page)
        self.ids.supplement.text = "\n".join(say(m) for m in page.supplement)
        self.ids.keypad_box.children[0].translate()
        self.ids.card_button.text = tr("results2.card.use")
        self.ids.answer_button.text = tr("results2.supplement.open")
        can_answer = page.status == "supplement_required"
        self.ids.answer_button.opacity = 1 if can_answer else 0
        self.ids.answer_button.disabled = not can_answer
        render_choices(self.ids.choices, self.choice_buttons, page)


def render_choices(box, buttons: dict, page: ProgressPage) -> None:  # noqa: ANN001
    """One button per application of the card holder (number, service, status)."""
    numbers = tuple(c.application_no for c in page.choices)
    if tuple(buttons) != numbers:
        box.clear_widgets()
        buttons.clear()
        for c in page.choices:
            b = BigButton(role="plain")
            b.bind(on_release=lambda *_, n=c.application_no: send(ri.ChooseApplication(n)))
            buttons[c.application_no] = b
            box.add_widget(b)
    for c in page.choices:
        status = tr(f"results.status.{c.status}") if c.status else ""
        buttons[c.application_no].text = marked(f"{c.application_no}  {c.title}  {status}",
                                                c.application_no == page.application_no)
        buttons[c.application_no].role = "accent" if c.application_no == page.application_no else "plain"


class ResultsPickupScreen(Screen):
    """Pickup code + ID card; then the slip or the locker door; then an offer to rate."""


    def on_kv_post(self, _base) -> None:  # noqa: ANN001
        self.ids.keypad_box.add_widget(Keypad())

    def rate(self) -> None:
        """Go to the rating screen."""
        send(ri.OpenRating())

    def render(self, page: PickupPage, chrome: Chrome) -> None:
        """Entry, card state, message, and the rate button once collected."""
        self.ids.title.text = tr("results.pickup.title")
        self.ids.entry.text = page.entry or page.code
        self.ids.card.text = tr("results.card.ok" if page.identified else "results.pickup.need_card")
        self.ids.message.text = say(page.message)
        self.ids.courier.text = courier_line(page)
        done = page.stage == "done" and bool(page.application_no)
        self.ids.rate_button.text = tr("results.rating.open")
        self.ids.rate_button.opacity = 1 if done else 0
        self.ids.rate_button.disabled = not done
        busy = page.stage not in ("enter", "refused")
        self.ids.keypad_box.opacity = 0 if busy else 1
        self.ids.keypad_box.disabled = busy
        self.ids.keypad_box.children[0].translate()


def courier_line(page: PickupPage) -> str:
    """Carrier, tracking number and status of a courier result ("" otherwise)."""
    if not page.courier:
        return ""
    carrier, tracking_no, status = page.courier
    return tr("results2.courier.tracking", carrier=carrier, tracking_no=tracking_no,
              status=tr(courier_status_key(status)))


class ResultsRatingScreen(Screen):
    """Five levels as stars, the level's options as toggles, send or skip."""


    def on_kv_post(self, _base) -> None:  # noqa: ANN001
        self.level_buttons: dict[int, BigButton] = {}
        for level in LEVELS:
            b = BigButton()
            b.bind(on_release=lambda *_, n=level: send(ri.ChooseLevel(n)))
            self.level_buttons[level] = b
            self.ids.levels.add_widget(b)
        self.option_buttons: dict[str, BigButton] = {}
        self.keypad = Keypad(ok=False)
        self.ids.keypad_box.add_widget(self.keypad)

    def send_rating(self) -> None:
        """Send the rating."""
        send(ri.SendRating())

    def skip(self) -> None:
        """No rating."""
        send(ri.SkipRating())

    def render(self, page: RatingPage, chrome: Chrome) -> None:
        """Levels, options for the chosen level, message; buttons in the chrome's language."""
        self.ids.title.text = tr("results.rating.title")
        for level, b in self.level_buttons.items():
            b.text = marked("★" * level, page.level == level) + "\n" + tr(f"results.rating.level.{level}")
            b.role = "primary" if page.level == level else "plain"
        if tuple(self.option_buttons) != page.options:
            box = self.ids.options
            box.clear_widgets()
            self.option_buttons = {}
            for option in page.options:
                b = BigButton()
                b.bind(on_release=lambda *_, o=option: send(ri.ToggleOption(o)))
                self.option_buttons[option] = b
                box.add_widget(b)
        for option, b in self.option_buttons.items():
            b.text = marked(tr(f"results.rating.option.{option}"), option in page.chosen)
            b.role = "accent" if option in page.chosen else "plain"
        self.ids.message.text = say(page.message)
        self.ids.comment.text = (tr("results2.rating.comment", text=page.comment) if page.comment
                                 else tr("results2.rating.comment_empty"))
        self.keypad.translate()
        # the comment keypad only where a comment may be needed (levels 1-2) or one is typed: on
        # a 900 px screen in elder mode the levels, options and a keypad do not fit together
        wanted = (page.level is not None and page.level <= 2) or bool(page.comment)
        box = self.ids.keypad_box
        if wanted != (self.keypad.parent is not None):  # ids are weak proxies: no "is box"
            box.clear_widgets()
            if wanted:
                box.add_widget(self.keypad)
        box.disabled = page.sent
        self.ids.send_button.text = tr("results.rating.send")
        self.ids.send_button.disabled = page.sent
        self.ids.skip_button.text = tr("results.rating.done" if page.sent else "results.rating.skip")


class AttractEntries(BoxLayout):
    """The two results buttons added to the attract screen (progress, pickup)."""

    def __init__(self, **kw) -> None:
        super().__init__(orientation="horizontal", spacing=8, size_hint_y=None, **kw)
        self.progress = BigButton(role="accent")
        self.progress.bind(on_release=lambda *_: send(ri.OpenProgress()))
        self.pickup = BigButton(role="accent")
        self.pickup.bind(on_release=lambda *_: send(ri.OpenPickup()))
        self.add_widget(self.progress)
        self.add_widget(self.pickup)
        self.progress.bind(height=lambda *_: setattr(self, "height", self.progress.height))
        app = App.get_running_app()
        if app is not None:  # texts follow the chrome's language
            app.bind(language=lambda *_: self.translate())
        self.translate()

    def translate(self) -> None:
        """Texts in the current language."""
        self.progress.text = tr("results.attract.progress")
        self.pickup.text = tr("results.attract.pickup")


def add_to_attract(attract: Screen) -> AttractEntries:
    """Put the progress and pickup buttons under the attract screen's scan button."""
    entries = AttractEntries()
    attract.ids.scan_button.parent.add_widget(entries)
    return entries


def screens() -> list[Screen]:
    """The results screens for the screen manager."""
    load_kv()
    from screens.results_supplement import ResultsSupplementScreen, load_supplement_kv
    load_supplement_kv()
    return [ResultsProgressScreen(), ResultsPickupScreen(), ResultsRatingScreen(),
            ResultsSupplementScreen()]
