"""Issue 12, classes 1–4: secrets are masked by provenance, not by searching text for them.

A hostile page (pages/hostile.html, on loopback) reformats what is typed into it: a card field groups the digits with
dashes, a password field upper-cases, a PIN field cuts the value at maxlength="6", a note (contenteditable) shouts.
Flows written here type secrets into it and then fail, so every report has something to say:

1. a field that received a secret never has its value printed, whatever the page made of it;
2. a secret in `start:` (a token in the query string) stops the trace before the start page, and the console says so;
3. the current URL (`expect: page url:`, a page that did not load) is masked percent-encoded too, and lists of texts
   are quoted as text, never with Python's repr (which escapes a `\\` or `'` in a secret);
4. a short secret (a 3-digit code) is masked where the flow put it, never searched for in other text: neither
   `Type "••••••••2"` nor `Visa ending in ••••2`.

One `check` run writes every output (console, --json, --junit, --report, --trace on, failure screenshots) and one
`docs` run the guides; each class's test searches all of them for its secrets in every form (hunt.py).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from reliability.hunt import forms, guidedflows, leaks

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)

CARD, CARD_SHOWN = "4111 1111 1111 1111", "4111-1111-1111-1111"
PASSWORD, PASSWORD_SHOWN = "hunter2-secret", "HUNTER2-SECRET"
PIN, PIN_SHOWN = "quokka-pin-77", "quokka"
NOTE, NOTE_SHOWN = "marmot whisper 55", "MARMOT WHISPER 55"
TOKEN = "correct horse battery staple"
MOTTO = "it's a back\\slash secret"
VISA, CODE = "4242 4242 4242 4242", "424"

HIDDEN = "a value typed from a secret (not shown)"


def flow(title: str, params: dict[str, str], steps: str, start: str = "/hostile.html") -> str:
    declared = "".join(f"  {name}: {{default: {json.dumps(value)}, secret: true}}\n" for name, value in params.items())
    return f"flow: {title}\nstart: {json.dumps(start)}\nparams:\n{declared}steps:\n{steps}"


def failing_expect(target: str, matcher: str) -> str:
    return f"  - expect: {target}\n    {matcher}\n    timeout: 500ms\n"


def fill(target: str, param: str) -> str:
    return f"  - fill: {target}\n    value: ${{{param}}}\n"


def dead_port() -> int:
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_flows(folder: Path, port: int) -> None:
    folder.mkdir(parents=True)
    token_start = f"/hostile.html?dead={port}&token=${{token}}"
    files = {
        # 1: the page reformats the secret; a later expect on the field fails
        "dashes": flow("Dashes", {"card": CARD}, fill("Card number", "card") + failing_expect("Card number", 'value: "nope"')),
        "capitals": flow("Capitals", {"password": PASSWORD}, fill("Password", "password") + failing_expect("Password", 'value: "nope"')),
        "cut": flow("Cut", {"pin": PIN}, fill("PIN", "pin") + failing_expect("PIN", 'value: "nope"')),
        "shouted": flow("Shouted", {"note": NOTE}, fill("Note", "note") + failing_expect("Note", 'text: "nope"')),
        # 2 and 3: a token in the start URL; the page's address printed percent-encoded
        "token-start": flow("Token in start", {"token": TOKEN}, failing_expect("page", 'url: "/elsewhere"'), token_start),
        # 3: the page sends the token on to a server that is not there: the browser's error page
        "token-dead": flow("Token to a dead server", {"token": TOKEN}, "  - click: Pay\n" + failing_expect("Paid", "visible: true"), token_start),
        # 3: a list of texts, one a secret holding ' and \
        "texts": flow("Texts", {"motto": MOTTO}, failing_expect("{css: li}", 'text: ["alpha", "${motto}"]')),
        # 4: a 3-digit code that is also in the card number
        "short-code": flow(
            "Short code", {"visa": VISA, "code": CODE},
            fill("Card number", "visa") + fill("PIN", "code") + "  - expect: Visa ending in 4242\n"
            + failing_expect("{testid: visa}", 'text: "Mastercard ending in 4242"'),
        ),
    }
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


DOCS_FLOW = flow(
    "Pay with a token", {"token": TOKEN, "visa": VISA, "code": CODE, "password": PASSWORD},
    fill("Card number", "visa") + fill("PIN", "code") + fill("Password", "password") + "  - expect: Visa ending in 4242\n",
    "/hostile.html?token=${token}",
)


@pytest.fixture(scope="module")
def run(tmp_path_factory, pages):
    root = tmp_path_factory.mktemp("provenance")
    port = dead_port()
    write_flows(root / "flows", port)
    (root / "docs-flows").mkdir()
    (root / "docs-flows" / "pay.yaml").write_text(DOCS_FLOW, encoding="utf-8")
    out = root / "out"
    code, stdout, stderr = guidedflows(
        ["check", str(root / "flows"), "--base-url", pages, "--output", str(out / "artifacts"), "--trace", "on",
         "--json", str(out / "results.json"), "--junit", str(out / "junit.xml"), "--report", str(out / "report")]
    )
    assert code == 1, stdout + stderr
    printed = {"check": stdout + stderr}
    code, stdout, stderr = guidedflows(
        ["docs", str(root / "docs-flows"), "--base-url", pages, "--out", str(out / "docs"), "--scale", "1",
         "--output", str(out / "docs-artifacts")]
    )
    assert code == 0, stdout + stderr
    printed["docs"] = stdout + stderr
    return {"out": out, "printed": printed, "port": port, "console": printed["check"].decode()}


def test_every_output_was_written(run):
    out = run["out"]
    for expected in ("results.json", "junit.xml", "report/index.html", "docs/pay.md", "docs/pay.html"):
        assert (out / expected).is_file(), expected
    assert len(list((out / "artifacts").rglob("trace.zip"))) == 8
    assert len(list((out / "artifacts").rglob("failed-step-*.png"))) == 8


def test_1_a_field_that_received_a_secret_never_shows_its_value(run):
    console = run["console"]
    for name in ("dashes", "capitals", "cut"):
        assert f'expected the value "nope", but the field holds {HIDDEN}' in _error_of(run, name), name
    assert f'expected the text "nope", but it reads {HIDDEN}' in _error_of(run, "shouted")
    assert console.count(HIDDEN) >= 4
    wanted = forms(CARD, CARD_SHOWN) + forms(PASSWORD, PASSWORD_SHOWN) + forms(PIN, PIN_SHOWN) + forms(NOTE, NOTE_SHOWN)
    assert leaks(run["out"], run["printed"], wanted) == []


def test_2_a_secret_in_start_stops_the_trace_before_the_start_page(run):
    console = run["console"]
    for name in ("token-start", "token-dead"):
        assert (f"{name}: the trace stops before the start page, whose address holds a secret (secrets are never "
                "recorded)") in console
        trace = run["out"] / "artifacts" / name / "trace.zip"
        assert trace.is_file()
    assert leaks(run["out"], run["printed"], forms(TOKEN)) == []


def test_3_urls_are_masked_in_every_encoding_and_texts_are_quoted_as_text(run):
    port = run["port"]
    assert (f'expected the page address to be "/elsewhere", but it is '
            f'"http://127.0.0.1:{_site_port(run)}/hostile.html?dead={port}&token=••••aple"') in _error_of(run, "token-start")
    dead = _error_of(run, "token-dead")
    assert f"could not open http://127.0.0.1:{port}/pay?dead={port}&token=••••aple (ERR_CONNECTION_REFUSED)" in dead
    assert 'expected the texts "alpha", "••••cret", but they read "alpha", "beta"' in _error_of(run, "texts")
    assert leaks(run["out"], run["printed"], forms(TOKEN) + forms(MOTTO)) == []


def test_4_a_short_secret_is_masked_where_it_was_put_and_never_garbles_other_text(run):
    console = run["console"]
    assert 'Type "••••4242" into "Card number".' in console
    assert 'Type "••••" into "PIN".' in console
    assert '"Visa ending in 4242" is shown.' in console
    assert 'expected the text "Mastercard ending in 4242", but it reads "Visa ending in 4242"' in _error_of(run, "short-code")
    docs = (run["out"] / "docs" / "pay.md").read_text(encoding="utf-8")
    assert 'Type "••••4242" into "Card number".' in docs and 'Type "••••" into "PIN".' in docs
    assert '"Visa ending in 4242" is shown.' in docs
    for place, data in [*run["printed"].items(), ("docs", docs.encode())]:
        text = data.decode()
        assert "••••••••" not in text and "ending in ••••" not in text, place
    assert leaks(run["out"], run["printed"], forms(VISA), code=CODE) == []


def _error_of(run, flow_id: str) -> str:
    results = json.loads((run["out"] / "results.json").read_text(encoding="utf-8"))
    [found] = [flow for flow in results["flows"] if flow["id"] == flow_id]
    return found["error"] or ""


def _site_port(run) -> int:
    results = json.loads((run["out"] / "results.json").read_text(encoding="utf-8"))
    return int(results["run"]["base_url"].rsplit(":", 1)[1])
