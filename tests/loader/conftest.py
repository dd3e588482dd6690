"""Shared helpers for the loader tests: where the corpus lives, the environment the good flows read, a CPU budget."""

from __future__ import annotations

import contextlib
import signal
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOOD = HERE / "good"
BAD = HERE / "bad"

# The environment variables the good flows read with ${env.NAME}.
GOOD_ENV = {"GF_TEST_HOME": "/home/ada", "GF_TEST_COUNTRY": "France"}


@pytest.fixture
def good_env(monkeypatch):
    for name, value in GOOD_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GF_LOADER_TEST_UNSET", raising=False)
    return GOOD_ENV


class OverBudget(Exception):
    """Raised inside the code under test when it used more CPU time than allowed."""


@contextlib.contextmanager
def cpu_budget(seconds: float):
    """Abort the block (raising OverBudget) once this process has used `seconds` of CPU time.

    The loader must finish "well under a second". The machines these tests run on are often busy, so wall time says
    little; CPU time is what the loader itself spends. The guard also keeps a quadratic regression from hanging the
    suite: it is stopped at the budget instead of running for minutes.
    """

    def stop(signum, frame):
        raise OverBudget(f"used more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
