"""B4: `guidedflows validate` of 1,000 generated flows, the whole command as a person runs it (goal ≤ 0.6 s).

validate reads 150 files or more a part in parts, one per core (flow/validation.py): the wall time is the goal's,
the CPU time beside it is what one core would take.

The flows are like the shipped ones: params (one secret), a shared partial through `use`, clicks, fills, selects
and expects with human and explicit targets, a `say` on most steps; 12 steps each.

    .venv/bin/python benchmarks/b4_validate_many.py [--flows 1000] [--rounds 10] [--baseline CHECKOUT]

--baseline also runs validate with another checkout's src/ first on the path (e.g. `git worktree add /tmp/before
main`), in the same rounds: before and after, measured in the same conditions.

Profile it: .venv/bin/py-spy record -o validate.svg -- .venv/bin/guidedflows validate DIR
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import common
from common import interleaved, spread, user_env

BIN = Path(sys.executable).parent

PARTIAL = """\
flow: Accept the cookie banner
steps:
  - click: Accept cookies
    optional: true
"""

FLOW = """\
flow: Generated flow number {n}
description: A flow like the shipped ones, number {n}, for the validate benchmark.
tags: [generated, group-{group}]
start: /
params:
  email: person{n}@example.com
  password: {{default: "pass {n} word", secret: true}}
  order: "{order}"
setup:
  - use: _accept-cookies
steps:
  - click: Account
    say: Open the **Account** menu.
  - click: {{role: menuitem, name: My Orders}}
  - click: Order ${{order}}
    say: Open order **${{order}}**.
  - expect: {{testid: order-status}}
    contains: In transit
  - click: Contact customer service
  - fill: Email
    value: ${{email}}
    accept: "^[^@]+@[^@]+$"
    hint: An email address has an @.
  - fill: {{label: Password}}
    value: ${{password}}
  - select: Topic
    value: Delivery
  - fill: Message
    value: Where is order ${{order}}?
  - click: Send
    say: Press **Send**.
  - expect: We'll get back to you within 24 hours.
  - expect: {{testid: ticket-number}}
    matches: "^TK-${{order}}-[0-9]{{3}}$"
"""


def generate(folder: Path, count: int) -> None:
    (folder / "_accept-cookies.yaml").write_text(PARTIAL, encoding="utf-8")
    for n in range(count):
        text = FLOW.format(n=n, group=n % 7, order=8000 + n % 90)
        (folder / f"flow-{n:04d}.yaml").write_text(text, encoding="utf-8")


def _timed(argv: list[str], cpu: list[float], env: dict | None = None):
    """Run the command; its CPU time (user + system) goes to `cpu`, which a busy machine changes much less."""
    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, env=env or user_env(), stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT", help="also run another checkout's src/, in turns")
    args = parser.parse_args()
    common.header(f"B4 · validate {args.flows} generated flows")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.flows)
        validate = [str(BIN / "guidedflows"), "validate", str(folder)]
        printed = subprocess.run(validate, env=user_env(), capture_output=True, text=True).stdout.splitlines()[0]
        print(f"  it says: {printed}")
        cpu: dict[str, list[float]] = {"python -c pass": [], "validate": []}
        variants = {
            "python -c pass": _timed([sys.executable, "-c", "pass"], cpu["python -c pass"]),
            "validate": _timed(validate, cpu["validate"]),
        }
        if args.baseline:
            cpu["validate (baseline)"] = []
            before = {**user_env(), "PYTHONPATH": str(args.baseline.resolve() / "src")}
            variants["validate (baseline)"] = _timed(validate, cpu["validate (baseline)"], before)
        times = interleaved(variants, args.rounds, warmup=1)
    print("wall time, median [p25–p75]; CPU time (user + system) beside it:")
    for name in times:
        print(f"  {name:<20} {spread(times[name]):<30} CPU {spread(cpu[name][1:])}")
    print("  goal: validate ≤ 600 ms, the whole command")
    print(f"load average at end: {common.load()}")


if __name__ == "__main__":
    main()
