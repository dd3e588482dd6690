"""B1: a 20-step flow in check mode vs the hand-written Playwright script doing the same (goal ≤ 1.03×), and the
Playwright protocol calls each makes per step (goal: no more than the script).

Same process, same browser, same context options, against the built-in storefront. Each round runs the script,
the flow with explicit targets and the flow with human string targets, in rotating order; each run is a fresh
context from creation to close, the way `guidedflows check` runs a flow.

    .venv/bin/python benchmarks/b1_script_vs_flow.py [--rounds 30]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import common
from common import ProtocolCalls, interleaved, ratio, spread

HERE = Path(__file__).parent
FLOWS = {"explicit": HERE / "flows" / "b1-explicit.yaml", "human": HERE / "flows" / "b1-human.yaml"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    common.header("B1 · 20-step flow in check mode vs a hand-written Playwright script")

    import b1_script
    from guidedflows.browser.session import BrowserSession
    from guidedflows.flow.loader import load_flow
    from guidedflows.run.events import StepFinished, StepStarted
    from guidedflows.run.executor import RunOptions
    from guidedflows.run.runner import RunSettings, run_attempts
    from guidedflows.storefront import Storefront

    flows = {name: load_flow(path) for name, path in FLOWS.items()}
    counter = ProtocolCalls()
    with Storefront() as store, counter.installed(), BrowserSession() as session:
        counter.enabled = False
        settings = RunSettings(base_url=store.url, output_dir=Path("guidedflows-results") / "benchmarks")
        options = RunOptions(store.url, settings.timeout, settings.output_dir)

        def flow(name: str, listeners=()):
            def run():
                result = run_attempts(flows[name], session, options, "check", _with(settings, listeners))
                assert result.passed, result.failure_message()
            return run

        def script(step=lambda number: None):
            with session.page() as page:
                b1_script.run(page, store.url, step)

        times = interleaved({"script": script, "explicit": flow("explicit"), "human": flow("human")}, args.rounds, args.warmup)
        counter.enabled = True
        per_step = {"script": _script_calls(counter, script)}
        for name in flows:
            per_step[name] = _flow_calls(counter, flow, name, StepStarted, StepFinished)
    _print(times, per_step, args.rounds)


def _with(settings, listeners):
    from dataclasses import replace

    return replace(settings, listeners=list(listeners))


def _script_calls(counter: ProtocolCalls, script) -> dict:
    """Calls per step of the script: from each `step(n)` mark to the next; before the first: context, page, goto."""
    marks = {}
    start = counter.mark()
    script(lambda number: marks.__setitem__(number, counter.mark()))
    end = counter.mark()
    steps = {n: marks[n + 1] - marks[n] for n in range(1, 21)}
    return {"steps": steps, "setup": marks[1] - start, "teardown": end - marks[21], "total": end - start}


def _flow_calls(counter: ProtocolCalls, flow, name: str, StepStarted, StepFinished) -> dict:
    """Calls per step of the flow, between its StepStarted and StepFinished; the rest is per-flow setup/teardown."""
    spans, opened = {}, {}

    def listen(event):
        if isinstance(event, StepStarted):
            opened[event.number] = counter.mark()
        elif isinstance(event, StepFinished):
            spans[int(event.result.number)] = counter.mark() - opened[event.result.number]

    start = counter.mark()
    flow(name, [listen])()
    total = counter.mark() - start
    inside = sum(spans.values())
    return {"steps": spans, "setup": None, "teardown": None, "outside": total - inside, "total": total}


def _print(times: dict, per_step: dict, rounds: int) -> None:
    print(f"time per flow run (fresh context → 20 steps → context closed), {rounds} interleaved rounds, median [p25–p75]:")
    for name in ("script", "explicit", "human"):
        print(f"  {name:<9} {spread(times[name])}")
    print(f"  explicit / script: {ratio(times['explicit'], times['script'])}   (goal ≤ 1.03×)")
    print(f"  human    / script: {ratio(times['human'], times['script'])}   (goal ≤ 1.03×)")
    print()
    print("protocol calls (round trips to the Playwright driver) per step:")
    print("  step  script  explicit  human")
    for number in range(1, 21):
        row = [per_step[name]["steps"][number] for name in ("script", "explicit", "human")]
        print(f"  {number:>4}  {row[0]:>6}  {row[1]:>8}  {row[2]:>5}")
    script_steps = sum(per_step["script"]["steps"].values())
    print(f"  steps {script_steps:>6}  {sum(per_step['explicit']['steps'].values()):>8}  {sum(per_step['human']['steps'].values()):>5}")
    setup = per_step["script"]["setup"] + per_step["script"]["teardown"]
    print(f"  per flow outside the steps: script {setup} (context, page, goto, close), "
          f"explicit {per_step['explicit']['outside']}, human {per_step['human']['outside']}")
    print(f"  in all: script {per_step['script']['total']}, explicit {per_step['explicit']['total']}, human {per_step['human']['total']}")
    print(f"load average at end: {common.load()}")


if __name__ == "__main__":
    main()
