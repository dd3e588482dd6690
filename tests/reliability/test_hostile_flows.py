"""Issue 12, classes 5–8: what a hostile flow file (or a hostile site) must not be able to do through guidedflows.

5. write outside the output folder: an id, a step id or a screenshot name with separators or `..`, an absolute
   screenshot path, a secret in an id or file name — all refused at load with `path:line:column` and a caret, and
   every path written is checked again (a flow built in Python skips the loader);
6. read local files into the reports: `start`/`goto` open http(s) pages (and about:blank) only, also once params
   are filled in;
7. write to the CI log: a dialog message, a page's text or a flow's title holding newlines, `::error …`, ESC or NEL
   is printed on one line with its controls shown, so only guidedflows' own annotations are workflow commands;
8. inject Markdown or HTML through an id: index.md and index.html link to pages by percent-encoded names.

Each flow is written by the test; the site is pages/hostile.html on loopback.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from guidedflows.flow.loader import load_flow
from guidedflows.howto.publish import Page, index_html, index_markdown, write_page
from guidedflows.modes.check import CheckMode
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from guidedflows.steps.notes import Shot
from reliability.hunt import guidedflows

SITE_STEPS = "start: /hostile.html\nsteps:\n  - expect: Payment\n"


def refused(code: int, stderr: bytes, path: Path, line: int, column: int, message: str) -> None:
    """Exit 2 and `path:line:column: message`, the line and a caret: the loader's own way of saying it."""
    text = stderr.decode()
    assert code == 2, text
    first, shown, caret = text.splitlines()[:3]
    assert first == f"{path}:{line}:{column}: {message}", text
    assert shown.startswith(f"  {line} | "), text
    assert caret == f"  {' ' * len(str(line))} | {' ' * (column - 1)}^", text


# -- 5: names that cannot escape ------------------------------------------------------------------------------------

ESCAPES = [
    ("flow: Away\nid: ../../elsewhere/x\n" + SITE_STEPS, 2, 5,
     'flow id "../../elsewhere/x" can hold only letters, digits, -, _ and . (it names files and folders)'),
    ("flow: Away\n" + SITE_STEPS + "  - screenshot: ../../elsewhere/shot\n", 5, 17,
     'screenshot name "../../elsewhere/shot" can hold only letters, digits, -, _ and . (it names files and folders)'),
    ("flow: Away\n" + SITE_STEPS + "  - screenshot: {abs}\n", 5, 17,
     'screenshot name "{abs}" can hold only letters, digits, -, _ and . (it names files and folders)'),
    ("flow: Away\n" + SITE_STEPS + "  - click: Save\n    id: ../x\n", 6, 9,
     'step id "../x" can hold only letters, digits, -, _ and . (it names files and folders)'),
    ("flow: Away\nid: pay-${token}\nparams:\n  token: {default: tok-8d1f0c, secret: true}\n" + SITE_STEPS, 2, 5,
     "a flow id cannot use a secret param: it is written in file names and reports"),
    ("flow: Away\nparams:\n  token: {default: tok-8d1f0c, secret: true}\n" + SITE_STEPS + "  - screenshot: shot-${token}\n",
     7, 17, "a screenshot name cannot use a secret param: it is written in file names and reports"),
]


@pytest.mark.parametrize("text, line, column, message", ESCAPES)
@pytest.mark.parametrize("command", ["check", "docs"])
def test_5_a_flow_cannot_name_a_file_outside_its_folder(command, text, line, column, message, tmp_path, pages):
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    absolute = tmp_path / "elsewhere" / "abs"
    path = root / "away.yaml"
    path.write_text(text.replace("{abs}", str(absolute)), encoding="utf-8")
    out = root / "out"
    argv = [command, str(path), "--base-url", pages, "--output", str(out / "artifacts")]
    code, stdout, stderr = guidedflows(argv + (["--out", str(out / "docs")] if command == "docs" else []))
    refused(code, stderr, path, line, column, message.replace("{abs}", str(absolute)))
    assert stdout == b""
    assert not (tmp_path / "elsewhere").exists()
    assert not out.exists() or not any(out.rglob("*"))  # nothing ran: no artifacts, no pages
    assert b"tok-8d1f0c" not in stderr


def test_5_a_file_name_that_is_no_safe_id_is_refused(tmp_path, pages):
    path = tmp_path / "two words.yaml"
    path.write_text("flow: Named by its file\n" + SITE_STEPS, encoding="utf-8")
    code, _, stderr = guidedflows(["check", str(path), "--base-url", pages, "--output", str(tmp_path / "out")])
    refused(code, stderr, path, 1, 1, 'the flow id "two words", from the file name, can hold only letters, digits, -, _ '
            "and . (it names files and folders)")


def test_5_every_path_written_is_checked_again(tmp_path, page, pages):
    """A flow built in Python skips the loader's checks: the executor and the docs writer refuse to leave their folder."""
    from guidedflows.flow.names import OutsideFolder  # here: the other tests of this file also run on older versions

    path = tmp_path / "flows" / "fine.yaml"
    path.parent.mkdir()
    path.write_text("flow: Fine\n" + SITE_STEPS + "  - screenshot: shot\n", encoding="utf-8")
    flow = load_flow(path)
    out = tmp_path / "a" / "out"
    for hostile in (dataclasses.replace(flow, id="../../elsewhere"), _with_screenshot(flow, "../../../elsewhere/shot")):
        with pytest.raises(OutsideFolder):
            execute(hostile, page, RunOptions(pages, 5.0, out), CheckMode())
    with pytest.raises(OutsideFolder):
        write_page(Page(dataclasses.replace(flow, id="../elsewhere"), (), "verified"), out, ("md", "html"))
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "a" / "elsewhere").exists()


def _with_screenshot(flow, name: str):
    steps = tuple(dataclasses.replace(s, payload=Shot(name)) if s.action == "screenshot" else s for s in flow.steps)
    return dataclasses.replace(flow, steps=steps)


# -- 6: web pages only ----------------------------------------------------------------------------------------------

CREDENTIALS = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize(
    "where, params, line, column, message",
    [
        ("start: file://{credentials}", [], 2, 8, '`start` opens web pages only: it starts with "file:", not http:// or https://'),
        ("start: ${where}", ["--param", "where=file://{credentials}"], 2, 8,
         '`start` opens web pages only: it starts with "file:", not http:// or https://'),
        ('start: "data:text/html,<p>aws_secret_access_key</p>"', [], 2, 8,
         '`start` opens web pages only: it starts with "data:", not http:// or https://'),
        ("steps:\n  - goto: \"javascript:document.title='aws'\"", [], 3, 11,
         '`goto` opens web pages only: it starts with "javascript:", not http:// or https://'),
        ("steps:\n  - goto: 'JaVaScRiPt:alert(1)'", [], 3, 11,
         '`goto` opens web pages only: it starts with "javascript:", not http:// or https://'),
    ],
)
def test_6_a_flow_opens_web_pages_only(where, params, line, column, message, tmp_path, pages):
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[default]\n{CREDENTIALS}\n", encoding="utf-8")
    head = where.replace("{credentials}", str(credentials))
    declared = "params:\n  where: /hostile.html\n" if "${where}" in where else ""
    steps = "" if "steps:" in head else "steps:\n"
    path = tmp_path / "local.yaml"
    path.write_text(f"flow: Local file\n{head}\n{declared}{steps}  - expect: aws_secret_access_key\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(path), "--base-url", pages, "--output", str(out), "--json", str(out / "results.json")]
    code, stdout, stderr = guidedflows(argv + [p.replace("{credentials}", str(credentials)) for p in params])
    refused(code, stderr, path, line, column, message)
    assert b"wJalrXUtnFEMI" not in stdout + stderr
    assert not (out / "results.json").exists()


# -- 7: nothing from a site or a flow can write to the CI log ------------------------------------------------------

CI_FLOW = """\
flow: "Pay \\e]0;owned by the title\\a\\r\\n::error title=Title::the flow wrote this \\N\\L::warning::more"
start: /hostile.html
steps:
  - note: "A note\\n::error::on its own line"
  - click: Save
"""
OURS = re.compile(rb"^::(error|warning) file=[^,\r\n]+,line=\d+,title=[^\r\n]*::[^\r\n]*$")


@pytest.mark.browser
def test_7_no_output_line_is_a_workflow_command_but_our_annotations(tmp_path, pages):
    path = tmp_path / "ci.yaml"
    path.write_text(CI_FLOW, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = guidedflows(
        ["check", str(path), "--base-url", pages, "--output", str(out), "--json", str(out / "results.json")],
        env={"GITHUB_ACTIONS": "true"},
    )
    assert code == 1, stdout + stderr
    printed = stdout + stderr
    # The Actions runner splits the log on \r and \n and trims each line before looking for `::`; terminals and
    # other tools also break lines at NEL, LS and PS, and act on ESC and BEL: none of those is printed raw.
    for raw in (b"\x1b", b"\x07", b"\r", "\u0085".encode(), "\u2028".encode(), "\u2029".encode(), "\u202e".encode()):
        assert raw not in printed, raw
    commands = [line.strip() for line in printed.splitlines() if line.strip().startswith(b"::")]
    assert len(commands) == 1 and OURS.match(commands[0]), commands
    assert commands[0].startswith(f"::error file={path},line=5,title=ci%3A step 2 failed::".encode())
    text = printed.decode()
    assert "\\x1b]0;owned by the title\\x07" in text  # shown, not sent
    assert 'a dialog opened that the flow did not expect: "Saved ::error title=Forged::the site wrote this ' in text
    assert "xU+0085::warning::after NELU+2028::notice::after LS \\x1b]0;owned\\x07\\x1b[2JU+202Eevil" in text
    # the reports keep the message as the text it is (JSON escapes it its own way)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert "::error title=Forged::the site wrote this" in results["flows"][0]["error"]


# -- 8: an id cannot inject Markdown or HTML into the index ---------------------------------------------------------

INJECTION = "x)<img src=x onerror=alert(8)>("


def test_8_an_id_that_would_inject_markup_is_refused(tmp_path, pages):
    path = tmp_path / "inject.yaml"
    path.write_text(f"flow: Inject\nid: {json.dumps(INJECTION)}\n" + SITE_STEPS, encoding="utf-8")
    out = tmp_path / "docs"
    code, _, stderr = guidedflows(["docs", str(path), "--base-url", pages, "--out", str(out), "--output", str(tmp_path / "a")])
    refused(code, stderr, path, 2, 5, f'flow id "{INJECTION}" can hold only letters, digits, -, _ and . (it names files '
            "and folders)")
    assert not out.exists() or not any(out.iterdir())


def test_8_index_links_are_percent_encoded_whatever_the_id(tmp_path, page):
    """The index is safe on its own too: a flow built in Python, with any id, is linked by an encoded name."""
    from markdown_it import MarkdownIt

    path = tmp_path / "fine.yaml"
    path.write_text("flow: Fine\n" + SITE_STEPS, encoding="utf-8")
    flow = dataclasses.replace(load_flow(path), id=INJECTION, title="Title\n<img src=x onerror=alert(9)>")
    pages = [Page(flow, (), "verified")]
    for document in (MarkdownIt("commonmark", {"html": True}).render(index_markdown(pages, "v")), index_html(pages, "v")):
        page.set_content(document)
        assert page.evaluate("() => [...document.querySelectorAll('img, [onerror]')].length") == 0
        href = page.evaluate("() => document.querySelector('a').getAttribute('href')")
        assert href.startswith("x%29%3Cimg%20src%3Dx%20onerror%3Dalert%288%29%3E%28."), href
        assert "<img src=x onerror=alert(9)>" in page.evaluate("() => document.body.textContent")
