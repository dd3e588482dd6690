"""B8: the size of an exported tour (issue 17): tour.js for a 15-step flow, gzipped (goal ≤ 40 kB), and what it is
made of: the overlay (guide mode's, with its stylesheet), the runtime (js/src built with esbuild, dom-accessibility-api
inside), and the flows' data, per step. Sizes, so no rounds: the same input gives the same bytes.

    .venv/bin/python benchmarks/b8_tour_size.py
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import common
from common import ROOT

GOAL = 40_000
# change-the-card (14 shown steps, a setup step) and one more: 15 shown steps.
FIFTEEN = (ROOT / "flows" / "change-the-card.yaml").read_text("utf-8") + "  - show: Visa ending in 4242\n    say: This is your card now.\n"


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


def main() -> None:
    from guidedflows.export import as_script_literal, built, tour_data, tour_script
    from guidedflows.flow.loader import load_flow, load_flows

    common.header("B8 · the size of an exported tour.js")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for partial in (ROOT / "flows").glob("_*.yaml"):
            shutil.copy(partial, folder)
        (folder / "fifteen.yaml").write_text(FIFTEEN, encoding="utf-8")
        flow = load_flow(folder / "fifteen.yaml")
    shown = sum(1 for s in tour_data([flow])["flows"][0]["steps"] if s.get("k"))
    script = tour_script([flow])
    data = as_script_literal(tour_data([flow]))
    parts = {"overlay (overlay.js + overlay.css, minified)": built("tour-overlay.js"),
             "runtime (js/src + dom-accessibility-api)": built("tour-runtime.js"),
             f"data ({shown} steps)": data}
    print(f"{'':44} {'bytes':>8} {'gzipped':>8}")
    for name, text in parts.items():
        print(f"  {name:<42} {len(text.encode()):>8} {gz(text):>8}")
    total = gz(script)
    print(f"  {'tour.js, a ' + str(shown) + '-step flow':<42} {len(script.encode()):>8} {total:>8}   goal ≤ {GOAL} gzipped: {'met' if total <= GOAL else 'NOT met'}")
    every = load_flows([ROOT / "flows"])
    all_script = tour_script(every)
    steps = sum(tour_data([f])["flows"][0]["total"] for f in every)
    print(f"  {'tour.js, all ' + str(len(every)) + ' shipped flows (' + str(steps) + ' steps)':<42} {len(all_script.encode()):>8} {gz(all_script):>8}")
    print(f"  in a file of many flows, one more step costs about {(gz(all_script) - total) / max(1, steps - shown):.0f} bytes gzipped")


if __name__ == "__main__":
    main()
