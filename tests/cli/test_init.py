"""`guidedflows init`: a new project that is green at once, with what an editor and CI need, never overwriting."""

from __future__ import annotations

import pytest

import json
import shlex

import yaml

from guidedflows import __version__
from guidedflows.cli.commands import main
from guidedflows.flow.schema import schema_text
from helpers import run_cli

WRITTEN = [
    "flows/track-a-package.yaml",
    "flows/_accept-cookies.yaml",
    "schema/flow.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".github/workflows/flows.yml",
    ".gitignore",
    "README.md",
]


def test_init_writes_the_project_and_says_what(tmp_path, capsys):
    project = tmp_path / "new project"
    assert main(["init", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(WRITTEN) + 1
    assert all(line.startswith(f"wrote {project / name} ") for line, name in zip(out, WRITTEN))
    assert out[-1] == f"next: cd '{project}' && guidedflows check   (runs flows/ against the built-in storefront)"
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()) == sorted(WRITTEN)
    assert f'pip install "guidedflows=={__version__}"' in (project / ".github/workflows/flows.yml").read_text()


@pytest.mark.browser
def test_the_first_flow_passes_with_the_workflows_own_command(tmp_path, capsys, monkeypatch):
    """`init` then the command the GitHub workflow runs, in the new folder: green, with the reports it uploads."""
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/flows.yml").read_text())
    runs = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    [check] = [run for run in runs if run.startswith("guidedflows check")]
    capsys.readouterr()
    assert run_cli(shlex.split(check)[1:]) == 0
    assert "1 flow: 1 passed, 0 failed" in capsys.readouterr().out
    assert json.loads((tmp_path / "results/results.json").read_text())["run"]["counts"]["passed"] == 1
    assert (tmp_path / "results/junit.xml").is_file() and (tmp_path / "results/report/index.html").is_file()
    [upload] = [step for step in workflow["jobs"]["check"]["steps"] if step.get("uses", "").startswith("actions/upload")]
    assert upload["if"] == "always()" and upload["with"]["path"] == "results/"
    assert run_cli(["check"]) == 0  # and plain `guidedflows check`, as `next:` says


@pytest.mark.browser
def test_the_editor_mapping_points_at_the_schema_and_the_flows_follow_it(tmp_path):
    import jsonschema

    assert main(["init", str(tmp_path)]) == 0
    mapping = json.loads((tmp_path / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping == {"./schema/flow.schema.json": ["flows/*.yaml", "flows/**/*.yaml"]}
    assert (tmp_path / "schema/flow.schema.json").read_text() == schema_text()
    schema = json.loads(schema_text())
    for flow in (tmp_path / "flows").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(flow.read_text()), schema)
    assert main(["validate", str(tmp_path / "flows"), "--strict"]) == 0  # no warning to greet a newcomer


def test_init_never_overwrites(tmp_path, capsys):
    (tmp_path / "README.md").write_text("# Ours\n")
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"kept {tmp_path / 'README.md'} " in out and "(it was already there; not changed)" in out
    assert (tmp_path / "README.md").read_text() == "# Ours\n"
    (tmp_path / "flows/track-a-package.yaml").write_text("flow: Mine\nsteps:\n  - click: A\n")
    assert main(["init", str(tmp_path)]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert (tmp_path / "flows/track-a-package.yaml").read_text() == "flow: Mine\nsteps:\n  - click: A\n"


def test_init_into_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "f").write_text("")
    assert main(["init", str(tmp_path / "f")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
