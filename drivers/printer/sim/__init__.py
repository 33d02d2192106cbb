"""Transport-level printer simulator: an ESC/POS printer on a pty that renders PNG slips (pty)."""
