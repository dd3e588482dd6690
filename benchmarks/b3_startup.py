"""B3: how long the command takes to start: `guidedflows --help` and `guidedflows validate ONE-FILE` against
`python -c pass` (goals: ≤ +60 ms each; validate's was ≤ +120 ms before issue 15), run in turns as a person runs them
(new processes).

    .venv/bin/python benchmarks/b3_startup.py [--rounds 40] [--baseline CHECKOUT]

--baseline runs the same commands with another checkout's src/ first on the path (e.g. `git worktree add /tmp/before
main`), in the same rounds: before and after, measured in the same conditions.

To see what an import costs: .venv/bin/python -X importtime -m guidedflows --help 2>&1 | sort -t'|' -k2 -n | tail
(without PYTHONDONTWRITEBYTECODE in the environment: with it, every module changed since its .pyc was written is
compiled again at each start, which the benchmark's own runs leave out, see common.user_env).
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
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT", help="also run another checkout's src/, in turns")
    args = parser.parse_args()
    common.header("B3 · start-up: guidedflows --help and validate one file vs python -c pass")
    flow = ROOT / "flows" / "change-the-card.yaml"
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], user_env()),
        "guidedflows --help": ([str(BIN / "guidedflows"), "--help"], user_env()),
        "guidedflows validate 1 file": ([str(BIN / "guidedflows"), "validate", str(flow)], user_env()),
    }
    goals = {"guidedflows --help": 60, "guidedflows validate 1 file": 60}
    if args.baseline:
        before = {**user_env(), "PYTHONPATH": str(args.baseline.resolve() / "src")}
        for name in list(goals):
            commands[f"{name} (baseline)"] = (commands[name][0], before)
            goals[f"{name} (baseline)"] = goals[name]
    warmup = 3
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    times = interleaved({name: _runner(*command, cpu[name]) for name, command in commands.items()}, args.rounds, warmup)
    cpu = {name: values[warmup:] for name, values in cpu.items()}
    print("wall time, median [p25–p75]; CPU time (user + system) beside it:")
    for name in commands:
        print(f"  {name:<39} {spread(times[name]):<28} CPU {spread(cpu[name])}")
    for name, goal in goals.items():
        wall = _extra(times[name], times["python -c pass"])
        used = _extra(cpu[name], cpu["python -c pass"])
        print(f"  {name} − python -c pass: wall +{wall:.0f} ms, CPU +{used:.0f} ms (medians of per-round differences; goal ≤ +{goal} ms)")
    print(f"load average at end: {common.load()}")


def _extra(values: list[float], base: list[float]) -> float:
    return statistics.median((a - b) * 1000 for a, b in zip(values, base, strict=True))


def _runner(argv: list[str], env: dict, cpu: list[float]):
    """Run the command; its CPU time (user + system) goes to `cpu`, which a busy machine changes much less."""
    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return run


if __name__ == "__main__":
    main()
