"""Low reach: the live camera preview moves up into the text-only part (issue 13.3, ADA §707).

In low-reach mode every control lives in the lower 55 % of the screen; a preview is not a control,
and a seated resident sees it best at eye height, so the screen's own preview folds away and the
reach panel's preview follows the same camera feed (CameraFeed.frame() may be read by two previews).
"""
from __future__ import annotations

from screens.preview import CameraPreview


def live_preview(screen) -> CameraPreview | None:
    """The screen's preview that is following a camera feed, or None."""
    stack = [screen]
    while stack:
        widget = stack.pop()
        if isinstance(widget, CameraPreview) and widget._feed is not None:
            return widget
        stack.extend(widget.children)
    return None


class ReachPreview:
    """Keeps the reach panel's preview in step with the shown screen after every render."""

    def __init__(self, app) -> None:
        self.app = app
        self.folded: CameraPreview | None = None  # the screen's preview folded away for low reach

    def update(self, state) -> None:
        """After a render: mirror the screen's live preview above in low reach, else restore it."""
        root = self.app.root
        if root is None:
            return
        screen = root.ids.manager.current_screen
        source = live_preview(screen) if state.chrome.low_reach and screen is not None else None
        panel = root.ids.reach_panel
        if source is not self.folded:
            self._unfold()
        if source is None:
            panel.show_preview(None, None)
            return
        panel.show_preview(source._feed, source._corners)
        self.folded = source
        source.stop()
        source.opacity, source.size_hint_y, source.height = 0, None, 0

    def _unfold(self) -> None:
        if self.folded is not None:
            # the screen's own render (just before this listener) has restarted it if still shown
            self.folded.opacity, self.folded.size_hint_y = 1, 1
            self.folded = None


def install(app) -> ReachPreview:
    """Register the mirror as a render listener of the app."""
    mirror = ReachPreview(app)
    app.add_render_listener(mirror.update)
    return mirror
