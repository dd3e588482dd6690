"""`validate` reads many files in parts, one per core, each other part in a forked process (flow/validation.py, B4):
what it prints, the errors it gives and the processes it leaves are those of reading every file here in one part."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from guidedflows.cli.commands import main
from guidedflows.errors import FlowFileError, UsageError
from guidedflows.flow import validation
from guidedflows.flow.loader import Loader
from guidedflows.flow.validation import validate

PARTIAL = 'flow: Accept cookies\nsteps:\n  - click: {css: "#accept"}\n'
FLOW = """\
flow: Flow {n}
params:
  code: {{default: "c{n}", secret: true}}
setup:
  - use: _cookies
steps:
  - click: {{css: "#save-{n}"}}
  - fill: Code
    value: ${{code}}
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "PART", 2)  # a part per two files: six files make three parts
    (tmp_path / "_cookies.yaml").write_text(PARTIAL)
    for n in range(6):
        (tmp_path / f"flow-{n}.yaml").write_text(FLOW.format(n=n))
    return tmp_path


def printed(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def forks(monkeypatch):
    """The pids of the processes forked while the test runs."""
    pids: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return pids


def reaped(pids: list[int]) -> bool:
    """Every one of these child processes has ended and been waited for."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parts are read in forked processes")
def test_parts_print_what_one_part_prints(folder, capsys, monkeypatch, forks):
    one = validate([folder], {}, jobs=1)
    three = validate([folder], {}, jobs=3)
    assert [(f.id, f.path, f.steps, [p.name for p in f.params]) for f in three.flows] == [
        (f.id, f.path, f.steps, [p.name for p in f.params]) for f in one.flows
    ]
    assert three.rendered == one.rendered
    partial = [w for w in one.rendered if "_cookies.yaml" in w.splitlines()[0]]
    assert len(partial) == 2  # the partial every part loads is warned about once: its selector, its missing say
    assert len(one.rendered) == 2 * 6 + 2
    code, out, _ = printed(capsys, str(folder))
    monkeypatch.setattr(validation, "PART", 10**6)
    assert printed(capsys, str(folder)) == (code, out, "")
    assert out.startswith("6 flows valid (12 steps), 14 warnings:")
    cores = validation._cores()
    assert len(forks) == 2 + min(cores, 3) - 1 and reaped(forks)  # two for validate(jobs=3), a part per core after


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parts are read in forked processes")
def test_every_parts_problems_are_reported_in_file_order(folder, capsys, forks):
    for n in (1, 4):  # in the first part and in a forked one
        (folder / f"flow-{n}.yaml").write_text(f"flow: Broken {n}\nsteps:\n  - clik: Save\n")
    with pytest.raises(FlowFileError) as raised:
        validate([folder], {}, jobs=3)
    assert [(p.span.path.rsplit("/", 1)[1], p.span.line, p.message[:14]) for p in raised.value.problems] == [
        ("flow-1.yaml", 3, 'unknown action'),
        ("flow-4.yaml", 3, 'unknown action'),
    ]
    code, out, err = printed(capsys, str(folder))
    assert code == 2 and out == ""
    assert "flow-1.yaml:3:5: unknown action" in err and "flow-4.yaml:3:5: unknown action" in err
    assert forks and reaped(forks)


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not this one")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parts are read in forked processes")
@pytest.mark.parametrize(
    "raised, expected",
    [
        (UsageError("cannot read flow-5.yaml: Input/output error"), "cannot read flow-5.yaml: Input/output error"),
        (Unpicklable("deep inside"), "Unpicklable: deep inside"),
    ],
)
def test_an_error_in_a_forked_part_is_raised_here(folder, forks, monkeypatch, raised, expected):
    load = Loader.load

    def failing(self, path, params, hidden=()):
        if path.name == "flow-5.yaml":  # in the last part, read by a forked process
            raise raised
        return load(self, path, params, hidden)

    monkeypatch.setattr(Loader, "load", failing)
    with pytest.raises((UsageError, RuntimeError), match=expected):
        validate([folder], {}, jobs=3)
    assert len(forks) == 2 and reaped(forks)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parts are read in forked processes")
def test_a_part_that_fails_here_stops_the_forked_ones(folder, forks, monkeypatch):
    load = Loader.load

    def failing(self, path, params, hidden=()):
        if path.name == "flow-0.yaml":
            raise KeyboardInterrupt
        if path.name == "flow-5.yaml":
            signal.pause()  # a part that never ends by itself: validate returns only if it is stopped
        return load(self, path, params, hidden)

    monkeypatch.setattr(Loader, "load", failing)
    with pytest.raises(KeyboardInterrupt):
        validate([folder], {}, jobs=3)
    assert len(forks) == 2 and reaped(forks)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parts are read in forked processes")
def test_two_flows_with_one_id_in_different_parts_are_refused(folder, capsys):
    (folder / "flow-5.yaml").write_text("id: flow-0\n" + FLOW.format(n=5))
    code, out, err = printed(capsys, str(folder))
    assert code == 2 and 'two flows have the id "flow-0"' in err


def test_a_command_line_run_on_many_files_uses_the_cores(tmp_path):
    """The command as a person runs it: 2 × PART flows on two cores or more are read in two processes, and say so in
    nothing but the time they take: the output is the same as one process's."""
    (tmp_path / "_cookies.yaml").write_text(PARTIAL)
    for n in range(2 * validation.PART):
        (tmp_path / f"flow-{n:03d}.yaml").write_text(FLOW.format(n=n))
    program = (
        "import sys, os\n"
        "from guidedflows.flow import validation\n"
        "forks = []\n"
        "fork = os.fork\n"
        "os.fork = lambda: forks.append(1) or fork()\n"
        "if sys.argv[1] == 'one': validation.PART = 10**6\n"
        "from guidedflows.cli.commands import main\n"
        "code = main(['validate', sys.argv[2]])\n"
        "print('forks', len(forks), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    runs = {
        how: subprocess.run([sys.executable, "-c", program, how, str(tmp_path)], capture_output=True, text=True)
        for how in ("one", "parts")
    }
    assert runs["one"].stdout == runs["parts"].stdout
    assert runs["one"].stdout.startswith(f"{2 * validation.PART} flows valid")
    assert runs["one"].stderr == "forks 0\n"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert runs["parts"].stderr == f"forks {1 if cores and cores > 1 and hasattr(os, 'fork') else 0}\n"


def test_a_folder_without_flows_says_so(tmp_path, capsys):
    code, out, err = printed(capsys, str(tmp_path))
    assert (code, out) == (2, "")
    assert f"no flow files found in {tmp_path}" in err
