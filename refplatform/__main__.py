"""python -m refplatform: the kiosk-platform command."""
import sys

from refplatform.cli import main

sys.exit(main())
