"""Tuning-set image generators (labelled QR frames and document photos) that benches and tests share."""
