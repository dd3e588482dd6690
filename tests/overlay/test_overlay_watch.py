"""watch(): the step advances when the person does exactly the step's action, performed here with Playwright's mouse
and keyboard as a person would, and not when they do something else.

"Nothing happened" is checked without waiting on a clock: after the wrong action, the person presses the card's Next
button; if the wrong action had counted, its "done" would be queued before that "next".
"""

from __future__ import annotations

from playwright.sync_api import expect


def start(gf, target, action, path="/form", **spec):
    gf.goto(path)
    gf.render(buttons={"back": True, "next": True, "skip": True, "exit": True, "doit": True})
    gf.watch(target(gf.page) if callable(target) else target, action, **spec)


def assert_not_done(gf):
    """The wrong action did not count: the next event is the Next press made now."""
    gf.button("Next").click()
    assert gf.next_event()["type"] == "next"


def assert_done(gf, action, value=None):
    event = gf.next_event()
    assert event == {"type": "done", "action": action, "value": value}
    gf.wait_for(lambda: event in gf.notified, message="the binding to be told")
    return event


def test_click_advances_on_a_click_not_on_hovering_or_clicking_elsewhere(gf):
    start(gf, lambda p: p.locator("#save"), "click")
    gf.page.hover("#save")
    gf.page.click("#other")
    assert_not_done(gf)
    gf.page.click("#save")  # the page stops this click's propagation: the guide still sees it
    assert_done(gf, "click")
    assert gf.page.evaluate("clicks") == ["other", "save"]


def test_dblclick_advances_on_a_double_click_not_on_a_single_click(gf):
    start(gf, lambda p: p.locator("#dbl"), "dblclick")
    gf.page.click("#dbl")
    assert_not_done(gf)
    gf.page.dblclick("#dbl")
    assert_done(gf, "dblclick")


def test_hover_advances_when_the_pointer_enters_not_on_focus_or_other_clicks(gf):
    start(gf, lambda p: p.locator("#hoverme"), "hover")
    gf.page.click("#other")
    gf.page.focus("#name")
    assert_not_done(gf)
    gf.page.hover("#hoverme")
    assert_done(gf, "hover")


def test_fill_advances_when_the_value_is_committed_with_enter_not_while_typing(gf):
    start(gf, lambda p: p.locator("#name"), "fill")
    gf.page.click("#name")
    gf.page.keyboard.type("Ada Lovelace")
    assert gf.next_event(0) is None  # typed, not committed
    gf.page.keyboard.press("Enter")
    assert_done(gf, "fill", "Ada Lovelace")


def test_fill_advances_when_the_field_is_left_with_a_value(gf):
    start(gf, lambda p: p.locator("#card"), "fill")
    gf.page.click("#card")
    gf.page.keyboard.type("4242")
    assert gf.next_event(0) is None
    gf.page.keyboard.press("Tab")  # blur commits: `change`
    assert_done(gf, "fill", "4242")


def test_fill_with_accept_shows_the_hint_on_a_bad_value_and_advances_on_a_good_one(gf):
    hint = "A card number has 13 to 19 digits."
    start(gf, lambda p: p.locator("#card"), "fill", accept="^[0-9 ]{13,23}$", hint=hint)
    expect(gf.part("hint")).to_be_hidden()
    gf.page.click("#card")
    gf.page.keyboard.type("42ab")
    gf.page.keyboard.press("Enter")
    expect(gf.part("hint")).to_have_text(hint)
    assert gf.state()["hint"] == hint
    assert gf.next_event(0) is None
    gf.page.keyboard.press("Control+A")
    gf.page.keyboard.type("4242 4242 4242 4242")
    gf.page.keyboard.press("Enter")
    assert_done(gf, "fill", "4242 4242 4242 4242")


def test_the_hint_given_to_render_is_shown_only_after_a_rejected_value(gf):
    gf.goto("/form")
    gf.render(hint="Use **digits** only.")
    gf.watch(gf.page.locator("#card"), "fill", accept=r"^\d+$")
    expect(gf.part("hint")).to_be_hidden()
    gf.page.fill("#card", "abc")
    gf.page.keyboard.press("Enter")
    expect(gf.part("hint")).to_have_text("Use digits only.")
    gf.render(step=4, body="The next step")  # a new step starts without the old complaint
    expect(gf.part("hint")).to_be_hidden()


def test_press_a_chord_anywhere_advances_only_on_that_chord(gf):
    start(gf, None, "press", key="Control+A")
    gf.page.click("#other")
    gf.page.keyboard.press("a")
    gf.page.keyboard.press("Shift+A")
    assert_not_done(gf)
    gf.page.keyboard.press("Control+A")
    assert_done(gf, "press")


def test_press_on_an_element_advances_only_there(gf):
    start(gf, lambda p: p.locator("#name"), "press", key="Enter")
    gf.page.click("#card")
    gf.page.keyboard.press("Enter")
    assert gf.next_event(0) is None
    gf.page.click("#name")
    gf.page.keyboard.press("Enter")
    assert_done(gf, "press")


def test_a_press_enter_step_does_not_also_count_as_next(gf):
    start(gf, None, "press", key="Enter")
    gf.page.mouse.click(1100, 80)  # on the page, not in a field
    gf.page.keyboard.press("Enter")
    assert_done(gf, "press")
    assert gf.next_event(0) is None


def test_select_advances_when_the_selection_changes(gf):
    start(gf, lambda p: p.locator("#month"), "select")
    gf.page.hover("#month")
    gf.page.focus("#month")
    assert_not_done(gf)
    gf.page.focus("#month")
    gf.page.keyboard.press("ArrowDown")  # a closed <select> changes its value on arrow keys
    assert_done(gf, "select", "02")


def test_check_advances_when_the_box_becomes_checked(gf):
    start(gf, lambda p: p.locator("#agree"), "check")
    gf.page.hover("#agree")
    assert_not_done(gf)
    gf.page.get_by_text("I agree").click()  # through its label, as people do
    assert_done(gf, "check")


def test_uncheck_advances_when_the_box_becomes_unchecked(gf):
    start(gf, lambda p: p.locator("#news"), "uncheck")
    gf.page.click("#agree")
    assert_not_done(gf)
    gf.page.click("#news")
    assert_done(gf, "uncheck")


def test_check_on_a_custom_aria_checkbox_follows_its_state(gf):
    start(gf, lambda p: p.locator("#sw"), "check")
    gf.page.focus("#sw")
    assert_not_done(gf)
    gf.page.click("#sw")
    assert_done(gf, "check")


def test_check_on_a_box_already_checked_is_done_at_once(gf):
    start(gf, lambda p: p.locator("#news"), "check")
    assert_done(gf, "check")


def test_a_new_watch_replaces_the_previous_one_and_unwatch_removes_it(gf):
    start(gf, lambda p: p.locator("#save"), "click")
    gf.watch(gf.page.locator("#other"), "click")
    gf.page.click("#save")
    assert_not_done(gf)
    gf.page.evaluate("window.__guidedflows.unwatch()")
    gf.page.click("#other")
    assert_not_done(gf)


def test_clicking_the_card_never_counts_as_the_page_action(gf):
    start(gf, lambda p: p.locator("html"), "click")
    gf.button("Skip").click()
    assert gf.next_event() == {"type": "skip", "step": 3}
    gf.page.click("#other")
    assert_done(gf, "click")


def test_watch_in_a_cross_site_iframe_reports_to_the_top_frame(gf):
    gf.goto("/frames")
    gf.render()
    field = gf.page.frame_locator("#cross").locator("#in-field")
    gf.watch(field, "fill", accept="^[0-9]+$", hint="Digits, please.")
    field.evaluate("(el) => el.focus()")
    gf.page.keyboard.type("12x")
    gf.page.keyboard.press("Enter")
    expect(gf.part("hint")).to_have_text("Digits, please.")
    gf.page.keyboard.press("Backspace")
    gf.page.keyboard.press("Enter")
    assert_done(gf, "fill", "12")


def test_watch_in_a_same_origin_iframe_sees_a_click(gf):
    gf.goto("/frames")
    gf.render()
    gf.watch(gf.page.frame_locator("#same").locator("#in-btn"), "click")
    gf.page.frame_locator("#same").locator("#in-btn").click()
    assert_done(gf, "click")


def test_watch_inside_a_shadow_root_sees_a_committed_value(gf):
    gf.goto("/shadow")
    gf.render()
    gf.watch(gf.page.locator("x-pay #sh-in"), "fill")
    gf.page.click("x-pay #sh-in")
    gf.page.keyboard.type("12.50")
    gf.page.keyboard.press("Tab")  # `change` does not cross the shadow boundary by itself
    assert_done(gf, "fill", "12.50")
