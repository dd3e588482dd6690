"""B6: peak memory of `guidedflows check --workers 2` on the shipped flows, for 10 and for 100 flows (goal: flat).

The shipped flows (flows/*.yaml, partials beside them) are copied until there are N, each copy its own flow id, and
checked against the built-in storefront. Every process of the run (the command, its workers, their Playwright
drivers and browsers) is sampled every 100 ms; the peak of their summed RSS is reported, with the main process's own.

    .venv/bin/python benchmarks/b6_memory.py [--counts 10,100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import common
from common import ROOT, user_env

PAGE = os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="10,100")
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    common.header(f"B6 · peak memory of check --workers {args.workers} on the shipped flows")
    rows = []
    for count in (int(c) for c in args.counts.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = _flows(Path(tmp) / "flows", count)
            peak, main_peak, code, seconds = _measure(folder, Path(tmp) / "out", args.workers)
            rows.append((count, peak, main_peak, code, seconds))
            print(f"  {count:>4} flows: peak RSS of the whole run {peak / 2**20:7.1f} MiB, of the main process "
                  f"{main_peak / 2**20:6.1f} MiB, {seconds:.0f} s, exit {code}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"  {last[0]} vs {first[0]} flows: whole run ×{last[1] / first[1]:.2f}, main process ×{last[2] / first[2]:.2f}"
              "   (goal: flat, ×1.0)")
    print(f"load average at end: {common.load()}")


def _flows(folder: Path, count: int) -> Path:
    """`count` flows made of the shipped ones in turn (copy k of x.yaml is x-k.yaml), partials copied once."""
    folder.mkdir(parents=True)
    shipped = sorted((ROOT / "flows").glob("*.yaml"))
    for partial in (p for p in shipped if p.name.startswith("_")):
        shutil.copy(partial, folder / partial.name)
    flows = [p for p in shipped if not p.name.startswith("_")]
    for k in range(count):
        source = flows[k % len(flows)]
        shutil.copy(source, folder / f"{source.stem}-{k // len(flows):02d}.yaml")
    return folder


def _measure(folder: Path, out: Path, workers: str) -> tuple[int, int, int, float]:
    marker = uuid.uuid4().hex
    env = {**user_env(), "GUIDEDFLOWS_B6_MARKER": marker}
    command = [sys.executable, "-m", "guidedflows", "check", str(folder), "--workers", workers, "--output", str(out)]
    started = common.now()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks = {"tree": 0, "main": 0}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(marker, process.pid, peaks, done))
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        print(err, file=sys.stderr)
    return peaks["tree"], peaks["main"], process.returncode, common.now() - started


def _sample(marker: str, main_pid: int, peaks: dict, done: threading.Event) -> None:
    while not done.wait(0.1):  # a sampling period, not a wait for something to happen
        total = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            rss = _rss_if_marked(pid, marker)
            total += rss
            if int(pid) == main_pid:
                peaks["main"] = max(peaks["main"], rss)
        peaks["tree"] = max(peaks["tree"], total)


def _rss_if_marked(pid: str, marker: str) -> int:
    try:
        with open(f"/proc/{pid}/environ", "rb") as environ:
            if marker.encode() not in environ.read():
                return 0
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


if __name__ == "__main__":
    main()
