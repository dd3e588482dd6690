"""R5 XSS and R6 secrets, extended to the exported tour (issue 17, "Safe"): the hostile flow of test_xss.py, exported
to tour.js and included by a page whose CSP is as strict as sites send (script-src 'self', style-src 'self', Trusted
Types with no policy allowed), shows every text as the text it is and runs nothing; and no secret param's value is
ever in tour.js or in what the tour keeps in the browser, whatever the flow does with it."""

from __future__ import annotations

import json

import pytest

from export.conftest import visitor  # noqa: F401 - a fresh context whose site includes tour.js
from export.visitor import TOUR_PATH, Visitor
from guidedflows.export import tour_script
from guidedflows.flow.loader import load_flow, load_flows
from reliability.test_secrets import CARD, CODE, PASSWORD, leaks, project
from reliability.test_xss import BUTTON, HINT, MADE_BY_A_PAYLOAD, PAYLOADS, TITLE, WHO, shown, write

STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
          "require-trusted-types-for 'script'; trusted-types 'none'")
SITE = "http://tour.test"
# xss.html's page, with its violation recorder moved to a file: an inline script would break the strict CSP itself.
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile texts</title>
<script src="/violations.js"></script><script src="%s"></script></head>
<body>
<h1>Profile</h1>
<label for="name">Name</label> <input id="name">
<label for="code">Code</label> <input id="code">
<button id="b">&lt;img src=x onerror=window.__xss=31&gt;</button>
</body></html>""" % TOUR_PATH
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective));"""
RAN = "() => ({xss: window.__xss ?? null, violations: window.__violations})"


def strict_site(context, script: str) -> None:
    """A site at http://tour.test that includes tour.js under the strict CSP."""
    files = {"/xss.html": ("text/html", PAGE), "/violations.js": ("text/javascript", VIOLATIONS), TOUR_PATH: ("text/javascript", script)}

    def handle(route):
        path = "/" + route.request.url.split("/", 3)[-1].split("?")[0].split("#")[0]
        kind, body = files.get(path, ("text/plain", ""))
        route.fulfill(status=200 if path in files else 404, content_type=kind, body=body, headers={"Content-Security-Policy": STRICT})

    context.route(f"{SITE}/**", handle)


def test_the_tour_file_holds_hostile_text_only_as_escaped_data(tmp_path):
    script = tour_script([load_flow(write(tmp_path))])
    data = script[script.index("guidedflowsTour.install(") :]
    assert "<" not in data and ">" not in data  # as \\u003c and \\u003e: no "</script>" even when inlined in HTML
    assert "eval(" not in script and "new Function" not in script and "innerHTML" not in script


def test_tour_cards_show_hostile_text_as_text_under_a_strict_csp(browser, tmp_path):
    flow = load_flow(write(tmp_path))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened: list[str] = []
    context.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    try:
        strict_site(context, tour_script([flow]))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{SITE}/xss.html#guidedflows={flow.id}")
        person = Visitor(page)
        total = len(PAYLOADS) + 4
        for number, (payload, literal) in enumerate(PAYLOADS, 1):
            state = person.at(f"{number} of {total}")
            assert state["title"] == TITLE
            assert shown(payload, literal) in state["body"], (number, state["body"])
            assert page.evaluate(MADE_BY_A_PAYLOAD, "guidedflows-overlay") == [], number
            person.press_card_button("Next")
        assert person.at(f"{total - 3} of {total}")["body"] == f"Hello {WHO}"
        person.press_card_button("Next")
        assert person.at(f"{total - 2} of {total}")["body"] == f'Type "{WHO}" into "Name".'
        page.get_by_label("Name").fill("Ada")
        page.get_by_label("Name").press("Enter")
        person.at(f"{total - 1} of {total}")
        page.get_by_label("Code").fill("abc")
        page.get_by_label("Code").press("Enter")  # refused by `accept`: the card shows the hint
        page.wait_for_function("() => window.__guidedflows.state().hint !== null")
        assert page.evaluate("() => window.__guidedflows.state().hint") == HINT
        page.get_by_label("Code").fill("123")
        page.get_by_label("Code").press("Enter")
        assert person.at(f"{total} of {total}")["body"] == f'Click "{BUTTON}".'
        page.get_by_role("button", name=BUTTON).click()  # the tour's resolver found the page's text as text
        person.at(f"{total} of {total}", status="finished")
        assert page.evaluate(MADE_BY_A_PAYLOAD, "guidedflows-overlay") == []
        assert page.evaluate(RAN) == {"xss": None, "violations": []}
        assert errors == [] and opened == []
    finally:
        context.close()


# -- secrets -----------------------------------------------------------------------------------------------------

HOSTILE_TO_SECRETS = """\
flow: Secrets everywhere
params:
  password: {default: "%s", secret: true}
  card_number: {default: "%s", secret: true}
  security_code: {default: "%s", secret: true}
start: /signin.html?hint=${password}
steps:
  - fill: Password
    value: ${password}
    accept: "^.{8,}$"
  - fill: Card number
    value: ${card_number}
    say: Type ${card_number} here.
  - click: ${password}
  - expect: Password
    value: ${password}
  - goto: /account?token=${password}
  - click: Sign in
    when: {visible: "${card_number}"}
  - note: Your code is ${security_code}.
  - fill: Security code
    value: ${security_code}
  - use: _part
    when: {visible: "${security_code}"}
""" % (PASSWORD, CARD, CODE)


def test_no_secret_is_ever_in_the_tour_file(tmp_path):
    (tmp_path / "hostile.yaml").write_text(HOSTILE_TO_SECRETS, encoding="utf-8")
    (tmp_path / "_part.yaml").write_text("flow: Part\nsteps:\n  - click: Done\n", encoding="utf-8")
    flows = load_flows([project(tmp_path / "store"), tmp_path / "hostile.yaml"], require_values=False)
    script = tour_script(flows)
    assert leaks(script.encode()) == []
    data = json.loads(script[script.index("guidedflowsTour.install(") + len("guidedflowsTour.install(") : script.rindex(");\n})")])
    steps = {flow["id"]: flow["steps"] for flow in data["flows"]}["hostile"]
    actions = [step["action"] for step in steps]
    # a target, a goto or a condition made of a secret cannot be carried: the person reads the card and moves on
    assert actions == ["fill", "fill", "note", "expect", "note", "click", "note", "fill", "click"]
    assert "gates" not in steps[8]  # the `use`'s condition held the (short) security code
    assert "expect" not in steps[3] and "when" not in steps[5] and "accept" not in steps[0]
    assert steps[1]["body"] == "Type •••• here." and steps[6]["body"] == "Your code is ••••."
    assert [s["body"] for s in steps if s["action"] == "fill" and s["number"] in ("1", "8")] == [
        'Type into "Password".', 'Type into "Security code".'
    ]
    assert {flow["id"]: flow["start"] for flow in data["flows"]}["hostile"] is None


def test_what_the_tour_keeps_in_the_browser_holds_nothing_typed(visitor, storefront):
    flow = load_flow(project_flow())
    page = visitor([flow])
    page.goto(storefront)
    page.get_by_role("button", name="Accept cookies").click()
    page.goto(storefront + f"#guidedflows={flow.id}")
    person = Visitor(page)
    person.at("1 of 11")
    page.get_by_role("button", name="Account").click()
    person.at("3 of 11")
    page.get_by_role("menuitem", name="Sign out").click()
    person.at("5 of 11")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Email").press("Tab")
    person.at("6 of 11")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Tab")
    person.at("7 of 11")
    kept = page.evaluate("() => sessionStorage.getItem('guidedflows.tour')")  # the tour's only key
    assert set(json.loads(kept)) == {"flow", "at", "history", "decided", "armed", "tab"}
    assert PASSWORD not in kept and "ada@example.com" not in kept


def project_flow():
    from helpers import SHIPPED_FLOWS

    return SHIPPED_FLOWS / "sign-out-and-in.yaml"


def test_export_refuses_to_write_a_tour_a_secret_would_be_in(tmp_path, monkeypatch):
    """The net under provenance: were a step's data ever to carry a secret, nothing is written."""
    from guidedflows.errors import UsageError
    from guidedflows.export import steps as steps_module

    (tmp_path / "hostile.yaml").write_text(HOSTILE_TO_SECRETS, encoding="utf-8")
    (tmp_path / "_part.yaml").write_text("flow: Part\nsteps:\n  - click: Done\n", encoding="utf-8")
    flow = load_flow(tmp_path / "hostile.yaml")
    real = steps_module.flow_data
    monkeypatch.setattr("guidedflows.export.flow_data", lambda f: {**real(f), "title": PASSWORD})
    with pytest.raises(UsageError, match="a secret param's value would be in it"):
        tour_script([flow])
