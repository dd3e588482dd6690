"""`guidedflows export FLOW... --out DIR [--format script|extension]` (interfaces.md), called as main(argv)."""

from __future__ import annotations

import gzip
import json

import pytest

from guidedflows.cli.commands import main
from helpers import SHIPPED_FLOWS, write_flow


def test_export_writes_one_tour_for_a_flow(tmp_path, capsys):
    out = tmp_path / "tour"
    assert main(["export", str(SHIPPED_FLOWS / "change-the-card.yaml"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote the tour of 1 flow to {out}: tour.js"
    script = (out / "tour.js").read_text("utf-8")
    assert script.startswith('/* guidedflows tour: change-the-card. Start it with guidedflows.start("change-the-card")')
    assert len(gzip.compress(script.encode())) <= 40_000  # the budget (docs/performance.md, B8)


def test_export_of_a_folder_puts_every_flow_in_one_file_and_leaves_partials_out(tmp_path, capsys):
    out = tmp_path / "tour"
    assert main(["export", str(SHIPPED_FLOWS), "--out", str(out), "--tag", "orders"]) == 0
    script = (out / "tour.js").read_text("utf-8")
    data = json.loads(script[script.index("install(") + len("install(") : script.rindex(");\n})")])
    ids = [flow["id"] for flow in data["flows"]]
    assert ids and all(not i.startswith("_") for i in ids) and "cancel-an-order" in ids and "add-a-card" not in ids
    steps = {flow["id"]: flow for flow in data["flows"]}["cancel-an-order"]
    assert steps["total"] == 8 and steps["steps"][0]["number"] == "setup 1.1" and "k" not in steps["steps"][0]
    assert [s["k"] for s in steps["steps"][1:]] == list(range(1, 9))  # setup steps are not counted in "k of n"


def test_export_takes_the_site_for_links_and_the_extension(tmp_path):
    flow = write_flow(tmp_path, "flow: F\nstart: /shop/\nsteps:\n  - goto: /cart\n  - click: Pay\n")
    assert main(["export", str(flow), "--out", str(tmp_path / "ext"), "--format", "extension", "--base-url", "https://shop.example.com/app"]) == 0
    manifest = json.loads((tmp_path / "ext" / "manifest.json").read_text())
    assert manifest["content_scripts"][0]["matches"] == ["https://shop.example.com/*"]
    assert '"site":"https://shop.example.com/app"' in (tmp_path / "ext" / "tour.js").read_text()


def test_export_refuses_bad_input_with_exit_2(tmp_path, capsys):
    flow = write_flow(tmp_path, "flow: F\nsteps:\n  - click: Pay\n")
    with pytest.raises(SystemExit) as exited:
        main(["export", str(flow), "--out", str(tmp_path / "t"), "--format", "zip"])
    assert exited.value.code == 2 and "invalid choice: 'zip'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "t")]) == 2
    bad = write_flow(tmp_path, "flow: F\nsteps:\n  - clik: Pay\n", "bad.yaml")
    assert main(["export", str(bad), "--out", str(tmp_path / "t")]) == 2
    assert 'did you mean "click"' in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["export", str(flow), "--out", str(tmp_path / "t"), "--base-url", "file:///etc"])
    assert exited.value.code == 2
