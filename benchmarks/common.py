"""What every benchmark shares: the machine it ran on, A/B interleaving with a warm-up, medians and spread, and a
count of Playwright protocol calls (each one a round trip to the driver).

Benchmarks print ratios measured side by side in one run: on a shared or busy machine absolute times move, the
ratio of two things measured in turns moves much less. Run one with `.venv/bin/python benchmarks/bN_….py`.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def machine() -> str:
    """Cores, CPU model, load, and the versions that decide the figures."""
    from importlib.metadata import version

    from guidedflows.scale.parallel import cpu_count

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    browser = _browser_version()
    return (
        f"machine: {cpu_count()} usable cores (of {os.cpu_count()}), {cpu}, {platform.system()} {platform.release()}\n"
        f"versions: Python {platform.python_version()}, Playwright {version('playwright')}, {browser}\n"
        f"load average at start: {load()}"
    )


def load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _browser_version() -> str:
    from guidedflows.browser.session import find_browser

    try:
        choice = find_browser(look_for_playwright=False) if os.environ.get("GUIDEDFLOWS_BROWSER") else find_browser()
    except Exception as exc:  # noqa: BLE001 - say it, the benchmark will fail later anyway
        return f"no browser ({exc})"
    if choice.path is None:
        return "Playwright's Chromium"
    try:
        out = subprocess.run([choice.path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        out = choice.path
    return out or choice.path


def interleaved(variants: dict, rounds: int, warmup: int = 2) -> dict[str, list[float]]:
    """Run each variant in turn (A B C A B C …), `warmup` rounds discarded; seconds per variant per round.

    The order inside a round rotates, so no variant always runs right after the same other one.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(warmup + rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            variants[name]()
            elapsed = time.perf_counter() - started
            if round_number >= warmup:
                times[name].append(elapsed)
    return times


def spread(values: list[float]) -> str:
    """median [p25–p75] in milliseconds."""
    if len(values) == 1:
        return f"{values[0] * 1000:.1f} ms"
    q = statistics.quantiles(values, n=4)
    return f"{statistics.median(values) * 1000:.1f} ms [{q[0] * 1000:.1f}–{q[2] * 1000:.1f}]"


def ratio(over: list[float], under: list[float]) -> str:
    """The median of the per-round ratios, with their quartiles: each round's pair ran back to back."""
    ratios = [a / b for a, b in zip(over, under)]
    if len(ratios) == 1:
        return f"{ratios[0]:.3f}×"
    q = statistics.quantiles(ratios, n=4)
    return f"{statistics.median(ratios):.3f}× [{q[0]:.3f}–{q[2]:.3f}]"


class ProtocolCalls:
    """Counts the calls a Playwright client sends to its driver that wait for an answer (round trips)."""

    def __init__(self, only_thread: int | None = None):
        self.calls: Counter = Counter()
        self.total = 0
        self.enabled = True
        self.only_thread = only_thread  # count one thread's calls only (each thread has its own Playwright)
        self.log: list[str] | None = None  # every call's name, in order, when a list is given (to see what a step does)

    @contextmanager
    def installed(self):
        from playwright._impl import connection

        original = connection.Connection.send_message_to_server
        counter = self

        def counted(self, object, method, params, options):  # noqa: A002 - Playwright's own parameter names
            mine = counter.only_thread is None or threading.get_ident() == counter.only_thread
            if counter.enabled and mine and method != "__waitInfo__":  # __waitInfo__ is fire-and-forget: no answer
                counter.total += 1
                counter.calls[f"{object._type}.{method}"] += 1
                if counter.log is not None:
                    counter.log.append(f"{object._type}.{method}")
            return original(self, object, method, params, options)

        connection.Connection.send_message_to_server = counted
        try:
            yield self
        finally:
            connection.Connection.send_message_to_server = original

    def mark(self) -> int:
        return self.total


def user_env() -> dict:
    """The environment a user's command runs in: Python caches compiled modules (.pyc) as it does by default.

    Some CI images and sandboxes set PYTHONDONTWRITEBYTECODE=1, which makes every start compile every module again:
    that measures the sandbox, not the tool.
    """
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def now() -> float:
    return time.perf_counter()


def header(title: str) -> None:
    print(f"== {title}")
    print(machine())
    print()
