"""Shared helpers: the benchmark's labelled photo generator, loaded from bench/doc_synth.py."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SYNTH = Path(__file__).resolve().parents[2] / "bench" / "doc_synth.py"


@pytest.fixture(scope="session")
def synth():
    """The doc_synth module (generates 1920x1080 photos with known corners)."""
    spec = importlib.util.spec_from_file_location("doc_synth", _SYNTH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["doc_synth"] = mod   # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def conditions(synth):
    """The doc_conditions module (real-desk conditions: light desks, fingers, glare, small cards, ...)."""
    path = _SYNTH.with_name("doc_conditions.py")
    spec = importlib.util.spec_from_file_location("doc_conditions", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["doc_conditions"] = mod
    spec.loader.exec_module(mod)
    return mod
