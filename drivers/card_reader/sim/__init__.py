"""Transport-level card simulators: a SAM ID-card reader on a pty (sam), an e-passport on vpcd (vicc)."""
