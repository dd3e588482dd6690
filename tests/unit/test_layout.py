"""The folders of src/guidedflows are layers (ARCHITECTURE.md): the flow format never loads Playwright, and every
module imports on its own, first, in a fresh interpreter (an import cycle hidden by the order modules happen to be
imported in fails here)."""

from __future__ import annotations

import subprocess
import sys

EVERY_MODULE = """
import importlib, pkgutil, sys
import guidedflows
names = sorted(m.name for m in pkgutil.walk_packages(guidedflows.__path__, "guidedflows.") if not m.name.endswith("__main__"))
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m.startswith("guidedflows")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print(len(names))
print("\\n".join(failed))
"""

FLOW_FORMAT = """
import importlib, pkgutil, sys
import guidedflows.flow as flow
for m in pkgutil.iter_modules(flow.__path__):
    importlib.import_module(f"guidedflows.flow.{m.name}")
print(sorted(m for m in sys.modules if m.split(".")[0] == "playwright"))
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_module_imports_first_on_its_own():
    count, *failed = _run(EVERY_MODULE).splitlines()
    assert int(count) > 60
    assert not [line for line in failed if line], "\n".join(failed)


def test_the_flow_format_loads_no_playwright():
    """`validate` and the loader stay fast and need no browser stack: flow/ (and what it imports) leaves Playwright out."""
    assert _run(FLOW_FORMAT).strip() == "[]"
