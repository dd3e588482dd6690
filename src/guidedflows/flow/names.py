"""Names that become files and folders (flow ids, step ids, screenshot names), and where files may be written.

A flow is data from anyone who can open a pull request: its id names the folder of its screenshots and trace and the
pages of its how-to, so `id: ../../elsewhere/x` must not write (or delete) anything outside the folder it was given
(issue 12). Names are checked when the flow is loaded; every path written is checked again when it is made.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError

SAFE = re.compile(r"[\w.-]+\Z")  # letters and digits (any script), `_`, `-` and `.`
SAFE_WORDS = "letters, digits, -, _ and ."


class OutsideFolder(UsageError):
    """A path to write that would leave the folder it belongs in (a flow built by hand, not by the loader)."""


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a flow id, step id or screenshot name, or None when it can."""
    if not SAFE.match(name):
        return f"can hold only {SAFE_WORDS} (it names files and folders)"
    if ".." in name:
        return 'cannot hold ".." (it names files and folders)'
    return None


def inside(folder: Path, *parts: str) -> Path:
    """`folder/parts…`, refusing one that would be outside `folder` once `..` and symbolic links are resolved."""
    path = folder.joinpath(*parts)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise OutsideFolder(f"refusing to write {path}: it is outside {folder}")
    return path
