"""upload (format 1.1; the action that proves the step registry, issue 15): files set on a file input found by its
label, or chosen through the file chooser a button opens; paths relative to the flow file and inside the flows
folder, checked at load time."""

from __future__ import annotations

import pytest

from guidedflows.errors import FlowFileError
from guidedflows.flow.loader import load_flow

START = "flow: upload\nstart: /upload.html\nsteps:\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "receipt.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def test_a_file_input_by_its_label(check, files):
    result = check(START + "  - upload: Receipt\n    files: receipt.pdf\n  - expect: {testid: log}\n    text: receipt receipt.pdf\n")
    assert result.passed, result.failure_message()
    assert result.steps[0].step.describe() == 'Attach "receipt.pdf" with "Receipt".'


def test_a_button_that_opens_the_file_chooser(check, files):
    result = check(START + "  - upload: Add photos\n    files: [a.png, b.png]\n  - expect: {testid: log}\n    text: photos a.png,b.png\n")
    assert result.passed, result.failure_message()


@pytest.mark.parametrize(
    ("files_value", "message"),
    [
        ("missing.png", 'there is no file "missing.png" beside this flow'),
        ("../outside.png", '"../outside.png" is outside the flows folder'),
        ("/etc/passwd", '"/etc/passwd" is outside the flows folder'),
        ("[]", "`files:` names no file"),
    ],
)
def test_files_are_checked_when_the_flow_loads(tmp_path, files_value, message):
    flows = tmp_path / "flows"
    flows.mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    path = flows / "attach.yaml"
    path.write_text(START + f"  - upload: Receipt\n    files: {files_value}\n")
    with pytest.raises(FlowFileError) as refused:
        load_flow(path)
    assert refused.value.problems[0].message == message
    assert refused.value.problems[0].span.line == 5
