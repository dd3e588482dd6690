"""`check`'s scale options: --workers (parallel.py), --shard and --durations (shard.py); which flows, on what.

Kept free of heavy imports: the parser is built for every command, `--help` included.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("scale")
    group.add_argument(
        "--workers", type=_workers, default=1, metavar="N",
        help="run N flows at once, each worker with its own browser; auto = the CPU count (default 1)",
    )
    group.add_argument("--shard", metavar="I/N", help="run only the I-th of N slices of the flows (CI matrices)")
    group.add_argument(
        "--durations", type=Path, metavar="FILE",
        help="with --shard: balance the slices by the durations in an earlier run's --json results",
    )


def _workers(text: str) -> int | str:
    if text.strip().lower() == "auto":
        return "auto"
    if not text.strip().isdigit() or int(text) < 1:
        from ..flow.printable import quoted

        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number of workers (1, 2, ... or auto)")
    return int(text)


def selected(flows: list, args) -> list:
    """The flows of this run's shard (all of them without --shard)."""
    from ..errors import UsageError
    from .shard import parse_shard, past_durations, shard_of

    if args.shard is None:
        if args.durations is not None:
            raise UsageError("--durations balances shards: use it with --shard I/N")
        return flows
    index, total = parse_shard(args.shard)
    durations = past_durations(args.durations) if args.durations is not None else None
    chosen = shard_of(flows, index, total, durations)
    if not chosen:
        print(f"shard {index}/{total} has no flows ({len(flows)} selected in all)", file=sys.stdout, flush=True)
    return chosen


def run_checks(flows: list, settings, workers: int | str) -> list:
    """Run the flows: in this process with one browser, or on worker processes (never more than flows)."""
    from ..errors import UsageError
    from ..run.runner import run_in_session
    from .parallel import cpu_count, run_parallel

    if not flows:
        return []
    count = cpu_count() if workers == "auto" else int(workers)
    count = min(count, len(flows))
    if count > 1 and settings.cdp:
        raise UsageError("--workers needs a browser per worker; --cdp attaches to one browser: leave out --workers")
    if count <= 1:
        return run_in_session(flows, settings)
    return run_parallel(flows, settings, count)
