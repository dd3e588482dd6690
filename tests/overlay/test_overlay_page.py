"""The overlay as a guest on someone else's page: invisible until asked, clicks pass through it, text stays text, a
strict Content-Security-Policy does not stop it, and it survives the page removing it and navigating."""

from __future__ import annotations

from playwright.sync_api import expect

from guidedflows.overlay import OUTSIDE_OVERLAY, overlay_script

HOSTILE = "<img src=x onerror=alert(1)> and [x](javascript:alert(1)) and [data](data:text/html,hi)"


def test_nothing_is_drawn_until_asked(gf):
    gf.goto("/form")
    assert gf.page.locator("guidedflows-overlay").count() == 0
    assert gf.state()["card"] is None


def test_the_script_is_idempotent(gf):
    gf.goto("/form")
    api = gf.page.evaluate_handle("window.__guidedflows")
    gf.page.evaluate(overlay_script())
    assert gf.page.evaluate("(a) => a === window.__guidedflows", api)
    gf.render()
    expect(gf.page.locator("guidedflows-overlay")).to_have_count(1)


def test_page_elements_under_the_dimmed_area_can_be_clicked_through_it(gf):
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#hoverme"))
    gf.render()
    gf.spotlight_matches(gf.page.locator("#hoverme"))
    for selector in ("#other", "#dbl", "#save", "#hoverme"):
        gf.page.click(selector, timeout=1500)  # would time out on "… intercepts pointer events"
    gf.page.fill("#name", "Ada", timeout=1500)
    gf.page.check("#agree", timeout=1500)
    assert gf.page.evaluate("clicks") == ["other", "dbl", "save"]


def test_the_card_is_clickable_and_is_the_only_part_taking_pointer_events(gf):
    gf.goto("/edges")
    gf.spotlight(gf.page.locator("#c"))
    gf.render()
    events = gf.page.evaluate(
        """() => {
            const root = document.querySelector('guidedflows-overlay').shadowRoot;
            return [...root.querySelectorAll('[part]')]
              .filter((el) => !el.closest('[part~=card]') && getComputedStyle(el).pointerEvents !== 'none')
              .map((el) => el.getAttribute('part'));
        }"""
    )
    assert events == []
    gf.button("Next").click(timeout=1500)
    assert gf.next_event()["type"] == "next"


def test_card_text_is_text_never_html(gf):
    dialogs = []
    gf.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#save"))
    gf.render(flow="<b>Flow</b>", body=HOSTILE, message="<script>alert(2)</script>", hint="<i>h</i>")
    expect(gf.part("body")).to_contain_text("<img src=x onerror=alert(1)> and x and data")
    expect(gf.part("title")).to_have_text("<b>Flow</b>")
    expect(gf.part("message")).to_have_text("<script>alert(2)</script>")
    shadow = gf.page.locator("guidedflows-overlay")
    assert shadow.locator("img, script, b, i").count() == 0
    assert shadow.locator("a").count() == 0  # neither javascript: nor data: links become links
    gf.page.get_by_text("x", exact=True).click()  # clicking the would-be link runs nothing
    gf.page.get_by_text("data", exact=True).click()
    gf.render(body="See [the help](/help) and [docs](https://example.com/docs).")
    links = shadow.locator("a")
    expect(links).to_have_count(2)
    assert links.nth(0).get_attribute("href") == gf.site.url("/help")
    assert links.nth(1).get_attribute("href") == "https://example.com/docs"
    assert dialogs == []


def test_works_under_trusted_types_and_a_strict_style_src(gf):
    errors = []
    gf.page.on("pageerror", lambda e: errors.append(str(e)))
    gf.goto("/strict")
    target = gf.page.locator("#pay")
    gf.spotlight(target)
    gf.render(body="Press **Pay**. <img src=x onerror=alert(1)>")
    gf.spotlight_matches(target)
    card = gf.part("card")
    expect(card).to_be_visible()
    expect(gf.part("body")).to_contain_text("<img src=x onerror=alert(1)>")
    # The stylesheet applied (adoptedStyleSheets): the card is a fixed, white, rounded panel.
    assert card.evaluate("(el) => getComputedStyle(el).position") == "fixed"
    assert gf.part("panel").evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"
    assert gf.part("panel").evaluate("(el) => getComputedStyle(el).borderTopLeftRadius") != "0px"
    gf.page.click("#other", timeout=1500)
    gf.button("Next").click()
    assert gf.next_event()["type"] == "next"
    assert gf.page.evaluate("violations") == []
    assert errors == []


def test_the_overlay_comes_back_when_the_page_removes_it(gf):
    gf.goto("/form")
    gf.spotlight(gf.page.locator("#save"))
    gf.render()
    expect(gf.part("card")).to_be_visible()
    gf.page.evaluate("() => document.querySelector('guidedflows-overlay').remove()")
    expect(gf.part("card")).to_be_visible()
    gf.page.evaluate("() => { document.documentElement.replaceChildren(document.createElement('body')); }")
    expect(gf.part("card")).to_be_visible()
    expect(gf.page.locator("guidedflows-overlay")).to_have_count(1)


def test_after_a_navigation_it_renders_again_when_asked(gf):
    gf.goto("/nav1")
    gf.spotlight(gf.page.locator("#go"))
    gf.render(body="Open **page two**.", progress="1 of 2", step=1, total=2)
    gf.watch(gf.page.locator("#go"), "click")
    with gf.page.expect_navigation():
        gf.page.click("#go", timeout=1500)
    gf.wait_for(lambda: gf.notified == [{"type": "done", "action": "click", "value": None}], message="the click")
    assert gf.page.locator("guidedflows-overlay").count() == 0  # a new document: nothing until asked
    gf.spotlight(gf.page.locator("#done"))
    gf.render(body="Press **Finish**.", progress="2 of 2", step=2, total=2)
    expect(gf.part("progress")).to_have_text("2 of 2")
    gf.spotlight_matches(gf.page.locator("#done"))


def test_reduced_motion_still_draws_everything_at_once(gf):
    gf.page.emulate_media(reduced_motion="reduce")
    gf.goto("/edges")
    target = gf.page.locator("#c")
    gf.spotlight(target)
    gf.render()
    boxes = gf.spotlight_matches(target)
    assert gf.part("card").bounding_box() == gf.state()["card"]  # no entrance animation in between
    assert not gf.overlap(gf.state()["card"], boxes["spotlight"])
    assert target.evaluate("(el) => window.__guidedflows.pointerTo(el)") is True


def test_outside_overlay_keeps_page_searches_off_the_cards_own_text_and_buttons(gf):
    gf.goto("/form")
    gf.render(body="Press **Save** and then **Other**.")
    outside = gf.page.locator(OUTSIDE_OVERLAY)
    assert gf.page.get_by_text("Save", exact=True).count() == 2  # the page's button and the card's bold text
    assert gf.page.get_by_text("Save", exact=True).and_(outside).evaluate("(el) => el.id") == "save"
    assert gf.page.get_by_role("button", name="Next").count() == 1
    assert gf.page.get_by_role("button", name="Next").and_(outside).count() == 0
