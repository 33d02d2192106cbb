"""kiosk/diag package."""
