"""Installed as users install it (issue 14): the wheel built from this repository, installed (not editable) into a
fresh virtual environment, used from a folder outside the repository: `init`, `check`, `docs` and the pytest plugin.
The storefront, the templates and the overlay must all come from the installed package.

Slow (a wheel, a venv and pip from the package index: about half a minute with a warm pip cache); `-m "not slow"`
leaves it out of a quick loop, the default run keeps it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SOME_SHIPPED

REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED = REPOSITORY / "flows"
OLDEST_RUNS = SOME_SHIPPED[:4]  # every action the shipped flows use, and a dialog (checked by the test)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout."""
    root = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "--disable-pip-version-check", "wheel", "--no-deps", "-q", "-w", str(root), str(REPOSITORY)], root)
    [built] = root.glob("guidedflows-*.whl")
    return built


def _venv(root: Path, *requirements: str) -> Path:
    """A fresh venv in `root` with these requirements installed; its bin/ folder.

    The venv is made without pip of its own (installing pip into it takes longer than the rest): this suite's pip
    installs into it (`pip --python`), as the venv's own pip would."""
    _run([sys.executable, "-m", "venv", "--without-pip", str(root / "venv")], root)
    bin_dir = root / "venv" / "bin"
    _run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "-q", "--disable-pip-version-check",
          *requirements], root)
    return bin_dir


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel of this checkout (with its pytest extra); its bin/ folder."""
    return _venv(tmp_path_factory.mktemp("installed"), f"{wheel}[pytest]")


@pytest.fixture(scope="module")
def project(installed, tmp_path_factory) -> Path:
    """`guidedflows init` by the installed package, plus the README's flagship flow (a new tab, an iframe)."""
    folder = tmp_path_factory.mktemp("project")
    _run([str(installed / "guidedflows"), "init"], folder, installed)
    for name in ("change-the-card.yaml", "_open-account-menu.yaml"):
        shutil.copy(SHIPPED / name, folder / "flows" / name)
    return folder


def test_the_package_runs_from_its_installed_files(installed, project):
    code = (
        "import guidedflows, guidedflows.storefront as s; from importlib.metadata import distribution as d;"
        "print(guidedflows.__file__); print(s.site_root()); print(d('guidedflows').read_text('direct_url.json') or '')"
    )
    where, store, direct = _run([str(installed / "python"), "-c", code], project, installed).stdout.splitlines()[:3]
    venv = installed.parent
    assert Path(where).is_relative_to(venv) and Path(store).is_relative_to(venv), (where, store)
    assert Path(store).name == "_storefront" and (Path(store) / "index.html").is_file()
    assert '"editable"' not in direct and not Path(where).is_relative_to(REPOSITORY)


def test_check(installed, project):
    ran = _run([str(installed / "guidedflows"), "check", "--junit", "results/junit.xml"], project, installed)
    assert "2 flows: 2 passed, 0 failed" in ran.stdout
    assert (project / "results/junit.xml").is_file()


def test_docs(installed, project):
    ran = _run([str(installed / "guidedflows"), "docs", "--out", "how-to", "--scale", "1"], project, installed)
    for flow in ("track-a-package", "change-the-card"):
        assert (project / "how-to" / f"{flow}.md").is_file() and (project / "how-to" / f"{flow}.html").is_file()
    assert any((project / "how-to").rglob("*.png")), ran.stdout


def test_pytest_plugin(installed, project):
    ran = _run([str(installed / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, installed)
    assert "2 passed" in ran.stdout, ran.stdout


def _run(argv: list[str], cwd: Path, bin_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Run as a user of that venv would, outside the repository: its bin/ first on PATH, no PYTHONPATH."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    if bin_dir is not None:
        env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(bin_dir.parent))
    ran = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, f"{' '.join(argv)} → exit {ran.returncode}\n{ran.stdout[-3000:]}\n{ran.stderr[-3000:]}"
    return ran


def test_the_oldest_supported_playwright_runs_shipped_flows_that_use_every_action(wheel, tmp_path):
    """issue 15: the range pyproject.toml pins is tested at both ends (the newest is what every other test runs on)."""
    oldest = re.search(r'"playwright>=([\d.]+),', (REPOSITORY / "pyproject.toml").read_text()).group(1)
    bin_dir = _venv(tmp_path, str(wheel), f"playwright=={oldest}.*")
    version = _run([str(bin_dir / "python"), "-c", "from importlib.metadata import version; print(version('playwright'))"], tmp_path, bin_dir)
    assert version.stdout.startswith(oldest), version.stdout
    # The shipped flows that use every action the shipped flows use (upload and show among them) and a dialog: what
    # the oldest Playwright must do for them. (Every shipped flow runs on the newest in tests/storefront.)
    some = [str(SHIPPED / f"{name}.yaml") for name in OLDEST_RUNS]
    assert set().union(*map(_actions, some)) == set().union(*map(_actions, SHIPPED.glob("[!_]*.yaml")))
    ran = _run([str(bin_dir / "guidedflows"), "check", *some], tmp_path, bin_dir)
    assert f"{len(some)} flows: {len(some)} passed, 0 failed" in ran.stdout, ran.stdout


def _actions(path) -> set[str]:
    """The actions a flow file's steps use, with the steps of the flows it uses."""
    from guidedflows.flow.loader import load_flow

    def used(steps) -> set[str]:
        found = set()
        for step in steps:
            found.add(step.action)
            if step.action == "use":
                found |= used(step.payload.flow.setup + step.payload.flow.steps)
        return found

    flow = load_flow(path)
    return used(flow.setup + flow.steps)
