"""B2: 40 short flows three ways: a new browser per flow, one browser with a fresh context per flow (what
`guidedflows check` does), and `check --workers 2` (two processes, a browser each). Goals: the context per flow
≥ 3× faster than a browser per flow; 2 workers ≥ 1.5× faster than 1 on 2 cores.

Each round runs the three in rotating order against the built-in storefront, every flow passing.

    .venv/bin/python benchmarks/b2_browsers_contexts_workers.py [--flows 40] [--rounds 3]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

import common
from common import interleaved, ratio, spread

SHORT = """\
flow: Short flow {n}
start: /
steps:
  - click: Accept cookies
  - click: {{role: button, name: Account}}
  - expect: {{role: menuitem, name: My Orders}}
  - click: {{role: link, name: Contact customer service}}
  - fill: {{role: textbox, name: Order ID}}
    value: "{n}"
  - expect: {{role: textbox, name: Order ID}}
    value: "{n}"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    common.header(f"B2 · {args.flows} short flows: browser per flow vs context per flow vs --workers 2")

    from guidedflows.browser.session import BrowserSession
    from guidedflows.flow.loader import load_flows
    from guidedflows.run.executor import RunOptions
    from guidedflows.run.runner import RunSettings, run_attempts
    from guidedflows.scale.parallel import run_parallel
    from guidedflows.storefront import Storefront

    with tempfile.TemporaryDirectory() as tmp, Storefront() as store:
        for n in range(args.flows):
            (Path(tmp) / f"short-{n:02d}.yaml").write_text(SHORT.format(n=n), encoding="utf-8")
        flows = load_flows([tmp])
        settings = RunSettings(base_url=store.url, output_dir=Path(tmp) / "out")
        options = RunOptions(store.url, settings.timeout, settings.output_dir)
        with BrowserSession() as session:

            def check(result) -> None:
                assert result.passed, result.failure_message()

            def browser_per_flow() -> None:
                shared = session.browser
                try:
                    for flow in flows:
                        session.browser = session._open()  # launched exactly as the session launches its own
                        try:
                            check(run_attempts(flow, session, options, "check", settings))
                        finally:
                            session.browser.close()
                finally:
                    session.browser = shared

            def context_per_flow() -> None:
                for flow in flows:
                    check(run_attempts(flow, session, options, "check", settings))

            def two_workers() -> None:
                for result in run_parallel(flows, replace(settings, listeners=[]), 2):
                    check(result)

            times = interleaved(
                {"browser per flow": browser_per_flow, "context per flow": context_per_flow, "--workers 2": two_workers},
                args.rounds, args.warmup,
            )
    for name, values in times.items():
        print(f"  {name:<17} {spread(values)}")
    print(f"  browser per flow / context per flow: {ratio(times['browser per flow'], times['context per flow'])}   (goal ≥ 3×)")
    print(f"  context per flow (1 worker) / --workers 2: {ratio(times['context per flow'], times['--workers 2'])}   (goal ≥ 1.5× on 2 cores)")
    print(f"load average at end: {common.load()}")


if __name__ == "__main__":
    main()
