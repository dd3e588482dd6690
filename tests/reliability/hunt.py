"""What the issue-12 batteries share: `guidedflows` run as a user runs it (its own process, raw bytes out), the
forms a secret can leak in, and a search of every output of a run for them."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, quote_plus

from plugin.flowprojects import secret_forms


def guidedflows(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    """`python -m guidedflows ARGV`: exit code, stdout and stderr as bytes (a control character stays one)."""
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environ.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    done = subprocess.run([sys.executable, "-m", "guidedflows", *argv], capture_output=True, env=environ, cwd=cwd,
                          timeout=600)
    return done.returncode, done.stdout, done.stderr


def forms(secret: str, *shown_by_the_page: str) -> list[bytes]:
    """A secret as it could leak: as typed, without spaces, percent-encoded (%20 and +), escaped by Python's repr, by
    JSON or by HTML, in base64 at any alignment; and as the page made it (dashes, capitals, cut by maxlength)."""
    texts = {secret, secret.replace(" ", ""), quote(secret, safe=""), quote(secret), quote_plus(secret),
             repr(secret)[1:-1], json.dumps(secret)[1:-1], html.escape(secret), *shown_by_the_page}
    found = {text.encode() for text in texts if len(text) > 4}
    found.update(form for form in secret_forms(secret) if len(form) > 4)
    return sorted(found)


def as_a_number(code: str) -> re.Pattern[bytes]:
    """A short code as it would leak: the digits alone, not inside a longer number, a word or base64."""
    return re.compile(rb"(?<![\w.+/=-])" + re.escape(code.encode()) + rb"(?![\w.+/])")


def blobs(root: Path) -> list[tuple[str, bytes]]:
    """Every file under `root`, every member of a zip there, and every file's name: (where, bytes)."""
    found = []
    for path in sorted(root.rglob("*")):
        found.append((f"name of {path}", str(path.relative_to(root)).encode()))
        if not path.is_file():
            continue
        found.append((str(path), path.read_bytes()))
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                found += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
    return found


def leaks(root: Path, printed: dict[str, bytes], wanted: list[bytes], code: str | None = None) -> list[str]:
    """Where any of `wanted` (or the short `code`, as a number) is found: printed outputs and files under `root`."""
    places = [(f"output of {name}", data) for name, data in printed.items()] + blobs(root)
    number = as_a_number(code) if code else None
    found = [f"{where}: {form!r}" for where, data in places for form in wanted if form in data]
    if number is not None:
        found += [f"{where}: the code" for where, data in places if number.search(data)]
    return found
