"""Kivy screens: render the flow's view state and send intents; the only Kivy code."""
