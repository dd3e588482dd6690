"""`python -m guidedflows` is the `guidedflows` command."""

import sys

from .cli.commands import main

sys.exit(main())
