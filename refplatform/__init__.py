"""Reference government service platform: the real peer of the kiosk's platform link (issue 9)."""
