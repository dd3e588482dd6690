"""The spotlight surrounds the target wherever it lives, follows it, and the card sits beside it without covering it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


def test_spotlight_surrounds_a_plain_element(gf):
    gf.goto("/edges")
    target = gf.page.locator("#c")
    gf.spotlight(target)
    gf.render()
    gf.spotlight_matches(target)
    state = gf.state()
    assert state["spotlight"] == gf.part("spotlight").bounding_box()


def test_padding_is_honoured(gf):
    gf.goto("/edges")
    target = gf.page.locator("#c")
    gf.spotlight(target, padding=12)
    gf.spotlight_matches(target, padding=12)


def test_a_target_below_the_fold_is_scrolled_into_view_and_surrounded(gf):
    gf.goto("/long")
    target = gf.page.locator("#far")
    assert target.bounding_box()["y"] > 800
    gf.spotlight(target)
    boxes = gf.spotlight_matches(target)
    assert 0 <= boxes["target"]["y"] <= 800 - boxes["target"]["height"]


def test_a_target_inside_a_scrolling_container_is_revealed_and_surrounded(gf):
    gf.goto("/long")
    gf.page.locator("#box").scroll_into_view_if_needed()
    target = gf.page.locator("#inner")
    box, inner = gf.page.locator("#box").bounding_box(), target.bounding_box()
    assert inner["y"] > box["y"] + box["height"]  # hidden below the container's fold
    gf.spotlight(target)
    boxes = gf.spotlight_matches(target)
    assert box["y"] <= boxes["target"]["y"] <= box["y"] + box["height"]


def test_a_target_under_a_fixed_header_is_uncovered_and_surrounded(gf):
    gf.goto("/long")
    target = gf.page.locator("#under")
    gf.page.evaluate("() => window.scrollTo(0, document.getElementById('under').offsetTop - 20)")
    assert target.bounding_box()["y"] < 64  # behind the header
    gf.spotlight(target)
    boxes = gf.spotlight_matches(target)
    assert boxes["target"]["y"] >= 64


@pytest.mark.parametrize("frame", ["#same", "#cross"])
def test_a_target_inside_an_iframe_is_surrounded(gf, frame):
    gf.goto("/frames")
    target = gf.in_frame(frame, "#in-btn")
    gf.spotlight(target)
    gf.render()
    boxes = gf.spotlight_matches(target)
    if frame == "#same":  # Playwright measures same-process frames right: it agrees
        assert boxes["target"] == gf.page.frame_locator(frame).locator("#in-btn").bounding_box()
    # The spotlight's centre really is the button: a person clicking there presses it.
    s = boxes["spotlight"]
    gf.page.mouse.click(s["x"] + s["width"] / 2, s["y"] + s["height"] / 2)
    assert target.evaluate("() => window.innerClicks") == 1


def test_a_cross_site_iframe_target_is_followed_when_the_page_scrolls(gf):
    gf.goto("/frames")
    target = gf.in_frame("#cross", "#in-btn")
    assert target.evaluate("() => location.origin") == gf.site.other_origin
    gf.spotlight(target)
    gf.spotlight_matches(target)
    gf.page.mouse.wheel(0, 90)
    gf.wait_for(lambda: gf.page.evaluate("scrollY") > 0, message="the page to scroll")
    gf.spotlight_matches(target)


def test_a_target_scrolled_out_of_sight_inside_an_iframe_is_revealed(gf):
    gf.goto("/frames")
    target = gf.in_frame("#same", "#in-far")
    gf.spotlight(target)
    boxes = gf.spotlight_matches(target)
    frame = gf.page.locator("#same").bounding_box()
    assert frame["y"] <= boxes["target"]["y"] <= frame["y"] + frame["height"]


def test_a_target_in_an_open_shadow_root_is_surrounded(gf):
    gf.goto("/shadow")
    target = gf.page.locator("x-pay #sh-btn")
    gf.spotlight(target)
    gf.spotlight_matches(target)


def test_the_spotlight_follows_scrolling_resizing_and_layout_changes(gf):
    gf.goto("/long")
    target = gf.page.locator("#far")
    gf.spotlight(target)
    gf.spotlight_matches(target)
    gf.page.evaluate("() => window.scrollBy(0, 120)")
    gf.spotlight_matches(target)
    gf.page.set_viewport_size({"width": 1000, "height": 700})
    gf.spotlight_matches(target)
    # Content inserted above the target moves it without any scroll or resize event.
    gf.page.evaluate(
        "() => { const d = document.createElement('div'); d.style.height = '50px';"
        " document.getElementById('far').before(d); }"
    )
    gf.spotlight_matches(target)


def test_a_newer_spotlight_call_wins_over_an_older_one_in_another_frame(gf):
    gf.goto("/frames")
    in_frame = gf.in_frame("#same", "#in-btn")
    gf.spotlight(in_frame)
    gf.spotlight_matches(in_frame)
    gf.spotlight(gf.page.locator("#cross"))
    gf.spotlight_matches(gf.page.locator("#cross"))
    # The frame's old target moves, and the frame is told to look: the spotlight stays on the new target.
    in_frame.evaluate(
        "() => { document.body.style.paddingTop = '80px'; dispatchEvent(new Event('resize'));"
        " return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))); }"
    )
    gf.spotlight_matches(gf.page.locator("#cross"))


def test_null_spotlight_dims_lightly_and_centres_the_card(gf):
    gf.goto("/edges")
    gf.spotlight(None)
    gf.render(status="missing", message="I can't find **Save** on this page.")
    expect(gf.part("card")).to_be_visible()
    expect(gf.part("spotlight")).to_be_hidden()
    expect(gf.part("backdrop")).to_be_visible()
    card = gf.part("card").bounding_box()
    assert abs(card["x"] + card["width"] / 2 - 640) <= 1
    assert abs(card["y"] + card["height"] / 2 - 400) <= 1
    assert gf.state()["spotlight"] is None


def test_docs_style_draws_a_numbered_ring_and_no_card_or_dimming(gf):
    gf.goto("/edges")
    target = gf.page.locator("#c")
    gf.spotlight(target, style="docs", number=3)
    gf.render()
    gf.spotlight_matches(target)
    expect(gf.part("badge")).to_have_text("3")
    expect(gf.part("card")).to_be_hidden()
    expect(gf.part("backdrop")).to_be_hidden()


def close(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return all(abs(a[k] - b[k]) <= tolerance for k in ("x", "y", "width", "height"))


# target → the side the card should take: below when there is room, else above, else beside.
POSITIONS = {"#tl": "bottom", "#t": "bottom", "#tr": "bottom", "#l": "bottom", "#c": "bottom", "#r": "bottom",
             "#bl": "top", "#b": "top", "#br": "top"}


def test_the_card_never_covers_the_target_and_stays_in_the_viewport_at_every_edge(gf):
    gf.goto("/edges")
    for step, (selector, side) in enumerate(POSITIONS.items(), start=1):
        target = gf.page.locator(selector)
        gf.spotlight(target)
        gf.render(step=step, body="A step with a longer text, so that the card has a realistic size: *two* lines.")
        boxes = gf.spotlight_matches(target)
        card = gf.wait_for(lambda: gf.state()["card"], message="the card")
        assert not gf.overlap(card, boxes["spotlight"]), (selector, card, boxes)
        assert gf.inside_viewport(card), (selector, card)
        assert gf.state()["side"] == side, selector
        # What Playwright (and so an outside test) measures agrees, once the entrance animation is over.
        gf.wait_for(lambda: close(gf.part("card").bounding_box(), card), message="the card to settle")


def test_a_target_as_wide_as_the_page_gets_the_card_beside_it_without_covering_it(gf):
    gf.goto("/edges")
    gf.page.evaluate("() => { document.getElementById('wide').hidden = false; }")
    target = gf.page.locator("#wide")
    gf.spotlight(target)
    gf.render()
    boxes = gf.spotlight_matches(target)
    card = gf.state()["card"]
    assert not gf.overlap(card, boxes["spotlight"])
    assert gf.state()["side"] in {"bottom", "top"}


def test_progress_title_and_body_are_shown(gf):
    gf.goto("/edges")
    gf.spotlight(gf.page.locator("#c"))
    gf.render(flow="Change the card", body="Press **Go to my Alipay**.", progress="3 of 9")
    expect(gf.part("progress")).to_have_text("3 of 9")
    expect(gf.part("title")).to_have_text("Change the card")
    expect(gf.part("body")).to_have_text("Press Go to my Alipay.")
    expect(gf.part("body").locator("strong")).to_have_text("Go to my Alipay")
    expect(gf.page.get_by_role("dialog", name="Change the card")).to_be_visible()
    gf.render(progress="4 of 9", step=4, body="Next one")
    expect(gf.part("progress")).to_have_text("4 of 9")
    state = gf.state()
    assert (state["progress"], state["status"], state["body"]) == ("4 of 9", "active", "Next one")


def test_status_lines_for_looking_missing_and_waiting(gf):
    gf.goto("/edges")
    gf.spotlight(None)
    gf.render(status="looking", message="Looking for **Go to my Alipay**…")
    expect(gf.part("message")).to_have_text("Looking for Go to my Alipay…")
    expect(gf.part("card")).to_have_attribute("data-status", "looking")
    gf.render(status="missing", message="I can't find **Go to my Alipay** on this page.")
    expect(gf.part("message")).to_have_text("I can't find Go to my Alipay on this page.")
    gf.render(status="waiting", message="Waiting for *Visa ending in 4242*", expect_dialog="accept")
    expect(gf.part("dialog-note")).to_contain_text("OK")
    gf.render(status="active", message=None, expect_dialog=None)
    expect(gf.part("message")).to_be_hidden()
    expect(gf.part("dialog-note")).to_be_hidden()


def test_pointer_glides_to_the_centre_of_an_element_even_in_a_frame(gf):
    gf.goto("/frames")
    button = gf.page.locator("#same")
    assert button.evaluate("(el) => window.__guidedflows.pointerTo(el)") is True
    box = button.bounding_box()
    pointer = gf.state()["pointer"]
    assert abs(pointer["x"] - (box["x"] + box["width"] / 2)) <= 1
    target = gf.in_frame("#cross", "#in-btn")
    assert target.evaluate("(el) => window.__guidedflows.pointerTo(el)") is True
    box = target.bounding_box()
    pointer = gf.state()["pointer"]
    assert abs(pointer["x"] - (box["x"] + box["width"] / 2)) <= 1
    assert abs(pointer["y"] - (box["y"] + box["height"] / 2)) <= 1
    expect(gf.part("pointer")).to_be_visible()


def test_clear_removes_everything_in_every_frame(gf):
    gf.goto("/frames")
    target = gf.in_frame("#cross", "#in-btn")
    gf.spotlight(target)
    gf.render()
    gf.spotlight_matches(target)
    gf.page.evaluate("window.__guidedflows.clear()")
    expect(gf.page.locator("guidedflows-overlay")).to_be_hidden()
    state = gf.state()
    assert state["spotlight"] is None and state["card"] is None
    gf.page.mouse.wheel(0, 60)  # the frame no longer reports its target
    gf.wait_for(lambda: gf.page.evaluate("scrollY") > 0, message="the page to scroll")
    gf.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert gf.state()["spotlight"] is None


def test_when_the_targets_frame_navigates_away_the_cut_out_goes(gf):
    gf.goto("/frames")
    target = gf.in_frame("#same", "#in-btn")
    gf.spotlight(target)
    gf.render()
    gf.spotlight_matches(target)
    target.evaluate("() => { location.href = '/nav2'; }")
    expect(gf.part("spotlight")).to_be_hidden()
    expect(gf.part("card")).to_be_visible()
    assert gf.state()["spotlight"] is None


def _text_box(page, selector: str) -> dict:
    return page.evaluate(
        """(s) => { const r = document.createRange(); r.selectNodeContents(document.querySelector(s));
            const b = r.getBoundingClientRect(); return {x: b.x, y: b.y, width: b.width, height: b.height}; }""",
        selector,
    )


def test_the_spotlight_surrounds_what_the_target_shows(gf):
    """Issue 16: an icon in a stretched link is the icon (Django's green +), words in a wide block are the words, an
    icon drawn by ::before stays inside, display: contents is looked through."""
    gf.goto("/content")
    assert gf.page.locator("#plus").bounding_box()["height"] > 200  # the link is a tall empty column
    cases = {
        "#plus": gf.page.locator("#plus img").bounding_box(),
        "#words": _text_box(gf.page, "#words"),
        "#wrap": _text_box(gf.page, "#wrap b"),
    }
    for selector, seen in cases.items():
        gf.spotlight(gf.page.locator(selector))
        gf.spotlight_matches(_Box(seen))
    gf.spotlight(gf.page.locator("#iconic"))  # the icon is a span's ::before: the span paints it, so it is inside
    target = gf.wait_for(lambda: gf.state()["target"], message="the target")
    icon = gf.page.locator("#iconic .iconic").bounding_box()
    assert target["x"] <= icon["x"] + 0.5 and target["width"] < 600, (target, icon)
    gf.spotlight(gf.page.locator("#icon-after"))
    target = gf.wait_for(lambda: gf.state()["target"], message="the target")
    icon = gf.page.locator("#icon-after i").bounding_box()
    assert target["x"] + target["width"] >= icon["x"] + icon["width"] - 0.5 and target["width"] < 500, (target, icon)


def test_a_target_taller_than_the_screen_gets_its_part_on_the_screen(gf):
    gf.goto("/content")
    gf.spotlight(gf.page.locator("#tall"))
    target = gf.wait_for(lambda: gf.state()["target"], message="the target")
    assert target["y"] >= 0 and target["y"] + target["height"] <= 800, target
    assert target["height"] > 400, target


class _Box:
    """A fixed box where the helpers expect a locator (bounding_box())."""

    def __init__(self, box: dict):
        self.box = box

    def bounding_box(self) -> dict:
        return self.box
