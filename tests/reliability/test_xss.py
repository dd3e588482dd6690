"""R5 XSS: hostile text in a flow's title, description, `say`, `hint` and a param shown on a card is shown as the
text it is — in the guide's card (played by a person over CDP), the demo's card, the docs (HTML, and Markdown as a
renderer that lets HTML through would show it) and the HTML report — also on a page whose CSP enforces Trusted Types.

Every payload would set `window.__xss` (or open an alert) if any of it ran; each place is also searched for what a
payload would have made: an element with an on* attribute, a script, an iframe, a javascript: or data: link, an
<img src=x>. Under Trusted Types, a payload reaching an HTML sink would be a CSP violation, which the page records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide.conftest import guide, person_browser  # noqa: F401 - the guide played by a person over CDP
from guidedflows.flow.loader import load_flow
from guidedflows.modes import demo as demo_module
from guidedflows.modes.demo import DemoMode
from guidedflows.run.events import StepFinished
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from helpers import run_cli

# (payload, what must be shown of it, literally, wherever it appears)
PAYLOADS = [
    ("<script>window.__xss=1</script>", None),
    ('<img src=x onerror="window.__xss=2">', None),
    ('<svg onload="window.__xss=3"><circle r=5></circle></svg>', None),
    ("<svg><script>window.__xss=4</script></svg>", None),
    ('<a href="javascript:window.__xss=5">five</a>', None),
    ("[six](javascript:window.__xss=6)", "six"),
    ("[seven](JaVaScRiPt:window.__xss=7)", "seven"),
    ("[eight](javascript&#58;window.__xss=8)", "eight"),
    ("&lt;script&gt;window.__xss=9&lt;/script&gt;", None),
    ("&#60;img src=x onerror=window.__xss=10&#62;", None),
    ('<iframe src="javascript:top.__xss=11"></iframe>', None),
    ('"><script>window.__xss=12</script>', None),
    ("'><img src=x onerror=alert(13)>", None),
    ('<details open ontoggle="window.__xss=14">fourteen</details>', None),
    ("`</code><img src=x onerror=window.__xss=15>`", "</code><img src=x onerror=window.__xss=15>"),
    ("**<img src=x onerror=window.__xss=16>**", "<img src=x onerror=window.__xss=16>"),
    ("[<img src=x onerror=window.__xss=17>](https://example.com/)", "<img src=x onerror=window.__xss=17>"),
    ('[eighteen](https://example.com/"onmouseover="window.__xss=18)', "eighteen"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=19>", None),
    ("<!--><script>window.__xss=20</script>-->", None),
    ('<style>*{background:url("javascript:window.__xss=21")}</style>', None),
    ("[twentytwo](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMik8L3NjcmlwdD4=)", "twentytwo"),
    ("<body onload=window.__xss=23>", None),
]
TITLE = '<img src=x onerror="window.__xss=50"> Profile'
DESCRIPTION = "<script>window.__xss=51</script> &lt;b&gt;entity&lt;/b&gt; [fifty-two](javascript:window.__xss=52)"
HINT = '<svg onload="window.__xss=53"> three digits'
WHO = "<img src=x onerror=window.__xss=54>"  # a param, shown on a card
BUTTON = "<img src=x onerror=window.__xss=31>"  # the page's own text, as a target (the page shows it as text)
FAILING = "<script>window.__xss=40</script>"  # a target that is not there: the report quotes it


def shown(payload: str, literal: str | None) -> str:
    return payload if literal is None else literal


def flow_text(failing: bool = False) -> str:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    lines = [f"flow: {q(TITLE)}", f"description: {q(DESCRIPTION)}", "params:", f"  who: {q(WHO)}", "start: /xss.html",
             "steps:"]
    for number, (payload, _) in enumerate(PAYLOADS, 1):
        lines += [f"  - note: Payload {number}", f"    say: {q(payload)}"]
    lines += ["  - note: hello", "    say: \"Hello ${who}\"", "  - fill: Name", "    value: ${who}",
              "  - fill: Code", "    value: \"123\"", '    accept: "^[0-9]{3}$"', f"    hint: {q(HINT)}",
              f"  - click: {q(BUTTON)}"]
    if failing:
        lines += [f"  - click: {q(FAILING)}", "    timeout: 500ms"]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str = "hostile", failing: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(flow_text(failing), encoding="utf-8")
    return path


# What a payload would have made, searched in a document or the overlay's shadow root.
MADE_BY_A_PAYLOAD = """(host) => {
  const root = host ? document.querySelector(host).shadowRoot : document;
  const found = [];
  for (const el of root.querySelectorAll("*")) {
    for (const attribute of el.attributes)
      if (attribute.name.toLowerCase().startsWith("on")) found.push(`${el.localName}[${attribute.name}]`);
    if (["script", "iframe", "object", "embed", "math"].includes(el.localName)) found.push(el.localName);
    if (el.localName === "style" && el.closest("body")) found.push("style");
    if (el.localName === "img" && /\\/x$/.test(el.src)) found.push("img src=x");
    const href = el.getAttribute("href");
    if (href !== null && /^\\s*(javascript|data|vbscript):/i.test(href)) found.push(`a href=${href}`);
  }
  return found;
}"""
RAN = "() => ({xss: window.__xss ?? null, violations: window.__violations ?? []})"


def every_shown_text(description: bool = True) -> list[str]:
    texts = [shown(p, s) for p, s in PAYLOADS] + [TITLE, WHO, BUTTON]
    return texts + ["<script>window.__xss=51</script> &lt;b&gt;entity&lt;/b&gt;"] if description else texts


@pytest.fixture
def dialogs(context):
    opened: list[str] = []
    context.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


# -- guide: the person's own browser, on the strict (Trusted Types) page -------------------------------------------


def test_guide_cards_show_hostile_text_as_text_under_trusted_types(guide, pages, tmp_path):  # noqa: F811
    person = guide(write(tmp_path), base_url=pages + "/tt")
    opened: list[str] = []
    person.context.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    total = len(PAYLOADS) + 4
    for number, (payload, literal) in enumerate(PAYLOADS, 1):
        state = person.at(f"{number} of {total}")
        assert state["title"] == TITLE
        assert shown(payload, literal) in state["body"], (number, state["body"])
        assert person.page.evaluate(MADE_BY_A_PAYLOAD, "guidedflows-overlay") == [], number
        person.press_card_button("Next")
    assert person.at(f"{total - 3} of {total}")["body"] == f"Hello {WHO}"
    person.press_card_button("Next")
    assert person.at(f"{total - 2} of {total}")["body"] == f'Type "{WHO}" into "Name".'
    person.page.get_by_label("Name").fill("Ada")
    person.page.get_by_label("Name").press("Enter")
    person.at(f"{total - 1} of {total}")
    person.page.get_by_label("Code").fill("abc")
    person.page.get_by_label("Code").press("Enter")  # refused by `accept`: the card shows the hint
    person.page.wait_for_function("() => window.__guidedflows.state().hint !== null")
    assert person.page.evaluate("() => window.__guidedflows.state().hint") == HINT
    assert person.page.evaluate(MADE_BY_A_PAYLOAD, "guidedflows-overlay") == []
    person.page.get_by_label("Code").fill("123")
    person.page.get_by_label("Code").press("Enter")
    assert person.at(f"{total} of {total}")["body"] == f'Click "{BUTTON}".'
    person.page.get_by_role("button", name=BUTTON).click()  # the overlay still works: the click is seen
    person.at(f"{total} of {total}", status="finished")
    assert person.page.evaluate(RAN) == {"xss": None, "violations": []}
    assert opened == []
    person.press_card_button("Exit")
    assert person.finish()[0] == 0


# -- demo: performed on a page of this test, with the plain page and the strict one -------------------------------


@pytest.mark.parametrize("where", ["", "/tt"])
def test_demo_cards_show_hostile_text_as_text(where, page, pages, dialogs, tmp_path, monkeypatch):
    monkeypatch.setattr(demo_module, "WORDS_PER_SECOND", 1e9)  # no reading pauses: the cards are read by the test
    flow = load_flow(write(tmp_path))
    cards = []

    def look(event) -> None:
        if isinstance(event, StepFinished):
            cards.append((event.result.step, page.evaluate("() => window.__guidedflows.state()"),
                          page.evaluate(MADE_BY_A_PAYLOAD, "guidedflows-overlay")))

    result = execute(flow, page, RunOptions(pages + where, 5.0, tmp_path / "out"), DemoMode(pace=0), [look])
    assert result.passed, result.failure_message()
    for (payload, literal), (step, state, made) in zip(PAYLOADS, cards):
        assert step.say == payload
        assert shown(payload, literal) in state["body"] and state["title"] == TITLE
        assert made == []
    assert [state["body"] for _, state, _ in cards[-4:]] == [
        f"Hello {WHO}", f'Type "{WHO}" into "Name".', 'Type "123" into "Code".', f'Click "{BUTTON}".'
    ]
    assert page.evaluate(RAN) == {"xss": None, "violations": []}
    assert dialogs == []


# -- docs and the report: files opened in a browser --------------------------------------------------------------


def opened_file_shows_it_all_as_text(page, dialogs, path: Path, texts: list[str]) -> None:
    page.goto(path.as_uri())
    text = page.evaluate("() => document.documentElement.textContent")
    missing = [expected for expected in texts if expected not in text]
    assert missing == []
    assert page.evaluate(MADE_BY_A_PAYLOAD, None) == []
    assert page.evaluate(RAN)["xss"] is None
    assert dialogs == []


@pytest.fixture(scope="module")
def docs_out(tmp_path_factory, pages):
    root = tmp_path_factory.mktemp("docs")
    flow = write(root / "flows")
    out = root / "out"
    assert run_cli(["docs", str(flow), "--out", str(out), "--base-url", pages + "/tt", "--scale", "1",
                    "--output", str(root / "artifacts")]) == 0
    return out


def test_docs_html_shows_hostile_text_as_text(docs_out, page, dialogs):
    opened_file_shows_it_all_as_text(page, dialogs, docs_out / "hostile.html", every_shown_text())
    opened_file_shows_it_all_as_text(page, dialogs, docs_out / "index.html", [TITLE, every_shown_text()[-1]])


def test_docs_markdown_shows_hostile_text_as_text_even_where_html_is_let_through(docs_out, page, dialogs):
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True})  # like renderers that pass HTML through (python-markdown)
    for name in ("hostile.md", "index.md"):
        page.set_content(renderer.render((docs_out / name).read_text(encoding="utf-8")))
        text = page.evaluate("() => document.documentElement.textContent")
        if name == "hostile.md":
            assert [expected for expected in every_shown_text() if expected not in text] == []
        assert TITLE in text
        assert page.evaluate(MADE_BY_A_PAYLOAD, None) == []
        assert page.evaluate(RAN)["xss"] is None
    assert dialogs == []


def test_html_report_shows_hostile_text_as_text(pages, page, dialogs, tmp_path):
    flows = tmp_path / "flows"
    write(flows)
    write(flows, "hostile-failing", failing=True)
    report = tmp_path / "report"
    code = run_cli(["check", str(flows), "--base-url", pages + "/tt", "--report", str(report),
                    "--output", str(tmp_path / "artifacts")])
    assert code == 1
    opened_file_shows_it_all_as_text(page, dialogs, report / "index.html", every_shown_text(description=False))
    text = page.evaluate("() => document.documentElement.textContent")
    assert f"could not find {json.dumps(FAILING)} on the page" in text or f'could not find "{FAILING}"' in text
