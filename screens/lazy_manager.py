"""LazyScreenManager: screens registered by name are built on first use, or in idle frames.

Building every screen before the first frame cost most of the cold start (each screen applies its
kv rules, creates its labels and binds its properties). The attract screen is built at once; the
others are registered with the names their factory makes and built when first asked for
(`get_screen`, `current`) or one group per frame after the first frame, so a resident's first
touch finds them ready.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from kivy.clock import Clock
from kivy.uix.screenmanager import Screen, ScreenManager, ScreenManagerException

Factory = Callable[[], Iterable[Screen]]


class LazyScreenManager(ScreenManager):
    """A ScreenManager that also holds not-yet-built screens, by name."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._pending: list[tuple[tuple[str, ...], Factory, Callable[[], None] | None]] = []

    def add_lazy(self, names: Sequence[str], factory: Factory,
                 after: Callable[[], None] | None = None) -> None:
        """Register factory, which makes the screens called names (in any order), for later;
        after() runs once they are added (to decorate them through get_screen)."""
        taken = set(names) & (set(self.pending_names()) | {s.name for s in self.screens})
        if taken:
            raise ScreenManagerException(f"screens registered twice: {sorted(taken)}")
        self._pending.append((tuple(names), factory, after))

    def pending_names(self) -> list[str]:
        """Names registered but not built yet."""
        return [name for names, _f, _a in self._pending for name in names]

    def build_pending(self, name: str | None = None) -> bool:
        """Build the group that makes name (None: the next group); False when nothing was built."""
        for i, (names, factory, after) in enumerate(self._pending):
            if name is None or name in names:
                del self._pending[i]
                screens = list(factory())
                made = sorted(s.name for s in screens)
                if made != sorted(names):
                    raise ScreenManagerException(f"factory for {sorted(names)} made {made}")
                for screen in screens:
                    self.add_widget(screen)
                if after is not None:
                    after()
                return True
        return False

    def build_all(self) -> None:
        """Build every registered screen now."""
        while self.build_pending():
            pass

    def build_in_idle_frames(self, on_done: Callable[[], None] | None = None) -> None:
        """Build the registered groups one per frame, in registration order, then call on_done."""
        def step(_dt) -> None:
            if self.build_pending():
                Clock.schedule_once(step, 0)
            elif on_done is not None:
                on_done()
        Clock.schedule_once(step, 0)

    def get_screen(self, name):
        """The screen called name, built now if it was only registered."""
        if name in self.pending_names() and not super().has_screen(name):
            self.build_pending(name)
        return super().get_screen(name)

    def is_built(self, name: str) -> bool:
        """True once the screen called name exists (registered ones exist after first use)."""
        return super().has_screen(name)

    def has_screen(self, name):
        """True for built and registered screens alike."""
        return name in self.pending_names() or super().has_screen(name)
