"""Auto-capture fires only after the page has been steady and sharp for N frames."""
import numpy as np

from drivers.document_camera.autocapture import FIRED, AutoCapture

PAGE = np.array([[400, 200], [1400, 230], [1380, 900], [420, 880]], float)
DIAG = float(np.hypot(1920, 1080))


def _run(ac, frames):
    return [ac.update(c, ok).fire for c, ok in frames]


def test_fires_after_n_steady_frames_only():
    ac = AutoCapture(DIAG, steady_frames=5)
    rng = np.random.default_rng(0)
    fires = _run(ac, [(PAGE + rng.normal(0, 0.5, (4, 2)), True) for _ in range(5)])
    # the first frame has no predecessor, so it counts; fire on the 5th
    assert fires == [False, False, False, False, True]
    assert ac.state == FIRED


def test_moving_page_never_fires():
    ac = AutoCapture(DIAG, steady_frames=4)
    fires = _run(ac, [(PAGE + [i * 15.0, 0], True) for i in range(30)])
    assert not any(fires)


def test_poor_quality_resets_the_count():
    ac = AutoCapture(DIAG, steady_frames=4)
    seq = [(PAGE, True)] * 3 + [(PAGE, False)] + [(PAGE, True)] * 3
    assert not any(_run(ac, seq))
    assert ac.update(PAGE, True).fire


def test_same_page_captured_once_then_next_page_after_removal():
    ac = AutoCapture(DIAG, steady_frames=3, gone_frames=2)
    assert _run(ac, [(PAGE, True)] * 3)[-1]
    assert not any(_run(ac, [(PAGE, True)] * 20))          # still the same page
    assert not any(_run(ac, [(None, True)] * 2))             # page taken away
    assert _run(ac, [(PAGE + 3, True)] * 3)[-1]              # next page laid down


def test_page_swapped_without_gap_counts_as_new():
    ac = AutoCapture(DIAG, steady_frames=3)
    assert _run(ac, [(PAGE, True)] * 3)[-1]
    other = PAGE + [200.0, 50.0]
    assert _run(ac, [(other, True)] * 4)[-1]


def test_rearm_allows_recapturing_the_page_in_view():
    ac = AutoCapture(DIAG, steady_frames=2)
    assert _run(ac, [(PAGE, True)] * 2)[-1]
    assert not ac.update(PAGE, True).fire
    ac.rearm()
    assert _run(ac, [(PAGE, True)] * 2)[-1]
