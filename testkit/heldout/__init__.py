"""Held-out image generators written from condition descriptions, for honest measurement only."""
