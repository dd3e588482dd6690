"""Every label in the spec's Labels table, found the way a shopper (and a flow) would find it."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect


def test_header_labels(visit):
    page = visit("")
    expect(page.get_by_role("button", name="Account", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name="Payment settings", exact=True)).to_have_count(1)
    expect(page.get_by_role("searchbox", name="Search", exact=True)).to_have_attribute("type", "search")
    expect(page.get_by_role("button", name="Search", exact=True)).to_have_count(1)
    expect(page.get_by_role("link", name="Contact customer service", exact=True)).to_have_count(1)


def test_account_menu_labels(visit):
    page = visit("")
    page.get_by_role("button", name="Account").click()
    for name in ["My Orders", "Manage your cards", "My Wallet", "Sign out"]:
        expect(page.get_by_role("menuitem", name=name, exact=True)).to_have_count(1)


def test_payment_settings_opens_payment_methods_listing_the_cards(visit):
    page = visit("")
    page.get_by_role("button", name="Payment settings").click()
    expect(page.get_by_role("heading", name="Payment methods", exact=True)).to_be_visible()
    expect(page.get_by_text("Visa ending in 1111", exact=True)).to_be_visible()


def test_search_results_sort_by(visit):
    page = visit("search.html?q=phone%20case")
    sort = page.get_by_label("Sort by", exact=True)
    expect(sort.locator("option", has_text="Lowest price first")).to_have_count(1)


def test_manage_your_cards_and_wallet_labels(visit, context):
    page = visit("cards.html")
    expect(page.get_by_role("button", name="Go to my Alipay", exact=True)).to_be_visible()
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Go to my Alipay").click()
    wallet = popup.value
    expect(wallet.get_by_text("Visa ending in 1111", exact=True)).to_be_visible()
    expect(wallet.get_by_role("button", name="Edit", exact=True)).to_be_visible()
    expect(wallet.get_by_role("button", name="Remove", exact=True)).to_be_visible()
    wallet.get_by_role("button", name="Click here to add a new card", exact=True).click()
    form = wallet.frame_locator("iframe")
    for label in ["Card number", "Name on card", "Security code"]:
        expect(form.get_by_role("textbox", name=label, exact=True)).to_be_visible()
    year = datetime.date.today().year
    expect(form.get_by_label("Expiry month", exact=True).locator("option")).to_have_text([f"{m:02d}" for m in range(1, 13)])
    expect(form.get_by_label("Expiry year", exact=True).locator("option")).to_have_text([str(year + i) for i in range(11)])
    values = form.get_by_label("Expiry year").locator("option").evaluate_all("options => options.map(o => o.value)")
    assert values == [str(year + i) for i in range(11)]
    expect(form.get_by_role("button", name="Save card", exact=True)).to_be_visible()


def test_my_wallet_payment_cards_tab(visit):
    page = visit("wallet.html")
    expect(page.get_by_role("button", name="Remove")).to_have_count(0)  # hidden until the tab is chosen
    page.get_by_role("tab", name="Payment Cards", exact=True).click()
    expect(page.get_by_role("button", name="Remove", exact=True)).to_have_count(1)


def test_order_labels(visit):
    page = visit("orders.html")
    for order_id in ["8001", "8002", "8003", "8004", "8005"]:
        expect(page.get_by_role("link", name=f"Order {order_id}", exact=True)).to_be_visible()
    page.get_by_role("link", name="Order 8001", exact=True).click()
    page.get_by_role("button", name="Cancel order", exact=True).click()
    expect(page.get_by_label("Reason", exact=True).locator("option", has_text="I changed my mind")).to_have_count(1)
    expect(page.get_by_role("button", name="Confirm cancellation", exact=True)).to_be_visible()
    page.goto(page.url.replace("8001", "8002"))
    expect(page.get_by_role("button", name="Track package", exact=True)).to_be_visible()
    page.get_by_role("button", name="Request refund", exact=True).click()
    expect(page.get_by_label("Reason", exact=True).locator("option", has_text="Item not as described")).to_have_count(1)
    expect(page.get_by_role("button", name="Submit request", exact=True)).to_be_visible()
    page.goto(page.url.replace("8002", "8003"))
    page.get_by_role("button", name="Open dispute", exact=True).click()
    expect(page.get_by_label("Describe the problem", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Submit dispute", exact=True)).to_be_visible()


def test_contact_and_sign_in_labels(visit):
    page = visit("contact.html")
    for label in ["Email", "Order ID", "Message"]:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    page.goto(page.url.replace("contact.html", "signin.html"))
    expect(page.get_by_label("Email", exact=True)).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()


def test_names_are_unique_even_when_matched_loosely(visit):
    """Playwright's default matching is substring and case-insensitive: still one element for each label."""
    page = visit("")
    expect(page.get_by_role("button", name="Account")).to_have_count(1)
    expect(page.get_by_role("button", name="Payment settings")).to_have_count(1)
    expect(page.get_by_label("Search")).to_have_count(1)
    page.goto(page.url + "order.html?id=8004")
    expect(page.get_by_role("link", name="Contact customer service")).to_have_count(1)
