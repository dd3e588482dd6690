"""B9: loading a flow takes time linear in its steps: 2,500 vs 10,000 steps, CPU time, side by side (goal: the ratio
near 4, far from quadratic's 16; was a timing assert in the loader tests, issue 15).

    .venv/bin/python benchmarks/b9_loader_linear.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

import common


def cpu_for(folder: Path, count: int) -> float:
    from guidedflows.flow.loader import load_flow

    path = folder / f"many-steps-{count}.yaml"
    path.write_text("flow: Many steps\nsteps:\n" + "  - go: back\n" * count)
    gc.collect()
    gc.disable()  # the cyclic collector's pauses grow with the heap, not with the loader's work
    try:
        started = time.process_time()
        flow = load_flow(path)
        return time.process_time() - started
    finally:
        gc.enable()
        assert len(flow.steps) == count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    common.header("B9 · loader time against the number of steps")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small, large = [], []
        for _ in range(args.rounds):
            small.append(cpu_for(folder, 2_500))
            large.append(cpu_for(folder, 10_000))
    s, l = statistics.median(small), statistics.median(large)
    print(f"  2,500 steps: {s * 1000:.0f} ms CPU   10,000 steps: {l * 1000:.0f} ms CPU   (medians of {args.rounds})")
    print(f"  ratio for 4x the steps: {l / s:.2f}   (linear: 4, quadratic: 16)")


if __name__ == "__main__":
    main()
