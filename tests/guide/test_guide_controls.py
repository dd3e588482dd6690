"""The guide's controls as a person uses them: Next (button and keys), Back, Skip, Exit, Do it for me; late and
missing targets; a shadow-DOM button; hostile step text shown as text."""

from __future__ import annotations

from helpers import write_flow
from test_guide_journey import spotlit


def test_buttons_and_keys(guide, site, tmp_path):
    flow = write_flow(
        tmp_path,
        """
        flow: Controls
        steps:
          - click: Press me
            say: Press **Press me** (or Next).
          - dblclick: Double me
          - note: Just a note.
          - hover: Hover zone
          - click: Press me
        """,
    )
    person = guide(flow, base_url=site)
    page = person.page
    person.at("1 of 5")
    page.keyboard.press("Enter")  # Next, from the keyboard, without doing the step
    person.at("2 of 5")
    person.press_card_button("Do it for me")
    person.at("3 of 5")
    assert page.get_by_test_id("log").inner_text() == "double"  # done for the person, as check mode would
    person.press_card_button("Back")
    person.at("2 of 5")
    page.keyboard.press("ArrowRight")
    person.at("3 of 5")
    person.press_card_button("Next")
    person.at("4 of 5")
    person.press_card_button("Skip")
    person.at("5 of 5")
    page.keyboard.press("ArrowLeft")
    person.at("4 of 5")
    page.keyboard.press("ArrowRight")
    person.at("5 of 5")
    page.keyboard.press("Escape")
    code, out = person.finish()
    assert code == 0, out
    assert "stopped at step 5" in out
    assert "(done for the person)" in out
    assert "skipped by the person" in out


def test_late_target_then_missing_target_then_skip(guide, site, tmp_path):
    flow = write_flow(
        tmp_path,
        """
        flow: Late and missing
        steps:
          - click: Load later
          - click: Late button
          - click: Never there
            timeout: 1s
          - note: The end.
        """,
    )
    person = guide(flow, base_url=site)
    page = person.page
    person.at("1 of 4")
    page.get_by_role("button", name="Load later").click()
    state = person.at("2 of 4")
    if state["status"] == "looking":  # the button arrives 500 ms later; meanwhile the card says so
        assert "Looking for" in state["message"] and "Late button" in state["message"]
    late = page.get_by_role("button", name="Late button")
    spotlit(person, late)
    late.click()
    state = person.at("3 of 4", status="missing")
    assert state["message"] == "I can't find Never there on this page."
    person.press_card_button("Skip")
    person.at("4 of 4")
    person.press_card_button("Next")
    person.at("4 of 4", status="finished")
    person.press_card_button("Exit")
    code, out = person.finish()
    assert code == 0, out


def test_shadow_dom_button_and_hostile_text(guide, site, tmp_path):
    flow = write_flow(
        tmp_path,
        """
        flow: "<script>window.__pwned = 1</script> Hostile"
        steps:
          - click: Payment settings
            say: "<img src=x onerror=\\"window.__pwned = 2\\"> **Press** the [fingerprint](javascript:window.__pwned=3)"
          - note: done
        """,
    )
    person = guide(flow, base_url=site)
    dialogs = []
    person.context.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page = person.page
    state = person.at("1 of 2")
    assert state["body"] == '<img src=x onerror="window.__pwned = 2"> Press the fingerprint'
    assert state["title"] == "<script>window.__pwned = 1</script> Hostile"
    card = page.locator("guidedflows-overlay [part=card]")
    assert card.locator("img, script").count() == 0
    assert card.get_by_role("link", name="fingerprint").count() == 0  # a javascript: link stays plain text
    button = page.locator("shadow-button").get_by_role("button", name="Payment settings")
    spotlit(person, button)  # inside an open shadow root
    person.still_at("1 of 2")
    button.click()
    person.at("2 of 2")
    assert page.evaluate("() => window.__pwned") is None and not dialogs
    person.press_card_button("Next")
    person.at("2 of 2", status="finished")
    person.press_card_button("Exit")
    assert person.finish()[0] == 0


def test_closing_the_tab_ends_the_guide(guide, site, tmp_path):
    """README: the guide runs until the person ends it - the last card's Exit, Esc, or closing the tab or browser."""
    flow = write_flow(tmp_path, "flow: Closed\nsteps:\n  - click: Press me\n  - note: Never reached.\n")
    person = guide(flow, base_url=site)
    person.at("1 of 2")
    person.page.close()
    code, out = person.finish(timeout=30)
    assert "the browser tab was closed" in out and "internal error" not in out, out
    assert code == 0  # the person ended it (guide's exit code counts only a flow that could not start)
