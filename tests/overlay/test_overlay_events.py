"""The card's buttons and keyboard shortcuts reach Python both ways: the __guidedflowsNotify binding and nextEvent()."""

from __future__ import annotations

from playwright.sync_api import expect

ALL = {"back": True, "next": True, "skip": True, "exit": True, "doit": True}


def test_each_button_emits_its_event_both_ways(gf):
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#save"))
    gf.render(buttons=ALL)
    sent = []
    for name, kind in [("Back", "back"), ("Next", "next"), ("Skip", "skip"), ("Do it for me", "doit"), ("Exit", "exit")]:
        gf.button(name).click()
        sent.append({"type": kind, "step": 3})
        assert gf.next_event() == sent[-1]
    gf.wait_for(lambda: gf.notified == sent, message="the binding to be told")


def test_buttons_follow_the_card_and_exit_is_always_one_button(gf):
    gf.goto("/form")
    gf.render(buttons={"back": False, "next": True, "skip": False, "exit": True, "doit": False})
    expect(gf.button("Next")).to_be_visible()
    for hidden in ("Back", "Skip", "Do it for me"):
        expect(gf.button(hidden)).to_have_count(0)
    gf.render(status="finished", body="All done — 9 steps", progress="9 of 9", step=9, buttons=ALL)
    expect(gf.part("body")).to_have_text("All done — 9 steps")
    expect(gf.button("Exit")).to_have_count(1)
    expect(gf.button("Exit")).to_have_text("Exit")  # the name a person (or voice control) says is the label they read
    expect(gf.button("Next")).to_have_count(0)
    gf.button("Exit").click()
    assert gf.next_event()["type"] == "exit"


def test_keyboard_shortcuts_on_the_page(gf):
    gf.goto("/form")
    gf.render(buttons=ALL)
    gf.page.mouse.click(1100, 80)  # focus on the page itself
    sent = []
    for key, kind in [("Enter", "next"), ("ArrowRight", "next"), ("ArrowLeft", "back"), ("Escape", "exit")]:
        gf.page.keyboard.press(key)
        sent.append({"type": kind, "step": 3})
        assert gf.next_event() == sent[-1], key
    gf.wait_for(lambda: gf.notified == sent, message="the binding to be told")


def test_keyboard_shortcuts_are_ignored_while_typing_in_a_page_field(gf):
    gf.goto("/form")
    gf.render(buttons=ALL)
    gf.page.click("#notes")
    for key in ("Enter", "ArrowLeft", "ArrowRight", "Escape"):
        gf.page.keyboard.press(key)
    gf.page.click("#name")
    gf.page.keyboard.press("Enter")
    assert gf.next_event(0) is None
    assert gf.notified == []


def test_enter_on_a_page_button_presses_that_button_not_next(gf):
    gf.goto("/form")
    gf.render(buttons=ALL)
    gf.page.focus("#other")
    gf.page.keyboard.press("Enter")
    assert gf.page.evaluate("clicks") == ["other"]
    assert gf.next_event(0) is None


def test_shortcuts_only_for_buttons_the_card_shows(gf):
    gf.goto("/form")
    gf.render(buttons={"back": False, "next": False, "skip": True, "exit": True, "doit": False})
    gf.page.mouse.click(1100, 80)
    gf.page.keyboard.press("ArrowLeft")
    gf.page.keyboard.press("Enter")
    assert gf.next_event(0) is None


def test_keys_pressed_inside_an_iframe_reach_the_card(gf):
    gf.goto("/frames")
    gf.render(buttons=ALL)
    gf.page.frame_locator("#cross").locator("body").click(position={"x": 380, "y": 200})
    gf.page.keyboard.press("ArrowRight")
    assert gf.next_event() == {"type": "next", "step": 3}


def test_tab_moves_between_the_cards_buttons_and_enter_presses_the_focused_one(gf):
    gf.goto("/form")
    gf.render(buttons=ALL)
    gf.button("Exit").focus()
    names = []
    for _ in range(4):
        gf.page.keyboard.press("Tab")
        names.append(gf.page.evaluate("() => document.activeElement.shadowRoot?.activeElement?.textContent"))
    assert names == ["Back", "Skip", "Do it for me", "Next"]
    gf.page.keyboard.press("Shift+Tab")
    gf.page.keyboard.press("Enter")  # on "Do it for me": that button, not the Next shortcut
    assert gf.next_event() == {"type": "doit", "step": 3}
    assert gf.next_event(0) is None


def test_the_dialog_is_labelled_and_described(gf):
    gf.goto("/form")
    gf.render(flow="Change the card", body="Press **Save**.")
    dialog = gf.page.get_by_role("dialog", name="Change the card")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_description("Press Save.")
