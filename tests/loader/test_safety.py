"""R4 safe YAML: nothing in a flow file is ever constructed or executed, and no unsafe YAML loader is used anywhere.

Also: loading a flow starts no process at all, and `use` does not read files the flow has no business naming.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guidedflows.cli.commands import main
from guidedflows.errors import FlowFileError
from guidedflows.flow.loader import load_flow

from .conftest import BAD, GOOD

SRC = Path(__file__).resolve().parents[2] / "src"


def payloads(canary: Path) -> dict[str, str]:
    """Flow files that would create `canary` if any part of them were constructed by an unsafe loader."""
    command = f'["touch {canary}"]'
    return {
        "apply": f"flow: Payload\nsteps:\n  - click: !!python/object/apply:os.system {command}\n",
        "apply-in-title": f"flow: !!python/object/apply:os.system {command}\nsteps:\n  - click: Save\n",
        "apply-as-key": f"flow: Payload\nsteps:\n  - ? !!python/object/apply:os.system {command}\n    : Save\n",
        "apply-mapping": (
            "flow: Payload\nsteps:\n  - click: !!python/object/apply:os.system\n"
            f"      args: {command}\n"
        ),
        "new": f"flow: Payload\nsteps:\n  - click: !!python/object/new:subprocess.Popen [[touch, '{canary}']]\n",
        "name": "flow: Payload\nsteps:\n  - click: !!python/name:os.system ''\n",
        "module": "flow: Payload\nsteps:\n  - click: !!python/module:os ''\n",
        "tag-directive": (
            "%TAG !py! tag:yaml.org,2002:python/\n---\n"
            f"flow: Payload\nsteps:\n  - click: !py!object/apply:os.system {command}\n"
        ),
        "verbatim": f"flow: Payload\nsteps:\n  - click: !<tag:yaml.org,2002:python/object/apply:os.system> {command}\n",
        "in-setup-behind-an-anchor": (
            f"flow: Payload\nx: &x !!python/object/apply:os.system {command}\nsetup:\n  - click: *x\nsteps:\n  - click: Save\n"
        ),
        "in-a-used-flow": "flow: Payload\nsteps:\n  - use: _payload.yaml\n",
    }


def test_the_payload_is_live(tmp_path):
    """Positive control: an unsafe loader really runs this payload, so the tests below are not vacuous."""
    canary = tmp_path / "x-canary-control"
    yaml.load(payloads(canary)["apply"], Loader=yaml.UnsafeLoader)  # noqa: S506 - deliberately, in a test only
    assert canary.exists()


@pytest.mark.parametrize("kind", list(payloads(Path("/x"))))
def test_python_tags_are_rejected_and_run_nothing(kind, tmp_path, capsys):
    canary = tmp_path / "x-canary"
    (tmp_path / "_payload.yaml").write_text(payloads(canary)["apply"])
    path = tmp_path / f"{kind}.yaml"
    path.write_text(payloads(canary)[kind])
    with pytest.raises(FlowFileError) as caught:
        load_flow(path)
    assert "YAML tags are not allowed here (!!python/" in caught.value.show()
    assert main(["validate", str(path)]) == 2
    assert "YAML tags are not allowed here" in capsys.readouterr().err
    assert not canary.exists()


def test_the_corpus_payload_is_rejected_and_runs_nothing():
    source = (BAD / "23-python-object-apply.yaml").read_text()
    canary = Path(re.search(r"touch (\S+)\"", source).group(1))
    canary.unlink(missing_ok=True)
    with pytest.raises(FlowFileError) as caught:
        load_flow(BAD / "23-python-object-apply.yaml")
    problem = caught.value.problems[0]
    assert (problem.span.line, problem.span.column) == (3, 12)
    assert problem.message == "YAML tags are not allowed here (!!python/object/apply:os.system)"
    assert not canary.exists()


def test_loading_starts_no_process(monkeypatch):
    """Every good and bad flow loads (or is refused) without os.system, exec or subprocess ever being called."""
    calls = []

    def forbidden(*args, **kwargs):
        calls.append(args)
        raise AssertionError(f"the loader tried to start a process: {args!r}")

    for name in ("system", "popen", "execv", "execve", "execvp", "spawnv", "posix_spawn", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    monkeypatch.setenv("GF_TEST_HOME", "/home/ada")
    monkeypatch.setenv("GF_TEST_COUNTRY", "France")
    files = sorted(BAD.glob("*.yaml")) + sorted(GOOD.glob("*.y*ml"))
    assert len(files) > 60
    for path in files:
        try:
            load_flow(path, require_values=False)
        except FlowFileError:
            pass
    assert calls == []


# -- no unsafe loader in the source ---------------------------------------------------------------------------------

UNSAFE = [
    re.compile(r"\byaml\.(load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all)\s*\("),
    re.compile(r"\bLoader\s*=\s*(yaml\.)?C?(Loader|FullLoader|UnsafeLoader)\b"),
    re.compile(r"\byaml\.C?(Loader|FullLoader|UnsafeLoader)\b"),
    re.compile(r"\bfrom\s+yaml\s+import\s+[^\n]*\b(load|load_all|full_load|unsafe_load|C?Loader|C?FullLoader|C?UnsafeLoader)\b"),
    re.compile(r"\b(add_constructor|add_multi_constructor)\s*\("),
]


def unsafe_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if any(p.search(line) for p in UNSAFE)]


def test_the_scanner_finds_unsafe_loaders():
    """The scan below would catch each way of loading YAML unsafely (and lets the safe ones through)."""
    caught = [
        "data = yaml.load(text)",
        "data = yaml.load(text, Loader=yaml.Loader)",
        "data = yaml.load(text, Loader=yaml.FullLoader)",
        "data = yaml.load(text, Loader=yaml.UnsafeLoader)",
        "data = yaml.load(text, Loader=yaml.CLoader)",
        "data = yaml.full_load(text)",
        "data = yaml.unsafe_load(text)",
        "data = yaml.load_all(text)",
        "from yaml import load, Loader",
        "from yaml import CUnsafeLoader as L",
        "yaml.add_constructor('!x', build)",
    ]
    assert [line for line in caught if not unsafe_lines(line)] == []
    passed = [
        "from yaml import CSafeLoader as _Loader",
        "from yaml import SafeLoader as _Loader",
        "for event in yaml.parse(source.text, Loader=_Loader):",
        "data = yaml.safe_load(text)",
    ]
    assert [line for line in passed if unsafe_lines(line)] == []


def test_no_unsafe_yaml_loader_in_the_source():
    files = sorted(SRC.rglob("*.py"))
    assert len(files) >= 10
    found = {str(path.relative_to(SRC)): unsafe_lines(path.read_text("utf-8")) for path in files}
    assert {name: lines for name, lines in found.items() if lines} == {}
    # and the one place that parses YAML does so with a safe loader
    yamlread = (SRC / "guidedflows" / "flow" / "yamlread.py").read_text("utf-8")
    assert re.search(r"from yaml import C?SafeLoader as _Loader", yamlread)


# -- use: only flows -------------------------------------------------------------------------------------------------


def _use_of(tmp_path: Path, ref: str) -> Path:
    flows = tmp_path / "flows"
    flows.mkdir(exist_ok=True)
    path = flows / "leak.yaml"
    path.write_text(f"flow: Leak\nsteps:\n  - use: {ref}\n")
    return path


ENVIRON_REFS = [
    pytest.param("/proc/self/environ", id="absolute"),
    pytest.param("../" * 30 + "proc/self/environ", id="dot-dot"),
]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("ref", ENVIRON_REFS)
def test_use_never_prints_a_file_that_is_not_a_flow(ref, tmp_path):
    # /proc/self/environ holds the environment the process started with, so the canary is given to a fresh process
    path = _use_of(tmp_path, ref)
    env = {"GF_CANARY_TOKEN": "ghp_CANARY0123456789", **os.environ}  # first: the excerpt shows the first line
    run = subprocess.run(
        [sys.executable, "-m", "guidedflows", "validate", str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "ghp_CANARY0123456789" not in run.stdout + run.stderr


def test_use_does_not_follow_an_absolute_path(tmp_path):
    secret_file = tmp_path / "elsewhere" / "secret.txt"
    secret_file.parent.mkdir()
    secret_file.write_text("TOP-SECRET-LINE\n")
    path = _use_of(tmp_path, str(secret_file))
    with pytest.raises(FlowFileError) as caught:
        load_flow(path)
    shown = caught.value.show()
    assert "TOP-SECRET-LINE" not in shown
    problem = caught.value.problems[0]
    assert (problem.span.path, problem.span.line, problem.span.column) == (str(path), 3, 10)
