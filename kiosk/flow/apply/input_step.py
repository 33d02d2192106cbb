"""Touch input on the one form: the focused field, the keypad layout, pinyin candidates and pickers.

Everything the keypad and picker widgets show is a page value here (InputPanel / PickerPanel); the
screens only draw them and send kiosk.flow.apply.input_intents. The pinyin lookup runs inside the
intent (on the UI thread): bench/bench_pinyin.py measures it through this path at well under a
millisecond per keystroke, so it needs no worker thread. An open composition is never lost: it
stays in the session across Back and is committed to its field when the focus moves or Done is
pressed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Callable

from kiosk.flow.apply import input_intents as ii
from kiosk.i18n import Msg
from kiosk.input.pickers import DatePicker, DivisionPicker
from kiosk.input.pinyin import LETTERS, PAGE_SIZE, CompositionFull, PinyinSession
from kiosk.input.script import in_script

if TYPE_CHECKING:
    from kiosk.flow.apply.case import ApplyCase
    from kiosk.flow.apply.journey import ApplyJourney

PICKER_PAGE = 12  # options per picker page (60 dp targets, three columns of four)
CANDIDATES_SHOWN = 6  # candidates per page of the bar (the engine's pages are refiltered)
# Text fields that hold a place, not a street address: the division picker fills them whole.
REGION_FIELDS = frozenset({"former_region", "child_birthplace", "treatment_place"})
BOOL_CHOICES = ("yes", "no")
# libgooglepinyin0 (Debian 1.0) aborts the whole process (assert in MatrixSearch::extend_dmi) on some
# long repetitive compositions: "an" x 9 (17 letters), "eng" x 8, "a" x 27. No pattern tried crashed
# at 16 letters or fewer, so the kiosk composes at most 16 letters at once (choose, then go on).
SAFE_LETTERS = 16


@dataclass(frozen=True)
class PickerPanel:
    """One level of a picker: its title, this page of (value, label) options, and the path so far."""

    kind: str  # "division" | "date" | "choice"
    level: Msg  # what this level asks ("choose the province")
    options: tuple[tuple[str, str], ...]
    page: int
    has_previous: bool
    has_next: bool
    path: str = ""  # what was picked so far ("福建省福州市")


@dataclass(frozen=True)
class InputPanel:
    """The focused field's input: keypad layout, composition, candidate page, pickers offered."""

    field_id: str
    keypad: str  # a kiosk.input.keypads layout name
    preedit: str = ""  # the pinyin composition as typed ("张san")
    candidates: tuple[str, ...] = ()
    candidate_page: int = 0
    has_previous: bool = False
    has_next: bool = False
    pickers: tuple[str, ...] = ()  # picker kinds this field offers
    picker: PickerPanel | None = None
    message: Msg | None = None  # why a key did nothing (e.g. too many letters)


def pickers_for(spec) -> tuple[str, ...]:
    """Which pickers a field's kind asks for."""
    if spec.kind == "date":
        return ("date",)
    if spec.kind in ("choice", "bool"):
        return ("choice",)
    if spec.kind == "address" or spec.id in REGION_FIELDS:
        return ("division",)
    return ()


class _Picking:
    """The open picker's state: which kind, for which field, what is picked so far, which page."""

    def __init__(self, kind: str, field_id: str, spec, today: date | None) -> None:
        self.kind, self.field_id, self.page = kind, field_id, 0
        self.division = DivisionPicker() if kind == "division" else None
        self.dates: DatePicker | None = spec.date_picker(today) if kind == "date" else None
        self.date_path: list[int] = []
        self.choices = spec.choices or (BOOL_CHOICES if spec.kind == "bool" else ())

    def options(self) -> list[tuple[str, str]]:
        """Every option of the current level."""
        if self.division is not None:
            return [(d.code, d.name) for d in self.division.options()]
        if self.dates is not None:
            if len(self.date_path) == 0:
                values = self.dates.years()
            elif len(self.date_path) == 1:
                values = self.dates.months(self.date_path[0])
            else:
                values = self.dates.days(*self.date_path)
            return [(str(v), str(v)) for v in values]
        return [(c, c) for c in self.choices]

    def level(self) -> Msg:
        """The message naming the current level."""
        if self.division is not None:
            return Msg(("apply.input.picker.province", "apply.input.picker.city",
                        "apply.input.picker.county")[min(len(self.division.path), 2)])
        if self.dates is not None:
            return Msg(("apply.input.picker.year", "apply.input.picker.month",
                        "apply.input.picker.day")[len(self.date_path)])
        return Msg("apply.input.picker.choice")

    def path(self) -> str:
        """What was picked so far, as shown above the options."""
        if self.division is not None:
            return self.division.text
        return "-".join(str(v) for v in self.date_path)

    def pick(self, value: str) -> str | None:
        """Pick an option; returns the field's new text when the picker is done, else None."""
        self.page = 0
        if value not in {v for v, _ in self.options()}:
            raise ValueError(f"{value} is not offered at this level")
        if self.division is not None:
            return self.division.text if self.division.pick(value) else None
        if self.dates is not None:
            self.date_path.append(int(value))
            return self.dates.pick(*self.date_path) if len(self.date_path) == 3 else None
        return value

    def back(self) -> bool:
        """Undo one level; False when already at the first level (the picker closes)."""
        self.page = 0
        if self.division is not None and self.division.path:
            self.division.back()
            return True
        if self.date_path:
            self.date_path.pop()
            return True
        return False

    def panel(self) -> PickerPanel:
        """The page value of the current level and page."""
        options = self.options()
        pages = max(1, -(-len(options) // PICKER_PAGE))
        self.page = min(max(self.page, 0), pages - 1)
        shown = options[self.page * PICKER_PAGE:(self.page + 1) * PICKER_PAGE]
        return PickerPanel(self.kind, self.level(), tuple(shown), self.page, self.page > 0,
                           self.page < pages - 1, self.path())


class InputStep:
    """Focus, keypad keys, pinyin composition and pickers of the form (handlers run under the host lock)."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host
        self.session: PinyinSession | None = None  # opened on the first pinyin key (loads the engine)
        self._case_token: object = None
        self.field_id: str | None = None
        self.layouts: dict[str, str] = {}  # field id -> layout the resident switched to
        self.regions: dict[str, str] = {}  # field id -> the division text the picker put in front
        self.candidate_page = 0
        self.picking: _Picking | None = None
        self.message: Msg | None = None
        self.today: date | None = None  # tests pin the date pickers' range
        # the screens set this to "the kiosk's font has every character" (the engine also offers
        # traditional and variant characters the font cannot draw: those are not shown)
        self.can_show: Callable[[str], bool] = lambda _text: True

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ii.FocusField: self.focus, ii.PressKey: self.press, ii.ChooseCandidate: self.choose,
                ii.PageCandidates: self.page_candidates, ii.OpenPicker: self.open_picker,
                ii.PickOption: self.pick, ii.PagePicker: self.page_picker,
                ii.PickerBack: self.picker_back, ii.ClosePicker: self.close_picker}

    # -- state -------------------------------------------------------------------------------
    def _draft(self, case: "ApplyCase"):
        if case.token is not self._case_token:  # a new application: start from a clean slate
            self._forget()
            self._case_token = case.token
        return case.draft

    def _editable(self, case: "ApplyCase") -> list[str]:
        draft = case.draft
        return [f for f in draft.field_ids if draft.editable(f)]

    def focused(self, case: "ApplyCase") -> str | None:
        """The field the keypad types into: the chosen one, else the first editable one still to fill."""
        draft = self._draft(case)
        editable = self._editable(case)
        if self.field_id not in editable:
            errors = draft.errors()
            self.field_id = next((f for f in editable if f in errors), editable[0] if editable else None)
        return self.field_id

    def layout(self, case: "ApplyCase", field_id: str) -> str:
        """The keypad layout for a field: the one switched to, else the spec's."""
        return self.layouts.get(field_id, case.draft.spec(field_id).keypad)

    def panel(self, case: "ApplyCase") -> InputPanel | None:
        """The input panel of the form page (None when no field can be typed into)."""
        field_id = self.focused(case)
        if field_id is None:
            return None
        spec = case.draft.spec(field_id)
        preedit, items, prev, more = "", (), False, False
        if self.session is not None and self.session.composing:
            preedit = in_script(self.session.preedit(), self.host.state.language)
            shown, more = self._shown(self.candidate_page)
            items, prev = tuple(text for _, text in shown), self.candidate_page > 0
        picker = self.picking.panel() if self.picking is not None else None
        return InputPanel(field_id, self.layout(case, field_id), preedit, items, self.candidate_page,
                          prev, more, pickers_for(spec), picker, self.message)

    def _shown(self, page: int) -> tuple[list[tuple[int, str]], bool]:
        """Page `page` of the drawable candidates as (engine index, text), and whether more follow."""
        start, end = page * CANDIDATES_SHOWN, (page + 1) * CANDIDATES_SHOWN
        shown: list[tuple[int, str]] = []
        engine_page = 0
        while len(shown) <= end:
            batch = self.session.candidates(engine_page)
            lang = self.host.state.language  # zh-Hant: candidates in Traditional characters
            shown += [(engine_page * PAGE_SIZE + i, in_script(text, lang))
                      for i, text in enumerate(batch.items) if self.can_show(in_script(text, lang))]
            if not batch.has_next:
                break
            engine_page += 1
        return shown[start:end], len(shown) > end

    def _show(self) -> None:
        self.host.update(self.journey.form.form_page(self.journey.case))

    def _type(self, case: "ApplyCase", field_id: str, text: str) -> None:
        if case.draft.editable(field_id):
            case.draft.type(field_id, text)

    def _commit(self, case: "ApplyCase") -> None:
        """Put an open composition into the focused field (its best reading)."""
        if self.session is not None and self.session.composing and self.field_id is not None:
            text = in_script(self.session.commit(), self.host.state.language)
            self._type(case, self.field_id, case.draft.text(self.field_id) + text)
        self.candidate_page = 0

    # -- handlers ----------------------------------------------------------------------------
    def focus(self, intent: ii.FocusField) -> None:
        """Move the keypad to another editable field."""
        case = self.journey.case
        self._draft(case)
        if intent.field_id not in self._editable(case):
            return
        if intent.field_id != self.field_id:
            self._commit(case)
            self.picking, self.message = None, None
            self.field_id = intent.field_id
        self._show()

    def press(self, intent: ii.PressKey) -> None:
        """One keypad key on the focused field."""
        case = self.journey.case
        field_id = self.focused(case)
        if field_id is None:
            return
        self.message = None
        text, layout = case.draft.text(field_id), self.layout(case, field_id)
        composing = self.session is not None and self.session.composing
        action, value = intent.action, intent.value
        if layout == "pinyin" and action == "insert" and value.lower() in LETTERS:
            self._pinyin(value)
        elif action == "backspace" and composing:
            self.session.backspace()
            self.candidate_page = 0
        elif action == "backspace":
            self._type(case, field_id, text[:-1])
        elif action == "clear":
            if self.session is not None:
                self.session.reset()
            self._type(case, field_id, "")
            self.regions.pop(field_id, None)
        elif action == "space" and composing:
            self._commit(case)  # as on a phone: space takes the first candidate
        elif action in ("insert", "space"):
            self._commit(case)
            self._type(case, field_id, case.draft.text(field_id) + value)
        elif action == "switch":
            self._commit(case)
            self.layouts[field_id] = value
        elif action == "done":
            self._commit(case)
            self._next_field(case)
        self._show()

    def _pinyin(self, letter: str) -> None:
        if self.session is None:
            self.session = PinyinSession()
        if len(self.session.letters) >= SAFE_LETTERS:
            self.message = Msg.of("apply.input.pinyin.full", count=SAFE_LETTERS)
            return
        try:
            self.session.type(letter)
        except CompositionFull:
            self.message = Msg("input.pinyin.full")
        self.candidate_page = 0

    def _next_field(self, case: "ApplyCase") -> None:
        """After Done: the next editable field still to fill (the focus stays when there is none)."""
        editable, errors = self._editable(case), case.draft.errors()
        later = editable[editable.index(self.field_id) + 1:] + editable[:editable.index(self.field_id)]
        self.field_id = next((f for f in later if f in errors), self.field_id)
        self.picking = None

    def choose(self, intent: ii.ChooseCandidate) -> None:
        """A candidate tapped: fix it; the field gets the text once every syllable is chosen."""
        case = self.journey.case
        if self.session is None or not self.session.composing or self.focused(case) is None:
            return
        shown, _ = self._shown(self.candidate_page)
        if not 0 <= intent.index < len(shown):
            return
        done = self.session.choose(shown[intent.index][0])
        self.candidate_page = 0
        if done is not None:
            done = in_script(done, self.host.state.language)
            self._type(case, self.field_id, case.draft.text(self.field_id) + done)
        self._show()

    def page_candidates(self, intent: ii.PageCandidates) -> None:
        """Next or previous page of the candidate bar."""
        if self.session is None or not self.session.composing:
            return
        _, more = self._shown(self.candidate_page)
        if (intent.delta > 0 and more) or (intent.delta < 0 and self.candidate_page > 0):
            self.candidate_page += 1 if intent.delta > 0 else -1
        self._show()

    def open_picker(self, intent: ii.OpenPicker) -> None:
        """Open one of the pickers the focused field offers."""
        case = self.journey.case
        field_id = self.focused(case)
        if field_id is None or intent.kind not in pickers_for(case.draft.spec(field_id)):
            return
        self._commit(case)
        self.picking = _Picking(intent.kind, field_id, case.draft.spec(field_id), self.today)
        self._show()

    def pick(self, intent: ii.PickOption) -> None:
        """Pick an option; at the last level the field gets the picked text."""
        case, picking = self.journey.case, self.picking
        if picking is None:
            return
        try:
            text = picking.pick(intent.value)
        except ValueError:
            return  # a stale tap on a level that is gone
        if text is not None:
            self._fill(case, picking, text)
            self.picking = None
        self._show()

    def _fill(self, case: "ApplyCase", picking: _Picking, text: str) -> None:
        field_id = picking.field_id
        if picking.kind == "division" and field_id not in REGION_FIELDS:
            # the region goes in front of the street typed so far (replacing a region picked before)
            rest = case.draft.text(field_id)
            old = self.regions.get(field_id, "")
            if old and rest.startswith(old):
                rest = rest[len(old):]
            self.regions[field_id] = text
            text += rest
        self._type(case, field_id, text)

    def page_picker(self, intent: ii.PagePicker) -> None:
        """Next or previous page of the picker's options."""
        if self.picking is not None:
            self.picking.page += 1 if intent.delta > 0 else -1
            self._show()

    def picker_back(self, _: ii.PickerBack) -> None:
        """One level up; from the first level the picker closes."""
        if self.picking is not None and not self.picking.back():
            self.picking = None
        self._show()

    def close_picker(self, _: ii.ClosePicker) -> None:
        """Close the picker; the field keeps its text."""
        self.picking = None
        self._show()

    def back(self) -> bool:
        """Back while a picker is open closes a level of it instead of leaving the form."""
        if self.picking is None:
            return False
        if not self.picking.back():
            self.picking = None
        self._show()
        return True

    def _forget(self) -> None:
        if self.session is not None:
            self.session.reset()
        self.field_id, self.picking, self.message, self.candidate_page = None, None, None, 0
        self.layouts.clear()
        self.regions.clear()

    def reset(self) -> None:
        """End of the session: drop the composition and what the decoder learned."""
        self._forget()
        if self.session is not None:
            self.session.wipe()
        self._case_token = None
