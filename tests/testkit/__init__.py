"""Tests of the held-out test-data generators themselves."""
