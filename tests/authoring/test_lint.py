"""`guidedflows validate` warnings: each one at path:line:column with the replacement to write; exit 0, or 2 with --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guidedflows.cli.commands import main
from guidedflows.flow.lint import lint_flows
from guidedflows.flow.loader import load_flows
from helpers import write_flow

ROOT = Path(__file__).resolve().parents[2]

LINTED = """\
flow: Every warning
params:
  holder: Ada
  unused: nothing
  card: {secret: true}
steps:
  - click: {css: "[data-testid=save-card]"}
    say: Save.
  - click: {css: button.primary}
  - click: {css: "#save"}
    say: Save it.
  - fill: {css: "input[placeholder='Card number']"}
    value: ${card}
    say: Type the number.
  - click: {css: "button:has-text(\\"Save card\\")", nth: 0}
    say: Save.
  - click: {xpath: "//button[text()='Save']"}
  - wait: 2s
  - click: Save
  - wait: 500ms
  - expect: Saved
  - fill: {label: Name, frame: {css: "iframe[title='Add a new card']"}}
    value: ${holder}
  - click: {css: "[aria-label='Close']", within: {testid: dialog}}
    say: Close it.
  - expect: {testid: ticket}
    matches: "^TK-[0-9]+$"
  - check: {css: "input[type=checkbox]"}
    say: Tick it.
  - wait: 1m
"""

DO = "add `say:` with what to do, in the words on the screen, e.g. say: Press **Save card**."
SEE = "add `say:` with what the person should see, in words, e.g. say: Your ticket number is shown."
SLEEPS = "sleeps on every run and still fails when the site is slower"

EXPECTED = [
    (4, 3, 'the param "unused" is never used', "use it as ${unused} in a step (e.g. value: ${unused}), or remove it"),
    (7, 12, "a CSS selector where a test id would do", "replace it with {testid: save-card}"),
    (9, 5, "this step has no `say:`, so a person reads: Click the element css `button.primary`.", DO),
    (9, 12, "a CSS selector where a role and name would do", "replace it with {role: button, name: …}"),
    (
        10, 12,
        "a CSS selector breaks when the page's markup changes and tells a reader nothing: prefer what a person reads",
        "write the text a person sees on it (e.g. `click: Save card`), or {role: button, name: …}",
    ),
    (12, 11, "a CSS selector where the placeholder would do", "replace it with {placeholder: Card number}"),
    (15, 12, "a CSS selector where the text a person reads would do", "replace it with {text: Save card, nth: 0}"),
    (17, 5, "this step has no `say:`, so a person reads: Click the element xpath `//button[text()='Save']`.", DO),
    (17, 12, "an XPath expression where a role and name would do", "replace it with {role: button, name: Save}"),
    (18, 5, f"`wait: 2s` {SLEEPS}", 'remove it: the next step already waits for "Save" to appear'),
    (20, 5, f"`wait: 500ms` {SLEEPS}", "remove it: the next step's `expect` already waits as long as needed, and no longer"),
    (22, 32, "a CSS selector where the title would do", "replace it with {title: Add a new card}"),
    (
        24, 12, "a CSS selector where the name a person reads would do",
        "replace it with {text: Close, within: {testid: dialog}}",
    ),
    (26, 5, "this step has no `say:`, so a person reads: The element testid `ticket` matches `^TK-[0-9]+$`.", SEE),
    (28, 12, "a CSS selector where a role and name would do", "replace it with {role: checkbox, name: …}"),
    (
        30, 5, f"`wait: 1m` {SLEEPS}",
        "replace it with `- expect: ...` on what you are waiting for, e.g. - expect: Your card was saved.",
    ),
]


def test_every_warning_at_its_line_and_column_with_the_replacement(tmp_path):
    path = write_flow(tmp_path, LINTED)
    warnings = lint_flows(load_flows([path], require_values=False))
    got = [(w.span.line, w.span.column, w.message, w.hint) for w in warnings]
    assert got == EXPECTED
    assert {w.span.path for w in warnings} == {str(path)}


@pytest.mark.parametrize(
    "selector, replacement",
    [
        ({"css": "[data-testid='card-1111']"}, "{testid: card-1111}"),
        ({"css": 'a[aria-label="Alipay wallet home"]'}, "Alipay wallet home"),
        ({"css": "img[alt=Logo]"}, "{alt: Logo}"),
        ({"css": "text=Manage your cards"}, "Manage your cards"),
        ({"css": "a.nav"}, "{role: link, name: …}"),
        ({"css": "select#month"}, "{label: …}"),
        ({"css": "h1"}, "{role: heading, name: …}"),
        ({"xpath": "//*[@data-testid='order-status']"}, "{testid: order-status}"),
        ({"xpath": "//a[.='Help']"}, "{role: link, name: Help}"),
        ({"xpath": "//span[text()='Visa ending in 1111']"}, "Visa ending in 1111"),
        ({"xpath": "//p[contains(text(), 'ending in')]"}, "{text: ending in}"),
        ({"xpath": "//input[@placeholder='Search']"}, "{placeholder: Search}"),
        ({"xpath": "//div/form/input"}, "{label: …}"),
    ],
)
def test_the_replacement_is_read_from_the_selector(tmp_path, selector, replacement):
    (kind, value), = selector.items()
    path = write_flow(tmp_path, f"flow: One\nsteps:\n  - show: {{{kind}: {value!r}}}\n    say: Look.\n")
    [warning] = lint_flows(load_flows([path]))
    assert warning.hint == f"replace it with {replacement}"
    # the suggestion is a target the loader accepts
    write_flow(tmp_path, f"flow: Two\nsteps:\n  - show: {replacement}\n    say: Look.\n", "two.yaml")
    load_flows([tmp_path / "two.yaml"])


def test_setup_steps_need_no_say_and_used_partials_are_linted_once(tmp_path):
    write_flow(tmp_path, "flow: Part\nsteps:\n  - wait: 1s\n  - click: Accept\n", "_part.yaml")
    setup = "setup:\n  - expect: {testid: banner}\n    matches: Cookies?\n"
    write_flow(tmp_path, f"flow: A\n{setup}steps:\n  - use: _part\n", "a.yaml")
    write_flow(tmp_path, "flow: B\nsteps:\n  - use: _part\n  - click: Save\n", "b.yaml")
    warnings = lint_flows(load_flows([tmp_path]))
    assert [(Path(w.span.path).name, w.span.line) for w in warnings] == [("_part.yaml", 3)]


def test_validate_reports_warnings_like_errors_and_exits_0(tmp_path, capsys):
    path = write_flow(tmp_path, "flow: W\nsteps:\n  - click: Save\n  - wait: 2s\n")
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "1 flow valid (2 steps), 1 warning:\n"
        "\n"
        f"warning: {path}:4:5: `wait: 2s` {SLEEPS}\n"
        "  4 |   - wait: 2s\n"
        "    |     ^\n"
        "  hint: replace it with `- expect: ...` on what you are waiting for, e.g. - expect: Your card was saved.\n"
    )
    assert err == ""


def test_strict_turns_warnings_into_exit_2(tmp_path, capsys):
    path = write_flow(tmp_path, "flow: W\nparams:\n  x: 1\nsteps:\n  - click: Save\n")
    assert main(["validate", "--strict", str(path)]) == 2
    assert 'the param "x" is never used' in capsys.readouterr().out
    clean = write_flow(tmp_path, "flow: C\nsteps:\n  - click: Save\n", "clean.yaml")
    assert main(["validate", "--strict", str(clean)]) == 0
    assert capsys.readouterr() == ("1 flow valid (1 steps)\n", "")


def test_errors_stay_errors(tmp_path, capsys):
    path = write_flow(tmp_path, "flow: U\nsteps:\n  - use: nowhere\n  - wait: 1s\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'{path}:3:10: no flow "nowhere" to use')
    assert "warning" not in err


def test_lint_needs_no_browser():
    code = f"import sys; from guidedflows.cli.commands import main; main(['validate', {str(ROOT / 'flows')!r}]); print('playwright' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().endswith("False")


def test_a_partial_guarded_by_optional_steps_gets_when(tmp_path):
    """issue 16: `optional` waits 2 s on every run where the target is absent; `when:` decides at once."""
    write_flow(tmp_path, "flow: Banner\nsteps:\n  - click: Accept cookies\n    optional: true\n", "_banner.yaml")
    path = write_flow(tmp_path, "flow: Uses\nsteps:\n  - use: _banner\n  - use: _banner\n    optional: true\n")
    warnings = lint_flows(load_flows([str(path)]))
    assert [(w.span.line, w.message, w.hint) for w in warnings] == [
        (3, "every step of _banner is optional: each waits 2s on every run where it is absent",
         "run it only when it applies, decided at once: when: {visible: Accept cookies}"),
        (4, "`optional:` does not apply to `use:` (it has no target of its own)",
         "run it only when it applies, decided at once: when: {visible: Accept cookies}"),
    ]
