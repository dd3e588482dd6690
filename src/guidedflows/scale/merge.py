"""`guidedflows merge-results`: the results of CI shards (`check --shard I/N --json … --junit …`) as one run.

    shard JSON files (.json) ──▶ --json FILE    flows of every shard, sorted by path then id; counts and status
                                                recomputed; started = the earliest shard's; duration = the
                                                longest shard's (shards run side by side); base_url kept when
                                                every shard used the same site, else null
    shard JUnit files (.xml) ──▶ --junit FILE   every shard's <testsuite>s under one <testsuites>, totals summed

A flow found in two inputs is an error: shards never overlap, so it means two runs' files were mixed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import GuidedflowsError, UsageError

STATUSES = ("passed", "failed", "flaky")


def merge_results(inputs: list[Path], *, json_out: Path | None = None, junit_out: Path | None = None) -> int:
    if json_out is None and junit_out is None:
        raise UsageError("merge-results: say what to write: --json FILE (from .json inputs), --junit FILE (from .xml inputs)")
    by_kind = {"json": [p for p in inputs if p.suffix.lower() == ".json"], "junit": [p for p in inputs if p.suffix.lower() == ".xml"]}
    others = [p for p in inputs if p not in by_kind["json"] and p not in by_kind["junit"]]
    if others:
        raise UsageError(f"merge-results: {others[0]} is neither a .json nor a .xml results file")
    for kind, out, option, suffix in (("json", json_out, "--json", ".json"), ("junit", junit_out, "--junit", ".xml")):
        if out is not None and not by_kind[kind]:
            raise UsageError(f"merge-results {option}: give the shards' {option} files ({suffix}) to merge")
        if out is None and by_kind[kind]:
            raise UsageError(f"merge-results: {by_kind[kind][0]} given but no {option} FILE to write the merge to")
    if json_out is not None:
        merged = merge_json([_read_json(path) for path in by_kind["json"]], by_kind["json"])
        _write(json_out, json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
        counts = merged["run"]["counts"]
        print(f"JSON results: {json_out} ({counts['total']} flows from {len(by_kind['json'])} files: "
              f"{counts['passed']} passed, {counts['failed']} failed, {counts['flaky']} flaky)")
    if junit_out is not None:
        root = merge_junit([_read_xml(path) for path in by_kind["junit"]], by_kind["junit"])
        ET.indent(root)
        junit_out.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(junit_out, encoding="utf-8", xml_declaration=True)
        print(f"JUnit XML: {junit_out} ({root.get('tests')} flows from {len(by_kind['junit'])} files)")
    return 0


def merge_json(results: list[dict], paths: list[Path]) -> dict:
    flows = _unique([(flow["id"], flow, path) for data, path in zip(results, paths, strict=False) for flow in data["flows"]])
    flows.sort(key=lambda flow: (flow["path"], flow["id"]))
    counts = {status: sum(1 for flow in flows if flow["status"] == status) for status in STATUSES}
    runs = [data["run"] for data in results]
    sites = {run["base_url"] for run in runs}
    return {
        "schema_version": results[0]["schema_version"],
        "run": {
            "started": min(run["started"] for run in runs),
            "duration": max(run["duration"] for run in runs),
            "base_url": sites.pop() if len(sites) == 1 else None,
            "status": "failed" if counts["failed"] else "flaky" if counts["flaky"] else "passed",
            "counts": counts | {"total": len(flows)},
            "versions": runs[0]["versions"],
        },
        "flows": flows,
    }


def merge_junit(roots: list[ET.Element], paths: list[Path]) -> ET.Element:
    suites = _unique(
        [(suite.get("name", ""), suite, path) for root, path in zip(roots, paths, strict=False) for suite in root.iter("testsuite")]
    )
    merged = ET.Element("testsuites", name="guidedflows")
    for total in ("tests", "failures", "errors"):
        merged.set(total, str(sum(int(root.get(total) or 0) for root in roots)))
    merged.set("time", f"{sum(float(root.get('time') or 0) for root in roots):.3f}")
    merged.extend(suites)
    return merged


def _unique(found: list[tuple[str, object, Path]]) -> list:
    """The items, refusing an id that two inputs both hold (they come from different runs, or the same file twice)."""
    where: dict[str, Path] = {}
    for key, _, path in found:
        if key in where:
            raise UsageError(f"merge-results: the flow {key!r} is in both {where[key]} and {path}: "
                             "merge the files of one run's shards only")
        where[key] = path
    return [item for _, item, _ in found]


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"merge-results: cannot read {path} ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise UsageError(f"merge-results: {path} is not JSON ({exc})") from exc
    if not (isinstance(data, dict) and data.get("schema_version") == 1 and isinstance(data.get("flows"), list)):
        raise UsageError(f"merge-results: {path} is not a `guidedflows check --json` results file (schema_version 1)")
    return data


def _read_xml(path: Path) -> ET.Element:
    try:
        root = ET.parse(path).getroot()
    except OSError as exc:
        raise UsageError(f"merge-results: cannot read {path} ({exc.strerror or exc})") from exc
    except ET.ParseError as exc:
        raise UsageError(f"merge-results: {path} is not XML ({exc})") from exc
    if root.tag != "testsuites":
        raise UsageError(f"merge-results: {path} is not a `guidedflows check --junit` file (no <testsuites>)")
    return root


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GuidedflowsError(f"cannot write {path}: {exc.strerror or exc}") from exc
