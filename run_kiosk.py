"""Start the kiosk from a checkout: `python run_kiosk.py [--profile bank_branch] [--demo]`."""
import sys

from screens.main import main

if __name__ == "__main__":
    sys.exit(main())
