"""The committed bundles (the tour runtime, its overlay, check mode's target engine) are what their sources build (issue 17: "CI
checks the committed bundle matches its sources"). The build's node_modules come from `npm ci` of js/package-lock.json
into a cache folder named by the lockfile's hash (~/.cache/guidedflows/tour-build/HASH, or $GUIDEDFLOWS_NPM_CACHE):
the first run installs (seconds), later runs reuse it. Without Node.js and npm the test is skipped, saying so."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "js"
BUNDLE = ROOT / "src" / "guidedflows" / "export" / "js" / "tour-runtime.js"
OVERLAY = ROOT / "src" / "guidedflows" / "overlay"
ENGINE = ROOT / "src" / "guidedflows" / "js" / "target-engine.js"  # check mode's in-page target search (inpage.py)


def build_folder() -> Path:
    """A folder with js/'s package files, build script and an installed node_modules (npm ci, once per lockfile)."""
    lock = (JS / "package-lock.json").read_bytes()
    base = Path(os.environ.get("GUIDEDFLOWS_NPM_CACHE", Path.home() / ".cache" / "guidedflows" / "tour-build"))
    folder = base / hashlib.sha256(lock + (JS / "package.json").read_bytes()).hexdigest()[:16]
    if not (folder / "node_modules" / ".package-lock.json").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(JS / name, folder / name)
        done = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=folder, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            pytest.skip(f"npm ci could not install the build's packages (no registry here?): {done.stderr.strip()[-300:]}")
    shutil.copy(JS / "build.mjs", folder / "build.mjs")  # the build resolves its packages beside itself
    return folder


def test_the_committed_bundle_matches_its_sources():
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are not installed: the committed bundle cannot be rebuilt here (users never need them)")
    folder = build_folder()
    done = subprocess.run(["node", "build.mjs", "--check", "--src", str(JS / "src"), "--out", str(BUNDLE),
                           "--overlay", str(OVERLAY), "--overlay-out", str(BUNDLE.with_name("tour-overlay.js")),
                           "--engine-out", str(ENGINE)],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout


def test_the_wheel_ships_the_bundle():
    """Package data: hatch packs src/guidedflows whole, so the built runtime is in the wheel beside export/."""
    from importlib import resources

    shipped = resources.files("guidedflows.export").joinpath("js", "tour-runtime.js")
    assert shipped.is_file() and shipped.read_text("utf-8").startswith("// guidedflows tour runtime")
    engine = resources.files("guidedflows").joinpath("js", "target-engine.js")
    assert engine.is_file() and engine.read_text("utf-8").startswith("// guidedflows target engine")
