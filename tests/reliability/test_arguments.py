"""Issue 12, class 9: every command-line value is checked before anything runs.

A path where a folder is needed that is a file (or the reverse), a timeout of 0 or longer than Node can wait, a scale
or a port out of range, a base URL that is not a web address — or is empty, as an unset `$STAGING_URL` makes it,
which used to test the built-in mock store instead and pass — is one line on stderr and exit 2, with no browser
started and no flow run, so nothing is lost. Each case runs `main(argv)` in a process of its own, which then says
whether Playwright was ever imported.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import write_flow

RECORDINGS = Path(__file__).resolve().parents[1] / "authoring" / "recordings"
HARNESS = """\
import sys
from guidedflows.cli.commands import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(f"[exit {code}, playwright imported: {'playwright' in sys.modules}]")
"""

CASES = [
    # paths: a folder where a file goes, a file where a folder goes, a file in the way of a folder to make
    (["check", "{flows}", "--output", "{file}"], "argument --output: {file} is a file; give a folder"),
    (["check", "{flows}", "--json", "{folder}"], "argument --json: {folder} is a folder; give a file name"),
    (["check", "{flows}", "--junit", "{folder}"], "argument --junit: {folder} is a folder; give a file name"),
    (["check", "{flows}", "--report", "{file}"], "argument --report: {file} is a file; give a folder"),
    (["check", "{flows}", "--json", "{file}/results.json"], "argument --json: {file}/results.json cannot be made: {file} is a file"),
    (["docs", "{flows}", "--out", "{file}"], "argument --out: {file} is a file; give a folder"),
    (["demo", "{flow}", "--video", "{file}"], "argument --video: {file} is a file; give a folder"),
    (["import", "{recording}", "--out", "{folder}"], "argument --out: {folder} is a folder; give a file name"),
    (["merge-results", "{file}", "--json", "{folder}"], "argument --json: {folder} is a folder; give a file name"),
    # numbers
    (["check", "{flows}", "--timeout", "0s"], 'argument --timeout: "0s": a timeout must be more than 0 (e.g. 500ms, 10s)'),
    (["check", "{flows}", "--timeout", "50000m"],
     'argument --timeout: "50000m" is longer than the browser can wait (2,147,483,647 ms, about 24 days)'),
    (["docs", "{flows}", "--out", "{folder}", "--scale", "-1"], 'argument --scale: "-1": the scale must be more than 0 and at most 10'),
    (["docs", "{flows}", "--out", "{folder}", "--scale", "nan"], 'argument --scale: "nan": the scale must be more than 0 and at most 10'),
    (["serve", "--port", "99999"], 'argument --port: "99999" is not a port (1 to 65535)'),
    (["serve", "--port", "-1"], 'argument --port: "-1" is not a port (1 to 65535)'),
    # the site
    (["check", "{flows}", "--base-url", "ftp://example.com/"],
     'argument --base-url: "ftp://example.com/" is not a web address: it starts with "ftp:", not http:// or https://'),
    (["check", "{flows}", "--base-url", "localhost:8000"],
     'argument --base-url: "localhost:8000" is not a web address: it starts with "localhost:", not http:// or https://'),
    (["check", "{flows}", "--base-url", "http://[::1"],
     'argument --base-url: "http://[::1" is not a web address: it is not a valid URL (Invalid IPv6 URL)'),
    (["check", "{flows}", "--base-url", "https:///path"], 'argument --base-url: "https:///path" is not a web address: it has no host name'),
    (["check", "{flows}", "--base-url", ""],
     "argument --base-url: it is empty (an unset variable?); give the site's URL, or leave the option out"),
    (["guide", "{flow}", "--base-url", ""],
     "argument --base-url: it is empty (an unset variable?); give the site's URL, or leave the option out"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory, pages):
    root = tmp_path_factory.mktemp("arguments")
    flows = root / "flows"
    flows.mkdir()
    write_flow(flows, "flow: Payment page\nstart: /hostile.html\nsteps:\n  - expect: Payment\n", "pay.yaml")
    (root / "a-file").write_text("not a folder\n", encoding="utf-8")
    (root / "a-folder").mkdir()
    return {"{flows}": str(flows), "{flow}": str(flows / "pay.yaml"), "{file}": str(root / "a-file"),
            "{folder}": str(root / "a-folder"), "{recording}": str(RECORDINGS / "add-a-card.json"), "pages": pages}


def _filled(text: str, places: dict) -> str:
    for name, value in places.items():
        text = text.replace(name, value)
    return text


def test_9_the_default_output_folder_is_checked_too(places, tmp_path):
    (tmp_path / "guidedflows-results").write_text("a file where the default folder goes\n", encoding="utf-8")
    argv = ["check", places["{flows}"], "--base-url", places["pages"]]
    done = subprocess.run([sys.executable, "-c", HARNESS, *argv], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.stdout.splitlines()[-1] == "[exit 2, playwright imported: False]", done.stdout + done.stderr
    assert done.stderr == (
        "error: argument --output: guidedflows-results is a file; give a folder (see guidedflows check --help)\n"
    )


@pytest.mark.parametrize("argv, message", CASES, ids=[" ".join(argv[:1] + argv[2:]) for argv, _ in CASES])
def test_9_a_bad_value_is_one_line_and_exit_2_before_anything_runs(argv, message, places, tmp_path):
    argv = [_filled(arg, places) for arg in argv]
    if argv[0] in ("check", "docs", "guide", "demo") and "--base-url" not in argv:
        argv += ["--base-url", places["pages"]]
    if argv[0] in ("check", "docs", "guide", "demo") and "--output" not in argv:
        argv += ["--output", str(tmp_path / "artifacts")]
    done = subprocess.run([sys.executable, "-c", HARNESS, *argv], capture_output=True, text=True, timeout=300)
    *printed, verdict = done.stdout.splitlines() or [""]
    assert verdict == "[exit 2, playwright imported: False]", done.stdout + done.stderr
    assert printed == []
    assert done.stderr.splitlines() == [f"error: {_filled(message, places)} (see guidedflows {argv[0]} --help)"]
    assert not (tmp_path / "artifacts").exists()


def test_9_a_report_that_cannot_be_written_at_the_end_does_not_lose_the_others(tmp_path):
    """Checked before the run, a path can still fail at the end (a full disk, a folder removed): the other
    reports are written all the same, and the error names the one that failed."""
    from guidedflows.errors import GuidedflowsError
    from guidedflows.reporters.console import ConsoleReporter
    from guidedflows.reporters.outputs import Outputs

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder was\n", encoding="utf-8")
    args = argparse.Namespace(junit=blocked / "junit.xml", json=tmp_path / "results.json", report=tmp_path / "report",
                              allow_flaky=False)
    outputs = Outputs(args, ConsoleReporter(stream=open(tmp_path / "console.txt", "w")), 0, environ={})
    with pytest.raises(GuidedflowsError, match=rf"^cannot write the JUnit XML to {blocked}/junit.xml: "):
        outputs.write()
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["flows"] == []
    assert (tmp_path / "report" / "index.html").is_file()
