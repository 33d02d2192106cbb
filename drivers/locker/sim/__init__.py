"""The "8A" locker board simulator as its own process on a pty: `python -m drivers.locker.sim`."""
