"""B3: how long the command takes to start: `guidedflows --help` and `guidedflows validate ONE-FILE` against
`python -c pass` (goals: ≤ +60 ms and ≤ +120 ms), run in turns as a person runs them (new processes).

    .venv/bin/python benchmarks/b3_startup.py [--rounds 40]

To see what an import costs: .venv/bin/python -X importtime -m guidedflows --help 2>&1 | sort -t'|' -k2 -n | tail
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
from pathlib import Path

import common
from common import ROOT, interleaved, spread, user_env

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    common.header("B3 · start-up: guidedflows --help and validate one file vs python -c pass")
    flow = ROOT / "flows" / "change-the-card.yaml"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "guidedflows --help": [str(BIN / "guidedflows"), "--help"],
        "guidedflows validate 1 file": [str(BIN / "guidedflows"), "validate", str(flow)],
    }
    warmup = 3
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    times = interleaved({name: _runner(argv, cpu[name]) for name, argv in commands.items()}, args.rounds, warmup)
    cpu = {name: values[warmup:] for name, values in cpu.items()}
    print("wall time, median [p25–p75]; CPU time (user + system) beside it:")
    for name in commands:
        print(f"  {name:<28} {spread(times[name]):<28} CPU {spread(cpu[name])}")
    for name, goal in (("guidedflows --help", 60), ("guidedflows validate 1 file", 120)):
        wall = _extra(times[name], times["python -c pass"])
        used = _extra(cpu[name], cpu["python -c pass"])
        print(f"  {name} − python -c pass: wall +{wall:.0f} ms, CPU +{used:.0f} ms (medians of per-round differences; goal ≤ +{goal} ms)")
    print(f"load average at end: {common.load()}")


def _extra(values: list[float], base: list[float]) -> float:
    return statistics.median((a - b) * 1000 for a, b in zip(values, base))


def _runner(argv: list[str], cpu: list[float]):
    """Run the command; its CPU time (user + system) goes to `cpu`, which a busy machine changes much less."""
    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, cwd=ROOT, env=user_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return run


if __name__ == "__main__":
    main()
