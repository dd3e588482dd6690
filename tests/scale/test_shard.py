"""`check --shard I/N` (and `--durations`): deterministic slices; `merge-results` puts the shards' files together."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from guidedflows.cli.commands import main
from guidedflows.scale.shard import split
from helpers import run_cli

ROOT = Path(__file__).parents[2]
SCHEMA = ROOT / "schema" / "results.schema.json"
JUNIT_XSD = ROOT / "tests" / "plugin" / "data" / "junit-10.xsd"
IDS = [f"flow-{n:02d}" for n in range(10)]


def test_every_flow_in_exactly_one_slice_and_counts_balanced():
    slices = split(IDS, 3)
    assert sorted(flow for part in slices for flow in part) == IDS
    assert sorted(len(part) for part in slices) == [3, 3, 4]


def test_slices_depend_on_ids_only_not_their_order():
    assert split(list(reversed(IDS)), 4) == split(IDS, 4)


def test_slices_are_the_same_in_any_process():
    """Stable across machines: no hash randomisation (each Python process salts str hashes differently)."""
    code = "from guidedflows.scale.shard import split; print(split([f'flow-{n:02d}' for n in range(10)], 3))"
    printed = {
        subprocess.run([sys.executable, "-c", code], env={"PYTHONHASHSEED": seed}, capture_output=True, text=True,
                       check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert printed == {f"{split(IDS, 3)}\n"}


def test_durations_balance_the_slices():
    durations = {"flow-00": 30.0, "flow-01": 10.0, "flow-02": 10.0, "flow-03": 10.0}
    slow_alone, the_rest = split(["flow-00", "flow-01", "flow-02", "flow-03"], 2, durations)
    assert slow_alone == ["flow-00"]
    assert the_rest == ["flow-01", "flow-02", "flow-03"]


def test_a_flow_without_a_past_duration_weighs_the_median():
    durations = {"flow-00": 1.0, "flow-01": 2.0, "flow-02": 9.0}
    slices = split(["flow-00", "flow-01", "flow-02", "new"], 2, durations)
    assert slices == [["flow-02"], ["flow-01", "new", "flow-00"]]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--shard", "0/2"], "error: --shard 0/2: I must be between 1 and N (1/2 … 2/2)"),
        (["--shard", "3/2"], "error: --shard 3/2: I must be between 1 and N (1/2 … 2/2)"),
        (["--shard", "half"], "error: --shard takes I/N, such as 1/4 (the first of four slices), not \"half\""),
        (["--durations", "x.json"], "error: --durations balances shards: use it with --shard I/N"),
        (["--shard", "1/2", "--durations", "missing.json"], "error: --durations missing.json: cannot read it"),
    ],
)
def test_bad_shard_options_exit_2(flows, argv, message, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(flows), *argv]) == 2
    assert capsys.readouterr().err.startswith(message)


@pytest.fixture
def shards(flows, site, tmp_path):
    """The four flows in two shards balanced by durations that make c.yaml (the failing one) the long one."""
    durations = tmp_path / "earlier.json"
    earlier = [{"id": "a", "duration": 1.0}, {"id": "b", "duration": 1.0}, {"id": "c", "duration": 5.0}, {"id": "d", "duration": 1.0}]
    durations.write_text(json.dumps({"flows": earlier}), encoding="utf-8")
    runs = []
    for index in (1, 2):
        out = tmp_path / f"shard-{index}"
        argv = ["check", str(flows), "--base-url", site, "--shard", f"{index}/2", "--durations", str(durations)]
        argv += ["--output", str(out / "artifacts"), "--json", str(out / "results.json"), "--junit", str(out / "junit.xml")]
        runs.append((run_cli(argv), out))
    return runs


@pytest.mark.browser
def test_shards_run_their_slice_and_merge_into_one_run(shards, tmp_path, capsys):
    (first_code, first), (second_code, second) = shards
    assert (first_code, second_code) == (1, 0)  # c (the failing flow) weighs 5 s: alone in shard 1
    assert [flow["id"] for flow in json.loads((first / "results.json").read_text())["flows"]] == ["c"]
    assert [flow["id"] for flow in json.loads((second / "results.json").read_text())["flows"]] == ["a", "b", "d"]
    capsys.readouterr()

    inputs = [str(second / "results.json"), str(first / "results.json"), str(first / "junit.xml"), str(second / "junit.xml")]
    assert main(["merge-results", *inputs, "--json", str(tmp_path / "all.json"), "--junit", str(tmp_path / "all.xml")]) == 0
    printed = capsys.readouterr().out
    assert f"JSON results: {tmp_path / 'all.json'} (4 flows from 2 files: 3 passed, 1 failed, 0 flaky)" in printed

    merged = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    jsonschema.validate(merged, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [flow["id"] for flow in merged["flows"]] == ["a", "b", "c", "d"]
    assert merged["run"]["counts"] == {"passed": 3, "failed": 1, "flaky": 0, "total": 4}
    assert merged["run"]["status"] == "failed"

    xmlschema.XMLSchema(JUNIT_XSD).validate(tmp_path / "all.xml")
    suites = ET.parse(tmp_path / "all.xml").getroot()
    assert sorted(suite.get("name") for suite in suites) == ["a", "b", "c", "d"]
    assert (suites.get("tests"), suites.get("failures")) == ("4", "1")


def test_merging_a_flow_twice_is_refused(tmp_path, capsys):
    results = {"schema_version": 1, "run": {}, "flows": [{"id": "a"}]}
    for name in ("one.json", "two.json"):
        (tmp_path / name).write_text(json.dumps(results), encoding="utf-8")
    argv = ["merge-results", str(tmp_path / "one.json"), str(tmp_path / "two.json"), "--json", str(tmp_path / "all.json")]
    assert main(argv) == 2
    assert "the flow 'a' is in both" in capsys.readouterr().err
    assert not (tmp_path / "all.json").exists()


def test_merging_what_is_not_a_results_file_is_refused(tmp_path, capsys):
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    assert main(["merge-results", str(tmp_path / "other.json"), "--json", str(tmp_path / "all.json")]) == 2
    assert "is not a `guidedflows check --json` results file" in capsys.readouterr().err
