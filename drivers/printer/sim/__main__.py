"""`python -m drivers.printer.sim --link PATH --out DIR`: the ESC/POS printer simulator on a pty."""
import sys

from drivers.printer.sim.pty import main

if __name__ == "__main__":
    sys.exit(main())
