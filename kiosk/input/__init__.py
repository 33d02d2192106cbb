"""Touch-screen input engine: pinyin sessions, division pickers, field validation, form drafts (no Kivy)."""
