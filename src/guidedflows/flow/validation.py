"""`guidedflows validate`: every flow under the paths loaded and linted, in parts on the cores there are.

Loading and linting a flow needs no other flow but the ones it uses, so many files are split into runs of files, one
per core: the first is read here, each other one in a forked copy of this process (which already has the modules and
the list of files), which sends back only what the command prints. 1,000 flows took 0.65 s on one core (B4). A few
files, or one core, or a system without fork, are read here alone, by the same code.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Sequence
from pathlib import Path

from ..errors import FlowFileError, Problem
from .lint import lint_flows, render
from .loader import Loader, collector_paused, discover
from .model import Param

PART = 150  # files per part at least: below that, forking and sending back cost more than they save


class Checked:
    """One flow as the command needs it once validated: its id, file and params, and how many steps it has."""

    __slots__ = ("id", "path", "params", "steps")

    def __init__(self, id: str, path: str, params: tuple[Param, ...], steps: int):
        self.id, self.path, self.params, self.steps = id, path, params, steps


class Validated:
    """What validating some files found: the flows, their warnings (rendered, each file's once, in lint's order, by
    file) and the problems that make them invalid (when there are any, nothing was linted)."""

    def __init__(self, flows: list[Checked], warnings: list[tuple[str, list[str]]], problems: list[Problem]):
        self.flows = flows
        self.warnings = warnings
        self.problems = problems

    @property
    def rendered(self) -> list[str]:
        """Every warning, each file's once: a partial many flows use is linted in every part that loads it."""
        seen: set[str] = set()
        out: list[str] = []
        for path, rendered in self.warnings:
            if path not in seen:
                seen.add(path)
                out.extend(rendered)
        return out


def validate(
    paths: Sequence[str | Path], params: dict[str, str], *, roots: tuple = (), require_values: bool = False, jobs: int | None = None
) -> Validated:
    """Load and lint every flow under `paths`, in `jobs` parts (default: one per core, PART files each at least);
    raise FlowFileError with the problems of every file."""
    loader = Loader(tuple(paths), require_values, roots)
    files = discover(paths, loader.real)
    count = max(1, min(len(files) // PART, jobs or _cores()))
    size = max(1, -(-len(files) // count))  # an empty folder is one empty part
    parts = [files[start : start + size] for start in range(0, len(files), size)] or [[]]
    with collector_paused():  # loading makes many objects and no cycles (loader.collector_paused)
        others = [_Part(loader, part, params) for part in parts[1:]]
        try:
            found = [_validated(loader, parts[0], params), *(other.answer() for other in others)]
        finally:
            for other in others:
                other.stop()
    problems = [problem for part in found for problem in part.problems]
    if problems:
        raise FlowFileError(problems)
    return Validated(
        [flow for part in found for flow in part.flows], [group for part in found for group in part.warnings], []
    )


def _validated(loader: Loader, files: list[Path], params: dict[str, str]) -> Validated:
    flows, problems = loader.load_all(files, params)
    if problems:
        return Validated([], [], problems)
    warnings: list[tuple[str, list[str]]] = []
    for warning in lint_flows(flows):  # in file order: a file's warnings are together
        if not warnings or warnings[-1][0] != warning.span.path:
            warnings.append((warning.span.path, []))
        warnings[-1][1].append(render(warning))
    checked = [Checked(flow.id, flow.path, flow.params, len(flow.steps)) for flow in flows]
    return Validated(checked, warnings, [])


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's share), on Linux
    except AttributeError:
        return os.cpu_count() or 1


class _Part:
    """Files validated in a child process, forked from this one (where there is no fork: here, at once)."""

    def __init__(self, loader: Loader, files: list[Path], params: dict[str, str]):
        self.pid = 0
        self.pipe: int | None = None
        self.done: Validated | None = None
        if not hasattr(os, "fork"):
            self.done = _validated(loader, files, params)
            return
        import pickle  # noqa: F401 - imported before forking: a child needs no import lock another thread may hold

        read, write = os.pipe()
        self.pid = os.fork()
        if not self.pid:
            try:  # the child: it never returns into the command
                os.close(read)
                _answer(write, lambda: _validated(loader, files, params))
            finally:
                os._exit(0)
        os.close(write)
        self.pipe = read

    def answer(self) -> Validated:
        """The child's answer, once it has ended (its exception raised here)."""
        if self.done is not None:
            return self.done
        import pickle

        assert self.pipe is not None
        with os.fdopen(self.pipe, "rb") as pipe:
            self.pipe = None
            data = pipe.read()
        self.stop()
        if not data:
            raise RuntimeError("a process validating flows ended without an answer")
        answer = pickle.loads(data)
        if isinstance(answer, BaseException):
            raise answer
        self.done = answer
        return answer

    def stop(self) -> None:
        """The child ended and waited for (killed first if the command ends without reading its answer)."""
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        if self.pid:
            pid, self.pid = self.pid, 0
            os.waitpid(pid, 0)


def _answer(write: int, validated) -> None:
    """In the child: what `validated()` returns, or raises, pickled into the pipe."""
    import pickle

    try:
        answer: object = validated()
    except BaseException as exc:  # noqa: BLE001 - sent back, raised by the parent
        answer = exc
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled: its type and words
        data = pickle.dumps(RuntimeError(f"{type(answer).__name__}: {answer} ({exc})"))
    with os.fdopen(write, "wb") as pipe:
        pipe.write(data)
