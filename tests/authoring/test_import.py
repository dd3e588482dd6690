"""`guidedflows import`: Chrome DevTools Recorder recordings, written by hand after `@puppeteer/replay`'s Schema.ts,
become flows with human targets and secret params; what cannot be converted is listed by index; bad JSON is an error
at its line and column."""

from __future__ import annotations

import pytest

from pathlib import Path

import jsonschema
import yaml

from guidedflows.cli.commands import main
from guidedflows.flow.loader import load_flow
from guidedflows.flow.schema import flow_schema
from helpers import run_cli

RECORDINGS = Path(__file__).parent / "recordings"

NOTES = """\
steps[0] (setViewport): dropped: flows run in the viewport the command chooses (docs: --viewport)
steps[2] (click): the click into the field is part of the fill that follows it
steps[14] (click): a "secondary" button click has no step in flows; not converted
steps[15] (scroll): dropped: each step scrolls its element into view by itself
steps[16] (waitForExpression): a JavaScript expression has no step in flows; not converted (an `expect` on what it \
waits for does the same)
steps[17] (customStep): custom step "lighthouse" has no meaning outside its extension; not converted
steps[18] (fooBar): unknown step type; not converted
steps[19]: not a step with a `type`; not converted
steps[20] (click): has no selectors; not converted
steps[29] (waitForElement): waits for >= 3 elements, which `expect` cannot say; not converted
steps[33] (close): closes the first tab; a flow closes only tabs it opened; not converted
steps[34] (emulateNetworkConditions): network emulation has no step in flows; not converted
steps[31] (click) → frame: {css: iframe, nth: 0, frame: {css: iframe, nth: 1}}: the iframe is given by its position \
in the recording; name it instead if you can, e.g. frame: {title: ...}
"""


def test_every_step_type_is_converted_or_listed(tmp_path, capsys):
    recording, out = RECORDINGS / "every-step.json", tmp_path / "every-step.yaml"
    assert main(["import", str(recording), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert out.read_text("utf-8") == (RECORDINGS / "every-step.expected.yaml").read_text("utf-8")
    assert captured.err == "".join(f"{recording}: {line}\n" for line in NOTES.splitlines())
    assert captured.out == (
        f"wrote {out} (19 steps)\n"
        "password: typed in clear while recording, written as secret params without a value; give them when you run "
        f"it: guidedflows check {out} --param password=...\n"
    )
    assert "correct horse" not in out.read_text("utf-8")
    flow = load_flow(out, require_values=False)
    assert [p.name for p in flow.params if p.secret] == ["password"]
    jsonschema.validate(yaml.safe_load(out.read_text("utf-8")), flow_schema())


@pytest.mark.browser
def test_an_imported_journey_replays_green_with_its_secrets_given(tmp_path, capsys):
    out = tmp_path / "add-a-card.yaml"
    code = main(["import", str(RECORDINGS / "add-a-card.json"), "--out", str(out), "--base-url", "http://shop.test"])
    assert code == 0
    text = out.read_text("utf-8")
    assert "4242 4242" not in text and '"123"' not in text
    assert "  card_number: {secret: true, description: typed into \"Card number\" in the recording}\n" in text
    assert "  - fill: Card number\n    value: ${card_number}\n    say: Type your card number into **Card number**.\n" in text
    assert "  - expect: page\n    url: /cards.html\n" in text
    assert "start: /\n" in text and "shop.test" not in text
    capsys.readouterr()
    params = ["--param", "card_number=4242 4242 4242 4242", "--param", "security_code=123"]
    assert run_cli(["check", str(out), *params, "--output", str(tmp_path / "results")]) == 0, capsys.readouterr().out
    assert "4242 4242" not in capsys.readouterr().out


def test_malformed_json_is_an_error_at_its_line_and_column(tmp_path, capsys):
    recording, out = RECORDINGS / "malformed.json", tmp_path / "never.yaml"
    assert main(["import", str(recording), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"{recording}:5:5: not valid JSON: Expecting ',' delimiter\n"
        '  5 |     {"type": "click", "selectors": [["aria/Account"]]}\n'
        "    |     ^\n"
        "  hint: export the recording from Chrome DevTools (Recorder → Export → JSON)\n"
    )
    assert captured.out == "" and not out.exists()


def test_json_that_is_not_a_recording(tmp_path, capsys):
    for text, message in [
        ("[1, 2]\n", "a recording is a JSON object with `title` and `steps`"),
        ('{"title": "No steps"}\n', "the recording has no `steps`"),
        ('{"title": "x", "steps": {}}\n', "the recording's `steps` is not a list"),
    ]:
        recording = tmp_path / "recording.json"
        recording.write_text(text)
        assert main(["import", str(recording), "--out", str(tmp_path / "out.yaml")]) == 2
        assert capsys.readouterr().err.startswith(f"{recording}:1:1: {message}\n")


def test_a_recording_with_nothing_to_convert(tmp_path, capsys):
    recording = tmp_path / "viewport.json"
    recording.write_text('{"title": "Only a viewport", "steps": [{"type": "setViewport", "width": 800, "height": 600}]}')
    assert main(["import", str(recording), "--out", str(tmp_path / "out.yaml")]) == 2
    assert capsys.readouterr().err == (
        "error: viewport.json: no step of the recording could be converted:\n"
        "  steps[0] (setViewport): dropped: flows run in the viewport the command chooses (docs: --viewport)\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_a_type_named_like_a_method_is_an_unknown_type(tmp_path, capsys):
    """issue 15: the handler was looked up by attribute name, so {"type": "add"} reached an internal method."""
    steps = [{"type": "navigate", "url": "https://shop.example/"}]
    steps += [{"type": kind, "selectors": [["#x"]]} for kind in ("add", "assert", "target", "flow", "where", "next")]
    recording = tmp_path / "odd.json"
    recording.write_text('{"title": "Odd", "steps": ' + __import__("json").dumps(steps) + "}")
    assert main(["import", str(recording), "--out", str(tmp_path / "odd.yaml")]) == 2  # nothing could be converted
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert "steps[1] (add): unknown step type; not converted" in err
