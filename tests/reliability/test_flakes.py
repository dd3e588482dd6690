"""R1 flakes, CI's version: every shipped flow 3 times, headless, no retries, 2 workers, in random order — 0 failures.
The gate's own run is 50 times: `scripts/soak` (one command: 700 runs, 0 failed, in 33 minutes on 2 cores on 2026-11-27)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_flow_three_times_in_random_order_never_fails(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "soak"), "--passes", "3", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    print(done.stdout, done.stderr)
    shipped = len([p for p in (ROOT / "flows").glob("*.yaml") if not p.name.startswith("_")])
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"soak: {shipped * 3} runs, 0 failed" in done.stdout
