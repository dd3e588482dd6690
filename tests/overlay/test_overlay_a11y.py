"""The overlay for everyone (issue 16): axe-core finds nothing wrong with it in any state, light or dark, on an
ordinary page and under a strict Content-Security-Policy; every control is named by the words it shows; a new card
takes the focus and says its step; the keyboard reaches the spotlit element from the card and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from a11y import HOST, axe_overlay, axe_version, control_names, describe

ALL = {"back": True, "next": True, "skip": True, "exit": True, "doit": True}

STATES = {
    "active": dict(body="Press **Save**. See [the help](/help) and `code`.", expect_dialog="accept"),
    "looking": dict(status="looking", message="Looking for **Save**…", target=None),
    "missing": dict(status="missing", message="I can't find **Save** on this page.", target=None),
    "waiting": dict(status="waiting", message="Waiting for: the page says *Saved*."),
    "finished": dict(status="finished", body="All done — 9 steps.", progress="9 of 9", step=9, buttons={"exit": True}, target=None),
    "rejected": dict(body="Type your card number.", hint="A card number has 13 to 19 digits.", target="#card"),
}


def draw(gf, state: str, path: str = "/form") -> None:
    card = dict(STATES[state])
    target = card.pop("target", "#save" if path == "/form" else "#pay")
    gf.goto(path)
    gf.spotlight(gf.page.locator(target) if target else None)
    gf.render(**{"buttons": ALL, **card})
    if state == "rejected":
        gf.watch(gf.page.locator(target), "fill", accept="^[0-9 ]{13,23}$", hint=card["hint"])
        gf.page.fill(target, "12")
        gf.page.press(target, "Enter")
        gf.wait_for(lambda: gf.state()["hint"], message="the hint")
    expect(gf.part("card")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/form", "/strict"])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violation(gf, state, scheme, path):
    gf.page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    draw(gf, state, path)
    found = axe_overlay(gf.page)
    assert found["violations"] == [], describe(found["violations"])
    assert found["incomplete"] == [], describe(found["incomplete"])
    assert found["contrast_checked"] >= 4  # the card's words were measured, not skipped
    assert {"button-name", "aria-dialog-name", "aria-hidden-focus", "nested-interactive"} <= set(found["rules_passed"])


def test_docs_outline_and_badge_pass_axe_too(gf):
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#save"), style="docs", number=3)
    expect(gf.part("badge")).to_be_visible()
    found = axe_overlay(gf.page)
    assert found["violations"] == [] and found["incomplete"] == [], describe(found["violations"] + found["incomplete"])


def test_axe_sees_inside_the_shadow_root_a_deliberate_violation_is_caught(gf):
    draw(gf, "active")
    assert axe_version(gf.page).startswith("4.12")
    gf.page.evaluate(
        """(host) => {
            const panel = document.querySelector(host).shadowRoot.querySelector("[part=panel]");
            const nameless = document.createElement("button");
            nameless.className = "icon";
            const faint = document.createElement("p");
            faint.textContent = "Barely readable";
            faint.style.color = "#e5e7eb";
            const before = document.createElement("button");  // the closing button as it was before issue 16
            before.textContent = "Close";
            before.setAttribute("aria-label", "Exit");
            panel.append(nameless, faint, before);
        }""",
        HOST,
    )
    found = axe_overlay(gf.page)
    ids = {v["id"] for v in found["violations"]}
    assert {"button-name", "color-contrast", "label-content-name-mismatch"} <= ids, describe(found["violations"])


@pytest.mark.parametrize("state", ["active", "missing", "finished"])
def test_every_control_is_named_by_the_words_it_shows(gf, state):
    draw(gf, state)
    controls = control_names(gf.page)
    assert controls
    for control in controls:
        assert control["label"].lower() in control["name"].lower(), control  # WCAG 2.5.3, label in name
        if control["label"]:  # what a person says to voice control finds it
            expect(gf.page.locator(HOST).get_by_role(_role(control), name=control["label"], exact=True)).to_have_count(1)
    names = {c["name"] for c in controls}
    wanted = {"Exit"} if state == "finished" else {"Back", "Next", "Skip", "Exit", "Do it for me"}
    assert wanted <= names, names  # the flow format's promise (the overlay, as seen from the page)


def _role(control: dict) -> str:
    return "link" if control["name"] == "the help" else "button"


def focused(gf) -> str | None:
    """Where the focus is: an overlay part ("card", "next-button"…), "#id" of a page element, or None."""
    return gf.page.evaluate(
        """(host) => {
            let el = document.activeElement;
            if (el && el.tagName.toLowerCase() === host) {
              const inner = el.shadowRoot.activeElement;
              return inner ? inner.getAttribute("part").split(" ").pop() : host;
            }
            return el && el !== document.body ? "#" + el.id : null;
        }""",
        HOST,
    )


def test_a_new_card_takes_the_focus_and_says_its_step(gf):
    gf.goto("/form")
    gf.page.focus("#name")
    gf.spotlight(gf.page.locator("#save"))
    gf.render(buttons=ALL)
    gf.wait_for(lambda: focused(gf) == "card", message="the card to take the focus")
    announcer = gf.part("announcer")
    expect(announcer).to_have_text("Step 3 of 9: Press Save.")
    assert announcer.get_attribute("aria-live") == "polite"
    gf.render(buttons=ALL, status="missing", message="I can't find **Save**.")  # same step, a new status line
    expect(announcer).to_have_text("I can't find Save.")
    gf.page.evaluate("() => window.__guidedflows.clear()")
    gf.wait_for(lambda: focused(gf) == "#name", message="the focus back on the page")


def test_tab_goes_from_the_card_to_the_spotlit_element_and_back(gf):
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#save"))
    gf.render(buttons=ALL)
    gf.wait_for(lambda: focused(gf) == "card", message="the card to take the focus")
    seen = []
    for _ in range(6):
        gf.page.keyboard.press("Tab")
        seen.append(focused(gf))
    assert seen == ["exit-button", "back-button", "skip-button", "doit-button", "next-button", "#save"]
    gf.page.keyboard.press("Shift+Tab")
    assert focused(gf) == "next-button"
    gf.page.keyboard.press("Tab")
    gf.page.keyboard.press("Enter")  # the person does the step from the keyboard
    assert gf.page.evaluate("clicks") == ["save"]


def test_enter_on_the_card_is_next_and_escape_is_exit(gf):
    gf.goto("/form")
    gf.render(buttons=ALL)
    gf.wait_for(lambda: focused(gf) == "card", message="the card to take the focus")
    gf.page.keyboard.press("Enter")
    assert gf.next_event() == {"type": "next", "step": 3}
    gf.page.keyboard.press("Escape")
    assert gf.next_event() == {"type": "exit", "step": 3}


def test_the_focus_stays_in_an_open_menu_and_on_the_page_for_a_key_pressed_anywhere(gf):
    gf.goto("/form")
    gf.page.evaluate("() => document.getElementById('other').setAttribute('aria-expanded', 'true')")
    gf.page.focus("#other")  # a menu button whose menu is open: taking the focus would close the menu
    gf.render(buttons=ALL)
    expect(gf.part("announcer")).to_have_text("Step 3 of 9: Press Save.")
    assert focused(gf) == "#other"
    gf.page.focus("#name")
    gf.page.evaluate("""() => { const g = window.__guidedflows;
        g.render({flow: "F", body: "Press Escape.", progress: "4 of 9", step: 4, total: 9, buttons: {next: true, exit: true}});
        g.spotlight(null); g.watch(null, {action: "press", key: "Escape"}); }""")
    expect(gf.part("announcer")).to_have_text("Step 4 of 9: Press Escape.")
    assert focused(gf) == "#name"


def test_a_card_with_nothing_to_press_leaves_the_focus_alone(gf):
    gf.goto("/form")
    gf.page.focus("#name")
    gf.render(buttons={"back": False, "next": False, "skip": False, "exit": False, "doit": False})  # demo mode
    expect(gf.part("announcer")).to_have_text("Step 3 of 9: Press Save.")
    assert focused(gf) == "#name"


def test_a_person_already_on_the_steps_element_keeps_the_focus(gf):
    """They tabbed from the last field into this step's field: typing goes on there, the card only says the step."""
    gf.goto("/form")
    gf.page.focus("#card")
    gf.page.locator("#card").evaluate(  # as the guide draws a step: card, then spotlight, in one call
        "(el, c) => { window.__guidedflows.render(c); window.__guidedflows.spotlight(el); }",
        {"flow": "F", "body": "Type your card number.", "progress": "3 of 9", "step": 3, "total": 9, "buttons": ALL},
    )
    expect(gf.part("announcer")).to_have_text("Step 3 of 9: Type your card number.")
    assert focused(gf) == "#card"
