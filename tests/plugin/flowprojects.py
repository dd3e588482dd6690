"""Flows, and a secret to hunt for, shared by the plugin and report tests.

(pytester is enabled by `-p pytester` in pyproject's addopts: pytest refuses `pytest_plugins` in a conftest below
the rootdir.)"""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path

SECRET = "s3cr3t agent 0042"  # has a space, so "without spaces" is a different string to look for

GREETING = """\
flow: Greeting
tags: [cards]
params:
  text: Nope
steps:
  - click: ${text}
  - expect: {testid: log}
    text: clicked
"""

BROKEN = """\
flow: Broken
tags: [smoke]
steps:
  - click: Press me
  - click: Does not exist
    timeout: 500ms
"""

SECRET_FLOW = f"""\
flow: Secret email
params:
  email: {{default: "{SECRET}", secret: true}}
steps:
  - click: Press me
  - fill: Email
    value: ${{email}}
  - expect: {{testid: log}}
    text: clicked
"""

SECRET_FAILING = f"""\
flow: Secret then broken
params:
  email: {{default: "{SECRET}", secret: true}}
steps:
  - fill: Email
    value: ${{email}}
  - expect: Email
    value: nobody@example.com
    timeout: 500ms
"""

STOREFRONT = """\
flow: Storefront {n}
steps:
  - expect: page
    title: "Marketly · Shop deals from sellers worldwide"
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def secret_forms(secret: str = SECRET) -> list[bytes]:
    """The secret as it could leak: as typed, without spaces, and in base64 at any of its 3 alignments."""
    plain = secret.encode()
    squeezed = secret.replace(" ", "").encode()
    forms = [plain, squeezed]
    for raw in (plain, squeezed):
        for shift in range(3):
            encoded = base64.b64encode(b"\0" * shift + raw)
            start = {0: 0, 1: 2, 2: 3}[shift]  # characters that still depend on the bytes before the secret
            whole = (shift + len(raw)) * 8 // 6  # characters that do not depend on the bytes after it
            forms.append(encoded[start:whole])
    return forms


def files_holding(root: Path, forms: list[bytes]) -> list[str]:
    """Every file under `root` (and every member of a zip there) that contains one of `forms`."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        blobs = [(str(path), path.read_bytes())]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
        found += [where for where, data in blobs if any(form in data for form in forms)]
    return found

