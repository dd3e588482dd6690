"""Tiny flows on the test pages for the scale tests, and `guidedflows` run as a user runs it (in its own process)
with a way to see that no browser or worker it started is left behind: every process it starts inherits a marker in
its environment."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
import uuid
from pathlib import Path

from helpers import write_flow

PASSING = """\
flow: Greeting {n}
steps:
  - click: Press me
  - expect: {{testid: log}}
    text: clicked
  - fill: Email
    value: person{n}@example.com
"""

FAILING = """\
flow: Broken
steps:
  - click: Press me
  - click: Does not exist
    timeout: 300ms
"""

SLOW = """\
flow: Slow {n}
steps:
  - click: Press me
  - click: Never there
    timeout: 60s
"""


def four_flows(folder: Path) -> Path:
    """Four flows in `folder`: a, b and d pass, c fails."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("a", "b", "d"):
        write_flow(folder, PASSING.format(n=name), f"{name}.yaml")
    write_flow(folder, FAILING, "c.yaml")
    return folder


class Command:
    """`python -m guidedflows ARGV` in its own process group, every process it starts carrying `marker`."""

    def __init__(self, argv: list[str], cwd: Path | None = None):
        self.marker = uuid.uuid4().hex
        env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        env.update({"PYTHONIOENCODING": "utf-8", "GUIDEDFLOWS_TEST_MARKER": self.marker})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guidedflows", *argv], cwd=cwd, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def finish(self, timeout: float = 300) -> tuple[int, str]:
        out, _ = self.process.communicate(timeout=timeout)
        return self.process.returncode, out

    def left_behind(self, within: float = 20) -> list[str]:
        return left_behind(self.marker, within)


def left_behind(marker: str, within: float = 20) -> list[str]:
    """Processes still carrying `marker` after waiting up to `within` seconds for them to end (empty: all gone)."""
    deadline = time.monotonic() + within
    while True:
        alive = marked_processes(marker)
        if not alive or time.monotonic() > deadline:
            return [f"{pid} {command}" for pid, command in alive]
        _wait_for_any_exit([pid for pid, _ in alive], deadline - time.monotonic())


def _wait_for_any_exit(pids: list[int], timeout: float) -> None:
    """Block until one of `pids` ends (or `timeout`): they are not our children, so a pidfd tells us."""
    descriptors = []
    for pid in pids:
        try:
            descriptors.append(os.pidfd_open(pid))
        except OSError:  # already gone
            return
    try:
        select.select(descriptors, [], [], max(timeout, 0))
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def marked_processes(marker: str) -> list[tuple[int, str]]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                if marker.encode() not in environ.read():
                    continue
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                command = cmdline.read().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        found.append((int(pid), command))
    return found


def run(argv: list[str], cwd: Path | None = None) -> tuple[int, str]:
    return Command(argv, cwd).finish()
