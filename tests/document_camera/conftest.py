"""Shared helpers: the labelled photo generators from testkit.synth."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def synth():
    """The doc_synth module (generates 1920x1080 photos with known corners)."""
    from testkit.synth import doc_synth
    return doc_synth


@pytest.fixture(scope="session")
def conditions(synth):
    """The doc_conditions module (real-desk conditions: light desks, fingers, glare, small cards, ...)."""
    from testkit.synth import doc_conditions
    return doc_conditions
