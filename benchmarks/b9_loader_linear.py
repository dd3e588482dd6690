"""B9: loading a flow takes time linear in its steps: 2,500 vs 10,000 steps, CPU time, side by side (goal: the ratio
near 4, far from quadratic's 16; was a timing assert in the loader tests, issue 15).

Each of yamlread's two ways is measured: composed in C then checked (files up to yamlread.FAST_CHARS, 64K
characters: 2,500 steps are 33K, 10,000 are 130K, so the limit is lifted here) and built from the parser's events
(bigger files; the limit set to 0 here).

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

WAYS = {"composed in C": 10**9, "built from events": 0}  # yamlread.FAST_CHARS for each


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
    from guidedflows.flow import yamlread

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small: dict[str, list[float]] = {way: [] for way in WAYS}
        large: dict[str, list[float]] = {way: [] for way in WAYS}
        for _ in range(args.rounds):
            for way, fast_chars in WAYS.items():
                yamlread.FAST_CHARS = fast_chars
                small[way].append(cpu_for(folder, 2_500))
                large[way].append(cpu_for(folder, 10_000))
    for way in WAYS:
        few, many = statistics.median(small[way]), statistics.median(large[way])
        print(f"  {way}: 2,500 steps: {few * 1000:.0f} ms CPU   10,000 steps: {many * 1000:.0f} ms CPU   (medians of {args.rounds})")
        print(f"  {way}: ratio for 4x the steps: {many / few:.2f}   (linear: 4, quadratic: 16)")


if __name__ == "__main__":
    main()
