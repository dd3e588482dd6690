"""`python -m guidedflows` is the `guidedflows` command."""

import sys

from .cli import main

sys.exit(main())
