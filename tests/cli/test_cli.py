"""The command line, through main(argv): exit codes 0/1/2/3 and the messages a person reads."""

from __future__ import annotations

import os
import shutil

import pytest

from guidedflows.cli.commands import main
from helpers import in_thread, run_cli, write_flow

PASSING = "flow: Greeting\nsteps:\n  - click: Press me\n  - expect: {testid: log}\n    text: clicked\n"
FAILING = "flow: Broken\nsteps:\n  - click: Press me\n  - click: Does not exist\n    timeout: 500ms\n"


@pytest.mark.browser
def test_check_passes_with_exit_0(tmp_path, site, capsys):
    path = write_flow(tmp_path, PASSING, "greeting.yaml")
    code = run_cli(["check", str(path), "--base-url", site, "--output", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "greeting  Greeting" in out
    assert '1  Click "Press me".' in out
    assert "1 flow: 1 passed, 0 failed" in out


@pytest.mark.browser
def test_check_failure_exit_1_with_step_location_and_screenshot(tmp_path, site, capsys):
    write_flow(tmp_path, PASSING, "greeting.yaml")
    broken = write_flow(tmp_path, FAILING, "broken.yaml")
    code = run_cli(["check", str(tmp_path), "--base-url", site, "--output", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert 'could not find "Does not exist" on the page' in out
    assert f"at {broken}:4" in out
    assert "screenshot: " + str(tmp_path / "out" / "broken" / "failed-step-2.png") in out
    assert (tmp_path / "out" / "broken" / "failed-step-2.png").stat().st_size > 1000
    assert "2 flows: 1 passed, 1 failed" in out


@pytest.mark.browser
def test_params_and_tags(tmp_path, site, capsys):
    write_flow(tmp_path, "flow: A\ntags: [one]\nparams:\n  text: nope\nsteps:\n  - click: ${text}\n", "a.yaml")
    write_flow(tmp_path, "flow: B\ntags: [two]\nsteps:\n  - click: Missing\n", "b.yaml")
    args = ["check", str(tmp_path), "--base-url", site, "--tag", "one", "--param", "text=Press me"]
    assert run_cli(args + ["--output", str(tmp_path / "o")]) == 0
    assert "1 flow: 1 passed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["check", "no/such/dir"], "error: no such flow file or folder: no/such/dir"),
        (["check", "{dir}", "--param", "nobody=1"], 'error: --param nobody: no flow here has a param "nobody"'),
        (["check", "{dir}", "--param", "novalue"], 'error: --param takes NAME=VALUE, not "novalue"'),
        (["check", "{dir}", "--tag", "nothing"], 'error: no flow carries the tag "nothing"'),
        (["validate", "{bad}"], '{bad}:3:5: unknown action "clik" in the steps'),
    ],
)
def test_invalid_input_exit_2(tmp_path, capsys, argv, message):
    write_flow(tmp_path, PASSING, "ok.yaml")
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = write_flow(bad_dir, "flow: x\nsteps:\n  - clik: A\n", "bad.yaml")
    fill = {"{dir}": str(tmp_path / "ok.yaml"), "{bad}": str(bad)}
    argv = [fill.get(a, a) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message.replace("{bad}", str(bad)))
    assert "Traceback" not in err


def test_unknown_option_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "--no-such-option"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_validate_counts_flows(tmp_path, capsys):
    write_flow(tmp_path, PASSING, "a.yaml")
    write_flow(tmp_path, PASSING, "_partial.yaml")
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "1 flow valid (2 steps)\n"


@pytest.mark.browser
def test_missing_browser_exit_3_says_what_to_install(tmp_path, capsys, monkeypatch):
    path = write_flow(tmp_path, PASSING, "a.yaml")
    code = run_cli(["check", str(path), "--base-url", "http://127.0.0.1:9", "--browser-path", str(tmp_path / "chrome")])
    err = capsys.readouterr().err
    assert code == 3
    assert "does not exist" in err and "playwright install chromium" in err and "apt-get install chromium" in err


@pytest.mark.browser
def test_doctor_without_any_browser_exit_3(tmp_path, capsys, monkeypatch):
    from guidedflows.browser.session import playwright_chromium_path

    if in_thread(playwright_chromium_path):
        pytest.skip("Playwright's own Chromium is installed here")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GUIDEDFLOWS_BROWSER", raising=False)
    assert run_cli(["doctor"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: no browser found: install one with `python -m playwright install chromium`")


@pytest.mark.browser
def test_doctor_names_the_browser_and_why(capsys, monkeypatch):
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        pytest.skip("no system browser")
    monkeypatch.setenv("GUIDEDFLOWS_BROWSER", chromium)
    assert run_cli(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"browser: {chromium}" in out
    assert "GUIDEDFLOWS_BROWSER" in out


def test_help_does_not_import_playwright():
    import subprocess
    import sys

    code = "import sys; from guidedflows.cli.commands import main\ntry: main(['--help'])\nexcept SystemExit: pass\nprint('playwright' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ).stdout
    assert out.strip().endswith("False")
