"""Command-line values, checked as they are parsed: before any browser starts or any flow runs (issue 12).

Durations the browser can wait (more than 0, at most Node's longest timer), numbers in their range, web URLs with a
host, and the paths a command writes: a folder where a folder goes, a file where a file goes, somewhere it may
write. A bad value is one line on stderr and exit 2; a path found wrong only after every flow ran would lose the
results. Kept free of heavy imports: the parser is built for every command, `--help` included.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from ..defaults import DURATION, LONGEST_MS, UNIT_SECONDS
from ..flow.printable import quoted

LARGEST_SCALE = 10.0  # device pixels per CSS pixel; a 1280-wide page is then a 12,800-pixel-wide image


def _bad(text: str, what: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(f"{quoted(text)} is not {what}")


def duration(text: str) -> float:
    """A duration with its unit (500ms, 10s, 1m), 0 allowed: seconds."""
    match = DURATION.fullmatch(text.strip())
    if not match:
        raise _bad(text, "a duration (e.g. 500ms, 10s, 1m)")
    seconds = float(match.group(1)) * UNIT_SECONDS[match.group(2)]
    if seconds * 1000 > LONGEST_MS:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is longer than the browser can wait (2,147,483,647 ms, about 24 days)")
    return seconds


def pace(text: str) -> float:
    """demo --pace: a duration, or a bare 0 for no pauses at all (what --help promises, issue 14)."""
    return 0.0 if text.strip() in ("0", "0.0") else duration(text)


def timeout(text: str) -> float:
    """A timeout: a duration above 0 (Playwright reads 0 as "wait forever")."""
    seconds = duration(text)
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"{quoted(text)}: a timeout must be more than 0 (e.g. 500ms, 10s)")
    return seconds


def scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _bad(text, "a number such as 1, 1.5 or 2") from None
    if not math.isfinite(value) or not 0 < value <= LARGEST_SCALE:
        raise argparse.ArgumentTypeError(f"{quoted(text)}: the scale must be more than 0 and at most {LARGEST_SCALE:g}")
    return value


def port(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise _bad(text, "a port (1 to 65535)")
    return int(text)


def web_url(text: str) -> str:
    """An http(s) URL with a host. An empty one is refused: it is an unset `$STAGING_URL` in a CI script, and
    running the built-in store instead would pass while testing nothing (issue 12)."""
    from ..flow.urls import web_url_problem

    if not text.strip():
        raise argparse.ArgumentTypeError("it is empty (an unset variable?); give the site's URL, or leave the option out")
    problem = web_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a web address: {problem}")
    return text


def folder(text: str) -> Path:
    """A folder the command will write into (made if need be)."""
    return _writable(Path(text), want_folder=True)


def report_folder(text: str) -> Path:
    """A folder for the HTML report, whose page is FOLDER/index.html."""
    path = folder(text)
    if (path / "index.html").is_dir():
        raise argparse.ArgumentTypeError(f"{path / 'index.html'} is a folder; the report page needs that name")
    return path


def file(text: str) -> Path:
    """A file the command will write (its folder made if need be)."""
    return _writable(Path(text), want_folder=False)


def _writable(path: Path, want_folder: bool) -> Path:
    if path.exists():
        if want_folder and not path.is_dir():
            raise argparse.ArgumentTypeError(f"{path} is a file; give a folder")
        if not want_folder and path.is_dir():
            raise argparse.ArgumentTypeError(f"{path} is a folder; give a file name")
        if not os.access(path, os.W_OK):
            raise argparse.ArgumentTypeError(f"{path} cannot be written (permission denied)")
        return path
    existing = _nearest_existing(path)
    if not existing.is_dir():
        raise argparse.ArgumentTypeError(f"{path} cannot be made: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"{path} cannot be made: {existing} cannot be written (permission denied)")
    return path


def _nearest_existing(path: Path) -> Path:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return Path(path.anchor or "/")  # pragma: no cover - the root always exists
