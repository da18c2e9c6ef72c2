"""`python -m kuril_map` runs the command line."""

import sys

from kuril_map.cli import main

sys.exit(main())
