"""`check --json FILE`: the run's results as JSON, in the shape `schema/results.schema.json` fixes.

docs/results-json.md describes every field. Every string a flow produced passes through `flow.redact`.
"""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..flow.markup import plain
from ..run.events import FAILED, FLAKY, PASSED

SCHEMA_VERSION = 1


def write_json(record, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results_json(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def results_json(record) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "started": record.started.isoformat(timespec="seconds"),
            "duration": round(record.duration, 3),
            "base_url": record.base_url,
            "status": record.status,
            "counts": {status: record.count(status) for status in (PASSED, FAILED, FLAKY)} | {"total": len(record.results)},
            "versions": versions(record.browser),
        },
        "flows": [flow_json(result) for result in record.results],
    }


def versions(browser: str | None) -> dict:
    try:
        playwright = metadata.version("playwright")
    except metadata.PackageNotFoundError:  # pragma: no cover - guidedflows depends on it
        playwright = None
    return {"guidedflows": __version__, "playwright": playwright, "python": platform.python_version(), "browser": browser}


def flow_json(result) -> dict:
    flow = result.flow
    error = result.error if result.status == FLAKY else result.failure_message() if result.status == FAILED else None
    return {
        "id": flow.id,
        "title": flow.redact(flow.title),
        "path": flow.path,
        "line": flow.span.line,
        "tags": list(flow.tags),
        "status": result.status,
        "duration": round(result.duration, 3),
        "attempts": result.attempts,
        "error": flow.redact(error) if error else None,
        "artifacts": list(result.artifacts),
        "steps": [step_json(flow, step) for step in result.steps],
    }


def step_json(flow, result) -> dict:
    step = result.step
    return {
        "number": result.number,
        "id": step.id,
        "action": step.action,
        "description": flow.redact(plain(step.describe())),
        "say": flow.redact(step.say) if step.say else None,
        "status": result.status,
        "duration": round(result.duration, 3),
        "error": flow.redact(result.error) if result.error else None,
        "note": flow.redact(result.note) if result.note else None,
        "location": step.span.short,
        "path": step.span.path,
        "line": step.span.line,
        "artifacts": list(result.artifacts),
    }
