"""Test-data kits for measuring the kiosk (not used at run time)."""
