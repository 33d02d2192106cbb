"""Keypad navigation for residents who cannot see the screen (issue 13.4): a USB numeric keypad only.

Keys (numeric keypad, NumLock on or off; the arrows and main-keyboard digits do the same):
    6 / Right   next control (reading order)     4 / Left   previous control
    2 / Down    the control below (next row)      8 / Up     the control above (previous row)
    5 / Enter              choose it             -  / Backspace      back
    +                      help (again: close)   *  / .              repeat the screen's prompt and the focus
The first key pressed turns keypad mode on and says how it works; the attract screen says (in
writing) how to start. Focus walks the focusable controls of what is on top (the help panel, the
idle warning, else the current screen) in reading order (the order the layouts place them: top to
bottom, left to right), is drawn as a two-tone outline 4 px + 4 px (WCAG technique C40): the ink ring outside stands 16:1
against the page around the control, the white ring inside 17:1 against the ink, and one of the two
at least 6.4:1 against any control colour of the booth theme (ink on white 17:1, on the accent
8:1; white on the primary 6.4:1). It is spoken
through the Speaker: the control's label, and for a form field its name only, never its value.
Only renders and sends intents: what a control does is what a touch on it does.
"""
from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.graphics import Color, InstructionGroup, Line
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.scrollview import ScrollView

from kiosk.flow import intents as it
from kiosk.flow.prompts import screen_prompt
from kiosk.flow.state import ATTRACT
from screens import keypad_lists
from screens.selection import is_marked, unmarked
from screens.theme import INK, WHITE

DOWN = frozenset({274, 258, ord("2")})
UP = frozenset({273, 264, ord("8")})
NEXT = frozenset({275, 262, ord("6")})
PREVIOUS = frozenset({276, 260, ord("4")})
CHOOSE = frozenset({13, 271, 261, ord("5")})
BACK = frozenset({8, 269, ord("-")})
HELP = frozenset({270, ord("+")})
REPEAT = frozenset({268, 266, ord("*"), ord(".")})
OUTLINE_PX = 4  # each of the two rings


def label_of(widget) -> str:
    """What is spoken for a control: its spoken label (form fields: the name), else its text."""
    key = getattr(widget, "spoken_key", "")
    if key:
        from screens.widgets import tr
        return tr(key)
    return unmarked(getattr(widget, "spoken_label", "") or getattr(widget, "source_text", "")
                    or widget.text)


def focusable(widget) -> bool:
    """A control a touch could use: a button, enabled, shown, with something to say."""
    if not isinstance(widget, ButtonBehavior) or widget.disabled or widget.width < 1:
        return False
    node = widget
    while node is not None and node is not node.parent:
        if getattr(node, "opacity", 1) == 0:
            return False
        node = node.parent
    return bool(label_of(widget).strip())


class KeypadNavigator:
    """Moves a spoken, outlined focus over the controls on screen with the keypad's keys."""

    def __init__(self, app, root) -> None:
        self.app = app
        self.root = root  # the KioskRoot (app.root is set only after build returns)
        self.active = False
        self.index = 0
        self.focused = None
        self._group: InstructionGroup | None = None
        self._scope_key: tuple = ()
        self.hint = None

    def install(self) -> None:
        """Listen to the window's keys and to renders; put the how-to line on the attract screen."""
        Window.bind(on_key_down=self._on_key_down)
        self.app.add_render_listener(self._rendered)
        attract = self.root.ids.manager.get_screen(ATTRACT)
        # one short line (the keys are explained when keypad mode starts): the attract screen's
        # own text keeps its room in elder mode
        self.hint = Factory.BodyLabel(halign="center", font_size=self.app.theme.small_px)
        self.app.bind(theme=lambda _app, theme: setattr(self.hint, "font_size", theme.small_px))
        # above the results journey's entries, which stay the box's last child (children[0])
        attract.ids.scan_button.parent.add_widget(self.hint, index=1)
        attract.ids.start_area.spoken_key = "nav.start"

    # -- what can be focused -------------------------------------------------------------------
    def scope(self):
        """The widget whose controls are reachable now: a panel on top, else the current screen."""
        root = self.root
        if root.ids.idle_overlay.shown:
            return root.ids.idle_overlay
        if root.ids.help_panel.shown:
            return root.ids.help_panel
        return root.ids.manager.current_screen

    def controls(self) -> list:
        """Focusable controls of the scope in reading order (the order the layouts place them)."""
        found = [w for w in self.scope().walk(restrict=True) if w is not self.scope() and focusable(w)]
        return keypad_lists.in_data_order(found)

    # -- keys ----------------------------------------------------------------------------------
    def _on_key_down(self, _window, key: int, _scancode, _codepoint, _modifiers) -> bool:
        if key not in NEXT | PREVIOUS | UP | DOWN | CHOOSE | BACK | HELP | REPEAT:
            return False
        self.app.flow.idle.touch()
        if not self.active:
            self.active = True
            self._say("nav.started")
            self._focus(self._clamped(0), queue=True)
            return True
        if (key in NEXT | PREVIOUS | UP | DOWN) and self._list_step(key in NEXT or key in DOWN):
            pass
        elif key in NEXT or key in PREVIOUS:
            controls = self.controls()
            if controls:
                step = 1 if key in NEXT else -1
                self._focus((self._current_index(controls) + step) % len(controls))
        elif key in UP or key in DOWN:
            controls = self.controls()
            if controls:
                self._focus(self._vertical(controls, self._current_index(controls), key in DOWN))
        elif key in CHOOSE:
            widget = self.focused
            if widget is not None and widget in self.controls():
                widget.trigger_action(duration=0)
        elif key in BACK:
            self.app.send(it.Back())
        elif key in HELP:
            self.app.send(it.CloseHelp() if self.app.flow.state.chrome.help_open else it.OpenHelp())
        elif key in REPEAT:
            self._repeat()
        return True

    def _list_step(self, forward: bool) -> bool:
        """In a list: focus its next (previous) row, scrolled into view if it was below the fold.
        False when the focus is not in a list or the list has no row further that way."""
        widget = self.focused
        rv = keypad_lists.enclosing_list(widget) if widget is not None else None
        index = keypad_lists.row_index(rv, widget) if rv is not None else None
        target = keypad_lists.next_row(rv, index, 1 if forward else -1) if index is not None else None
        if target is None:
            return False
        keypad_lists.reveal_row(rv, target)
        row = keypad_lists.drawn_row(rv, target)
        if row is None or not focusable(row):
            return False
        controls = self.controls()
        if row not in controls:
            return False
        self._focus(controls.index(row))
        return True

    def _current_index(self, controls: list) -> int:
        return controls.index(self.focused) if self.focused in controls else self._clamped(self.index)

    @staticmethod
    def _vertical(controls: list, current: int, down: bool) -> int:
        """The control in the nearest row below (or above), closest in x; wraps around at the end."""
        centres = [w.to_window(*w.center) for w in controls]
        x0, y0 = centres[current]
        tolerance = controls[current].height / 2
        rows = [y for _, y in centres if (y < y0 - tolerance if down else y > y0 + tolerance)]
        if not rows:  # past the last row: start again at the other end
            return 0 if down else len(controls) - 1
        row_y = max(rows) if down else min(rows)
        in_row = [i for i, (_, y) in enumerate(centres) if abs(y - row_y) < 1]
        return min(in_row, key=lambda i: abs(centres[i][0] - x0))

    def _clamped(self, index: int) -> int:
        return max(0, min(index, len(self.controls()) - 1))

    # -- focus -------------------------------------------------------------------------------
    def _focus(self, index: int, queue: bool = False, speak: bool = True) -> None:
        controls = self.controls()
        if not controls:
            self._draw(None)
            if speak:
                self._say("nav.nothing", queue=queue)
            return
        self.index = max(0, min(index, len(controls) - 1))
        widget = controls[self.index]
        self._draw(widget)
        self._scroll_to(widget)
        if speak:
            key = "nav.focus_field" if getattr(widget, "spoken_label", "") else "nav.focus"
            if key == "nav.focus" and is_marked(getattr(widget, "text", "")):
                key = "nav.focus_selected"  # the ■ shape is not read; "selected" is said
            self._say(key, queue=queue, personal=getattr(widget, "spoken_personal", False),
                      label=label_of(widget))

    def _rendered(self, state) -> None:
        """After a render: keep the focus on the same control (or near it); a new screen starts at the top."""
        if self.hint is not None and state.screen == ATTRACT:
            from screens.widgets import tr
            self.hint.text = tr("nav.attract_hint")
        if not self.active:
            return
        chrome = state.chrome
        scope_key = (state.screen, chrome.help_open, chrome.idle_seconds_left is not None)
        new_scope, self._scope_key = scope_key != self._scope_key, scope_key
        old_label = label_of(self.focused) if self.focused is not None else None
        # the new widgets are laid out on the next frame: focus (and outline) them then
        Clock.schedule_once(lambda _dt: self._refocus(new_scope, old_label), 0)

    def _refocus(self, new_scope: bool, old_label: str | None) -> None:
        if new_scope:
            self._focus(0, queue=True)  # after the screen's prompt, not over it
            return
        controls = self.controls()
        same = [i for i, w in enumerate(controls) if label_of(w) == old_label]
        if same:  # the same key after typing, the same button after a page update: stay silent
            self._focus(min(same, key=lambda i: abs(i - self.index)), speak=False)
        else:
            self._focus(self.index, queue=True)

    def _scroll_to(self, widget) -> None:
        parent = widget.parent
        while parent is not None and parent is not parent.parent:
            trigger = getattr(getattr(parent, "_viewport", None), "_trigger_layout", None)
            # a RecycleView lays out its own rows (its scroll_to cannot handle them): by its data
            if keypad_lists.is_list(parent):
                index = keypad_lists.row_index(parent, widget)
                if index is not None:
                    keypad_lists.reveal_row(parent, index)
            elif isinstance(parent, ScrollView) and hasattr(trigger, "is_triggered"):
                parent.scroll_to(widget, padding=10, animate=False)
            parent = parent.parent

    def _draw(self, widget) -> None:
        """Move the two-tone outline to widget (None: remove it)."""
        old = self.focused
        if old is not None and self._group is not None:
            old.canvas.after.remove(self._group)
            old.unbind(pos=self._update_outline, size=self._update_outline)
        self.focused, self._group = widget, None
        if widget is None:
            return
        self._group = InstructionGroup()
        self._outer, self._inner = Line(width=OUTLINE_PX / 2), Line(width=OUTLINE_PX / 2)
        for colour, line in ((INK, self._outer), (WHITE, self._inner)):
            self._group.add(Color(*colour, 1))
            self._group.add(line)
        widget.canvas.after.add(self._group)
        widget.bind(pos=self._update_outline, size=self._update_outline)
        self._update_outline(widget)

    def _update_outline(self, widget, *_args) -> None:
        x, y, w, h = widget.x, widget.y, widget.width, widget.height
        half = OUTLINE_PX / 2
        self._outer.rectangle = (x + half, y + half, w - OUTLINE_PX, h - OUTLINE_PX)
        inset = OUTLINE_PX + half
        self._inner.rectangle = (x + inset, y + inset, w - 2 * inset, h - 2 * inset)

    # -- speech ------------------------------------------------------------------------------
    def _say(self, key: str, queue: bool = False, personal: bool = False, **params) -> None:
        """Queue a prompt; personal=True: read aloud (the resident is choosing it), masked in the log."""
        lang = self.app.flow.state.language
        speaker = self.app.voice.speaker
        if lang in speaker.voices:
            speaker.say(key, lang, params, personal=personal, allow_personal=personal,
                        interrupt=not queue)

    def _repeat(self) -> None:
        state = self.app.flow.state
        prompt = screen_prompt(state.screen, state.page)
        speaker = self.app.voice.speaker
        if state.language in speaker.voices:
            speaker.say_msg(prompt.msg, state.language, personal=prompt.personal)
        if self.focused is not None:
            self._focus(self.index, queue=True)


def install(app, root) -> KeypadNavigator:
    """Turn keypad navigation on for the app being built (KioskApp.build calls this)."""
    navigator = KeypadNavigator(app, root)
    navigator.install()
    return navigator
