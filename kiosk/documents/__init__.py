"""Scanned materials: the quality-hint vocabulary shown to residents and PDF assembly."""
