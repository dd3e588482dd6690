"""Each hazard the spec puts in the store on purpose is really there, as automation and guidance meet it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect


def test_cookie_banner_intercepts_clicks_until_accepted(visit):
    page = visit("", accept_cookies=False)
    contact = page.get_by_role("link", name="Contact customer service")
    expect(contact).to_be_attached()  # found first, so the short click timeout is spent on the covered link
    with pytest.raises(PlaywrightError, match="intercepts pointer events"):
        contact.click(timeout=1500)
    page.get_by_role("button", name="Accept cookies").click()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    contact.click()
    expect(page.get_by_role("heading", name="Customer service")).to_be_visible()


def test_cookie_answer_is_remembered_per_context(visit, context, browser, storefront):
    page = visit("")
    page.reload()
    expect(page.get_by_role("heading", name="Recommended for you")).to_be_visible()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(storefront.url + "orders.html")
        expect(fresh.get_by_role("button", name="Accept cookies")).to_be_visible()
    finally:
        other.close()


def test_account_menu_items_exist_only_once_opened(visit):
    page = visit("")
    assert page.locator('[role="menu"], [role="menuitem"]').count() == 0
    page.get_by_role("button", name="Account").click()
    expect(page.get_by_role("menuitem")).to_have_text(["My Orders", "Manage your cards", "My Wallet", "Sign out"])
    page.keyboard.press("Escape")
    expect(page.get_by_role("menuitem")).to_have_count(0)
    assert page.locator('[role="menuitem"]').count() == 0


def test_go_to_my_alipay_opens_a_new_tab(visit, context):
    page = visit("cards.html")
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Go to my Alipay").click()
    wallet = popup_info.value
    wallet.wait_for_load_state()
    assert wallet.url.endswith("/alipay.html")
    assert len(context.pages) == 2
    expect(wallet.get_by_role("link", name="Alipay wallet home")).to_be_visible()
    assert page.url.endswith("/cards.html")


def test_add_card_form_lives_in_the_only_iframe(visit):
    page = visit("alipay.html")
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Click here to add a new card").click()
    expect(page.locator("iframe")).to_have_count(1)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_label("Card number")).to_be_visible()
    assert page.get_by_label("Card number").count() == 0  # not in the top document


def test_remove_asks_a_native_confirm(visit):
    page = visit("alipay.html")
    seen = []

    def dismiss(dialog):
        seen.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Remove").click()
    assert seen == [("confirm", "Remove this card?")]
    expect(page.get_by_text("Visa ending in 1111", exact=True)).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Visa ending in 1111", exact=True)).to_have_count(0)


def test_several_elements_share_a_name(visit, add_card):
    page = visit("alipay.html")
    add_card(page, "4242 4242 4242 4242")
    expect(page.get_by_role("button", name="Remove", exact=True)).to_have_count(2)
    expect(page.get_by_role("button", name="Edit", exact=True)).to_have_count(2)
    page.goto(page.url.replace("alipay.html", "orders.html"))
    expect(page.get_by_role("link", name="View details")).to_have_count(5)
    expect(page.get_by_role("link", name="Order 800")).to_have_count(5)
    expect(page.get_by_role("link", name="Order 8001", exact=True)).to_have_count(1)


# Runs in the page before its own scripts: records when the loading state first shows and when the first element
# matching SELECTOR appears (ms since navigation), whatever the machine's speed.
APPEARANCE_PROBE = """
window.__seen = {};
new MutationObserver((_, observer) => {
  const status = [...document.querySelectorAll('[role="status"]')].find((node) => node.textContent === LOADING);
  if (status && !window.__seen.loading) window.__seen.loading = performance.now();
  if (document.querySelector(SELECTOR)) {
    window.__seen.content = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


@pytest.mark.parametrize("path, selector, loading", [
    ("orders.html", '[data-testid="order-list"] li', "Loading your orders…"),
    ("track.html?id=8002", "mk-tracking-timeline", "Loading tracking details…"),
])
def test_late_content_is_empty_for_at_least_300ms(visit, page, path, selector, loading):
    visit("")  # answer the cookie banner first
    probe = APPEARANCE_PROBE.replace("SELECTOR", repr(selector)).replace("LOADING", repr(loading))
    page.add_init_script(probe)
    page.goto(page.url + path)
    page.locator(selector).first.wait_for(state="attached")
    seen = page.evaluate("window.__seen")
    assert seen["loading"] < seen["content"], "the loading state shows before the content"
    waited = seen["content"] - seen["loading"]
    assert waited >= 300, f"the list was empty for only {waited:.0f} ms"
    expect(page.get_by_role("status").filter(has_text=loading)).to_have_count(0)


def test_payment_settings_is_a_button_in_an_open_shadow_root(visit):
    page = visit("")
    found = page.evaluate("""() => {
        const host = document.querySelector('mk-payment-settings');
        const root = host && host.shadowRoot;
        const button = root && root.querySelector('button');
        return root ? [root.mode, button.getAttribute('aria-label'), button.querySelector('svg') !== null] : null;
    }""")
    assert found == ["open", "Payment settings", True]
    assert page.locator('button[aria-label="Payment settings"]').count() == 1  # Playwright pierces it
    assert page.evaluate("document.querySelector('button[aria-label=\"Payment settings\"]')") is None


def test_tracking_timeline_is_in_an_open_shadow_root(visit):
    page = visit("track.html?id=8002")
    expect(page.get_by_test_id("tracking-latest")).to_be_visible()
    mode = page.evaluate("document.querySelector('mk-tracking-timeline').shadowRoot.mode")
    assert mode == "open"
    assert page.evaluate("document.querySelector('[data-testid=tracking-latest]')") is None
