"""The identify screen with the ladder: the rung's message, its entries and keypad, the other ways offered."""
from __future__ import annotations

from kivy.factory import Factory
from kivy.uix.boxlayout import BoxLayout

from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.identity_pages import EntryRow, IdentityPage
from kiosk.input.keypads import keypad_for
from screens.widgets import BigButton, say, send, tr

# the rung -> (label key, intent) of its main button; the e-ID rung has none (the camera reads)
MAIN_ACTION = {"id_card": ("apply.read_card", ai.ReadIdCard),
               "passport": ("apply.ident.passport.read", ii.ReadPassport),
               "typed": ("apply.ident.typed.check", ii.SubmitTypedIdentity)}


def _line(box, text: str) -> None:
    box.add_widget(Factory.BodyLabel(text=text))


def _button(box, text: str, on_press, role: str = "primary") -> BigButton:
    button = BigButton(text=text, role=role)
    button.bind(on_release=lambda *_: on_press())
    box.add_widget(button)
    return button


def _keep_short_content_on_top(scroller, body) -> None:
    """A rung shorter than the screen stays at the top.

    Kivy's scroll effect, still settling after the tap that changed the rung, can push scroll_y far
    out of range once the content shrinks below the viewport: the whole body then draws off screen.
    """
    def clamp(*_) -> None:
        if body.height <= scroller.height and scroller.scroll_y != 1:
            scroller.scroll_y = 1
    scroller.bind(scroll_y=clamp, height=clamp)
    body.bind(height=clamp)


def focused_entry(screen, page: IdentityPage) -> EntryRow | None:
    """The entry the keypad types into: the one tapped, else the first empty or wrong one."""
    ids = [e.id for e in page.entries]
    if getattr(screen, "identity_field", None) not in ids:
        screen.identity_field = next((e.id for e in page.entries if not e.text or e.error),
                                     ids[0] if ids else None)
    return next((e for e in page.entries if e.id == screen.identity_field), None)


def render_identity(screen, page: IdentityPage, body, actions) -> None:
    """Fill the apply screen's body, keypad and actions from an IdentityPage."""
    screen.ids.title.text = tr("apply.title.identify")
    shown = (page.way, page.state, page.message)
    if getattr(screen, "identity_shown", None) is None:
        _keep_short_content_on_top(screen.ids.scroller, body)
    if getattr(screen, "identity_shown", None) != shown:  # another rung or outcome: start at the top
        screen.identity_shown = shown
        screen.ids.scroller.scroll_y = 1
    _line(body, say(page.message))
    for msg in (page.note, page.typed_refused if page.typed_refused != page.message else None,
                *page.refused):
        if msg is not None and msg != page.message:
            _line(body, say(msg))
    busy = page.state in ("reading", "verifying", "blocked")
    current = focused_entry(screen, page)
    for entry in page.entries:
        text = f"{say(entry.label)}: {entry.text or '—'}"
        if entry.error is not None:
            text += f"\n{say(entry.error)}"
        role = "accent" if current is not None and entry.id == current.id else "plain"
        _button(body, text, lambda fid=entry.id: _focus(screen, fid), role)
    if busy:
        return
    if page.mrz_camera:
        _button(body, tr("apply.ident.mrz.scan"), lambda: send(ii.ScanMrz()), "plain")
    for way in page.offers:
        role = "accent" if way == page.next_way else "plain"
        _button(body, tr("apply.ident.use_way", way=tr(f"apply.ident.way.{way}")),
                lambda w=way: send(ii.ChooseIdentityWay(w)), role)
    if current is not None:
        _keypad(screen.ids.keypad, current)
    if page.way in MAIN_ACTION:
        key, intent = MAIN_ACTION[page.way]
        _button(actions, tr(key), lambda i=intent: send(i()))


def _focus(screen, field_id: str) -> None:
    from kivy.app import App
    screen.identity_field = field_id
    state = App.get_running_app().flow.state
    screen.render(state.page, state.chrome)


def _keypad(box, entry: EntryRow) -> None:
    layout = keypad_for(entry.keypad)
    for keys in layout.rows:
        line = BoxLayout(size_hint_y=None, height=56, spacing=4)
        for key in keys:
            if key.action == "switch":
                continue  # pinyin for names is the form's keypad; Latin letters only here
            label = key.value if key.action == "insert" else tr(f"keypad.{key.action}")
            button = Factory.Button(text=label, font_size=24)
            button.bind(on_release=lambda *_, k=key: _key(entry, k))
            line.add_widget(button)
        box.add_widget(line)


def _key(entry: EntryRow, key) -> None:
    from kivy.app import App
    page = App.get_running_app().flow.state.page
    text = next((e.text for e in getattr(page, "entries", ()) if e.id == entry.id), "")
    if key.action in ("insert", "space"):
        text += key.value
    elif key.action == "backspace":
        text = text[:-1]
    elif key.action == "clear":
        text = ""
    else:
        return
    send(ii.TypeIdentityField(entry.id, text))
