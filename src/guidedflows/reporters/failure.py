"""A failed flow told the way every report shows it: the message, the step's YAML with a caret, the screenshots."""

from __future__ import annotations

from ..flow.source import shown_in_excerpt
from ..run.events import FLAKY


def step_yaml(step, flow, *, limit: int = 8) -> str:
    """The step's own lines of YAML, numbered as in the file, with a caret under the step's first key."""
    lines = list(step.source_lines[:limit]) or [""]
    last = step.span.line + len(lines) - 1
    gutter = len(str(last))
    out = []
    for offset, line in enumerate(lines):
        out.append(f"  {step.span.line + offset:>{gutter}} | {shown_in_excerpt(flow.redact(line))}")
        if offset == 0:
            out.append(f"  {'':>{gutter}} | {' ' * (step.span.column - 1)}^")
    return "\n".join(out)


def failure_text(result) -> str:
    """What a person needs to fix a failed (or flaky) flow, as plain text (pytest, JUnit, the console)."""
    flow = result.flow
    if result.status == FLAKY:
        return flow.redact(f"{flow.id}: flaky: passed on attempt {result.attempts}, {result.error}")
    parts = [flow.redact(result.failure_message())]
    failed = result.failed_step
    if failed is not None:
        parts.append(step_yaml(failed.step, flow))
    parts.extend(f"screenshot: {path}" for path in screenshots(result))
    parts.extend(f"trace: {path}" for path in result.artifacts if path.endswith(".zip"))
    return "\n".join(parts)


def screenshots(result) -> list[str]:
    """The failure screenshots of a flow: its failed step's, then any of the flow's own (start page)."""
    found = [path for step in result.steps for path in step.artifacts if path.endswith(".png")]
    return found + [path for path in result.artifacts if path.endswith(".png") and path not in found]
