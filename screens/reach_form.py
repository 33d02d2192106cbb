"""Low reach on the apply form: its fields are read above, in the text-only part (issue 13.3).

With the keypad open, the lower 55 % holds the chrome, the keypad and Next, and no room is left
for the field rows; the upper part shows the form's title and every field (label and value, the
one being typed marked ■) as text, so the resident sees the whole form while typing. The rows
stay below as controls (scrolled to the one typed into); Done on the keypad moves to the next.
"""
from __future__ import annotations

from kiosk.flow.apply.pages import FORM
from screens.selection import marked
from screens.widgets import tr


def form_lines(page) -> str:
    """The form's title and one line per field, the field typed into marked."""
    typed = page.input.field_id if page.input is not None else None
    lines = [tr("apply.title.form")]
    lines += [marked(f"{row.label}: {row.text or '—'}", row.id == typed) for row in page.fields]
    return "\n".join(lines)


def install(app) -> None:
    """Keep the reach panel's detail in step with each render (empty off the form / low reach)."""
    def update(state) -> None:
        panel = app.root.ids.reach_panel if app.root is not None else None
        if panel is None:
            return
        show = state.screen == FORM and state.chrome.low_reach
        panel.show_detail(form_lines(state.page) if show else "")
    app.add_render_listener(update)
