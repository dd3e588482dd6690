"""The `guidedflows` command (commands.py) and its argument types (arguments.py)."""

from .commands import main  # the console script: guidedflows.cli:main

__all__ = ["main"]
