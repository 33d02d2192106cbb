"""Shared fixtures for printer tests."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from printer_helpers import GUIDE_URL, Receipt, acceptance_receipt  # noqa: E402


@pytest.fixture
def guide_url() -> str:
    """The URL the acceptance receipt's QR code carries."""
    return GUIDE_URL


@pytest.fixture
def receipt() -> Receipt:
    """The acceptance receipt."""
    return acceptance_receipt()
