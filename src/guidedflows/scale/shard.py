"""`check --shard I/N`: the I-th of N slices of the selected flows, the same on every machine.

A slice depends only on the flows' ids and, with `--durations FILE` (the `--json` results of an earlier run), on
how long each took: flows are dealt longest first, each to the slice with the least time so far (ties: the lower
slice), so the slices of a CI matrix finish close together. Without durations every flow weighs the same, which
deals them round-robin in id order. A flow the durations file does not know weighs the median of those it does.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

from ..errors import UsageError
from ..flow.printable import quoted

SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*\Z")


def parse_shard(text: str) -> tuple[int, int]:
    """"2/4" → (2, 4); 1 ≤ I ≤ N."""
    match = SHARD.match(text)
    if not match:
        raise UsageError(f"--shard takes I/N, such as 1/4 (the first of four slices), not {quoted(text)}")
    index, total = int(match.group(1)), int(match.group(2))
    if total < 1 or not 1 <= index <= total:
        raise UsageError(f"--shard {text}: I must be between 1 and N (1/{max(total, 1)} … {max(total, 1)}/{max(total, 1)})")
    return index, total


def past_durations(path: Path) -> dict[str, float]:
    """Flow id → seconds, from a `check --json` results file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"--durations {path}: cannot read it ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise UsageError(f"--durations {path}: not JSON ({exc})") from exc
    flows = data.get("flows") if isinstance(data, dict) else None
    if not isinstance(flows, list):
        raise UsageError(f"--durations {path}: not a `guidedflows check --json` results file (no \"flows\" list)")
    return {
        flow["id"]: float(flow["duration"])
        for flow in flows
        if isinstance(flow, dict) and isinstance(flow.get("id"), str) and isinstance(flow.get("duration"), (int, float))
    }


def shard_of(flows: list, index: int, total: int, durations: dict[str, float] | None = None) -> list:
    """The flows of slice `index` (1-based) of `total`, in their original order."""
    slices = split([flow.id for flow in flows], total, durations)
    chosen = set(slices[index - 1])
    return [flow for flow in flows if flow.id in chosen]


def split(ids: list[str], total: int, durations: dict[str, float] | None = None) -> list[list[str]]:
    """Deal flow ids into `total` slices, balanced by duration (see the module's docstring)."""
    known = [seconds for seconds in (durations or {}).values() if seconds >= 0]
    default = statistics.median(known) if known else 1.0
    weight = {flow_id: (durations or {}).get(flow_id, default) for flow_id in ids}
    slices: list[list[str]] = [[] for _ in range(total)]
    loads = [0.0] * total
    for flow_id in sorted(ids, key=lambda flow_id: (-weight[flow_id], flow_id)):
        lightest = min(range(total), key=lambda number: (loads[number], number))
        slices[lightest].append(flow_id)
        loads[lightest] += weight[flow_id]
    return slices
