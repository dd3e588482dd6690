"""Issue 12, class 10: what `validate` says about a hostile or broken flow file, and what it never reads.

- an unclosed `[`, `{` or quote is reported at the character that opens it, with its line and a caret (the parser
  gives up a line past the end of the file, where there is nothing to show);
- a param that uses one declared below it, or itself, is said to, instead of "unknown" or a silent "";
- `use:` opens files only inside the flows folders (the folders given, and ./flows): a reference out of them is
  refused without opening the file, so no line of it is ever printed.

The numbered files in tests/loader/bad hold one case each; this generates them the way an attacker would.
"""

from __future__ import annotations

import pytest

from reliability.hunt import guidedflows

OUTSIDE_LINE = "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("flow: Unclosed\nsteps: [\n  {click: Account},\n", 2, 8, 'this "[" is not closed: a "]" (or a ",") is missing'),
        ("flow: Unclosed\nsteps:\n  - click: {role: button, name: Save\n", 3, 12,
         'this "{" is not closed: a "}" (or a ",") is missing'),
        ('flow: Unclosed\nsteps:\n  - click: "Save card\n  - click: Done\n', 3, 12, 'this quote (") is never closed'),
        ("flow: 'Unclosed\nsteps:\n  - click: Save\n", 1, 7, "this quote (') is never closed"),
        ('flow: Forward\nparams:\n  greeting: "Hello ${name}"\n  name: Ada\nsteps:\n  - note: ${greeting}\n', 3, 20,
         'param "name" is declared below "greeting" (line 4)'),
        ('flow: Itself\nparams:\n  path: "/shop${path}"\nsteps:\n  - goto: ${path}\n', 3, 15, 'param "path" refers to itself'),
    ],
)
def test_10_a_problem_is_said_where_it_is(text, line, column, message, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    code, stdout, stderr = guidedflows(["validate", str(path)])
    first, shown, caret, *_ = stderr.decode().splitlines()
    assert (code, stdout) == (2, b"")
    assert first == f"{path}:{line}:{column}: {message}"
    assert shown == f"  {line} | {text.splitlines()[line - 1]}"
    assert caret == f"    | {' ' * (column - 1)}^"
    assert len(stderr.decode().split("\n\n")) == 1, "one mistake, one problem"


@pytest.mark.parametrize("reference", ["../../outside/creds.yaml", "../../outside/../outside/creds.yaml", "link.yaml"])
@pytest.mark.parametrize("given", ["folder", "file"])
def test_10_use_never_opens_a_file_outside_the_flows_folder(reference, given, tmp_path):
    outside = tmp_path / "outside" / "creds.yaml"
    outside.parent.mkdir()
    outside.write_text(f"{OUTSIDE_LINE}\n  - not: [valid\n", encoding="utf-8")
    project = tmp_path / "project"
    flows = project / "flows" / "payments"
    flows.mkdir(parents=True)
    if reference == "link.yaml":  # a symbolic link in the flows folder to the file outside
        (flows / "_link.yaml").symlink_to(outside)
        reference = "_link.yaml"
    path = flows / "pay.yaml"
    path.write_text(f"flow: Pay\nsteps:\n  - use: {reference}\n", encoding="utf-8")
    target = "flows" if given == "folder" else "flows/payments/pay.yaml"
    code, stdout, stderr = guidedflows(["validate", target], cwd=project)
    assert code == 2
    assert stderr.decode().splitlines()[0] == f'flows/payments/pay.yaml:3:10: "{reference}" is outside the flows folder'
    assert b"aws_secret_access_key" not in stdout + stderr and b"wJalrXUtnFEMI" not in stdout + stderr


def test_10_a_flow_file_linked_from_outside_is_never_read(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"{OUTSIDE_LINE}\n  - not: [valid\n", encoding="utf-8")
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "linked.yaml").symlink_to(outside)
    code, stdout, stderr = guidedflows(["validate", "flows"], cwd=tmp_path)
    assert (code, stdout) == (2, b"")
    assert stderr.decode() == (
        "error: flows/linked.yaml links to a file outside flows: flow files are read only inside the folders given\n"
    )


def test_10_use_reaches_anywhere_inside_the_flows_folder(tmp_path):
    project = tmp_path / "project"
    (project / "flows" / "payments").mkdir(parents=True)
    (project / "flows" / "_sign-in.yaml").write_text("flow: Sign in\nsteps:\n  - click: Sign in\n", encoding="utf-8")
    (project / "flows" / "payments" / "pay.yaml").write_text(
        "flow: Pay\nsteps:\n  - use: ../_sign-in.yaml\n  - click: Pay\n", encoding="utf-8"
    )
    for target in ("flows", "flows/payments/pay.yaml"):
        code, stdout, stderr = guidedflows(["validate", target], cwd=project)
        assert (code, stdout, stderr) == (0, b"1 flow valid (2 steps)\n", b""), target
