"""`demo --pace 0`: what --help promises ("0 for no pauses") is accepted (issue 14)."""

from __future__ import annotations

import pytest

from guidedflows.cli.commands import build_parser
from helpers import run_cli, write_flow


@pytest.mark.parametrize("given, seconds", [("0", 0.0), ("0ms", 0.0), ("500ms", 0.5), ("2s", 2.0)])
def test_pace_takes_a_bare_zero_and_durations(given, seconds):
    assert build_parser().parse_args(["demo", "f.yaml", "--pace", given]).pace == seconds


def test_pace_still_refuses_other_bare_numbers(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["demo", "f.yaml", "--pace", "3"])
    assert '"3" is not a duration' in capsys.readouterr().err


@pytest.mark.browser
def test_demo_at_pace_0_runs_the_flow(tmp_path, site, capsys):
    flow = write_flow(tmp_path, "flow: Greeting\nsteps:\n  - click: Press me\n  - expect: {testid: log}\n    text: clicked\n")
    argv = ["demo", str(flow), "--pace", "0", "--headless", "--base-url", site, "--output", str(tmp_path / "out")]
    assert run_cli(argv) == 0
    assert '1  Click "Press me".' in capsys.readouterr().out
