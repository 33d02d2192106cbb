"""Full-screen panels (help, idle warning) that leave the widget tree while hidden.

Kivy draws a widget at opacity 0 all the same: on Mesa llvmpipe each hidden full-screen panel
cost about a sixth of every frame's rasterisation. Out of the tree it costs nothing and catches
no touch; it comes back in its old stacking place when shown.
"""
from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty


class DetachedWhileHidden:
    """Mixin for a panel with `shown`: out of its parent while not shown, back in place when shown."""

    shown = BooleanProperty(False)

    def on_kv_post(self, base_widget) -> None:
        """Leave the tree once the whole kv rule (and the parent's) has been applied."""
        super().on_kv_post(base_widget)
        self._home = None
        self._above: list = []  # siblings that were above this panel when it left
        self.fbind("parent", self._parent_changed)
        self._parent_changed()

    def _parent_changed(self, *_args) -> None:
        if self.parent is not None and not self.shown:  # not while the parent's rule runs
            Clock.schedule_once(lambda _dt: self._detach_if_hidden(), -1)

    def _detach_if_hidden(self) -> None:
        if self.parent is not None and not self.shown:
            self._detach()

    def on_shown(self, _instance, shown: bool) -> None:
        """Come back above the widgets that were below, or leave."""
        if shown:
            self._attach()
        elif self.parent is not None:
            self._detach()

    def _detach(self) -> None:
        home = self.parent
        siblings = home.children
        self._above = siblings[:siblings.index(self)]  # children[0] is drawn last (on top)
        self._home = home
        kept = home.__dict__.setdefault("_detached_panels", set())
        kept.add(self)  # ids are weak references: the home keeps the panel alive meanwhile
        home.remove_widget(self)

    def _attach(self) -> None:
        home = self._home
        if home is None or self.parent is not None:
            return
        index = sum(1 for w in home.children if any(w is a for a in self._above))
        home.add_widget(self, index)
        home.__dict__.get("_detached_panels", set()).discard(self)
