"""Every journey of the spec, done end to end with raw Playwright as a shopper would do it."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def long_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def open_menu_item(page, name):
    page.get_by_role("button", name="Account").click()
    page.get_by_role("menuitem", name=name, exact=True).click()


def open_alipay(page):
    open_menu_item(page, "Manage your cards")
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Go to my Alipay").click()
    return popup.value


def open_order(page, order_id):
    open_menu_item(page, "My Orders")
    page.get_by_role("link", name=f"Order {order_id}", exact=True).click()
    expect(page.get_by_role("heading", name=f"Order {order_id}")).to_be_visible()


def test_add_a_card(visit, add_card):
    page = visit("")
    wallet = open_alipay(page)
    add_card(wallet, "4242 4242 4242 4242")
    expect(wallet.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()
    expect(page.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()  # the store's tab follows


def test_remove_a_card_in_the_wallet(visit):
    page = visit("")
    wallet = open_alipay(page)
    wallet.once("dialog", lambda dialog: dialog.accept())
    wallet.get_by_role("button", name="Remove").click()
    expect(wallet.get_by_text("Visa ending in 1111", exact=True)).to_have_count(0)
    expect(wallet.get_by_text("No bank cards yet.")).to_be_visible()


def test_change_the_card(visit, add_card):
    page = visit("")
    wallet = open_alipay(page)
    add_card(wallet, "4242 4242 4242 4242")
    expect(wallet.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()
    wallet.once("dialog", lambda dialog: dialog.accept())
    wallet.get_by_test_id("card-1111").get_by_role("button", name="Remove").click()
    expect(wallet.get_by_text("Visa ending in 1111", exact=True)).to_have_count(0)
    expect(wallet.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()


def test_remove_a_card_from_my_wallet_payment_cards(visit):
    page = visit("")
    open_menu_item(page, "My Wallet")
    page.get_by_role("tab", name="Payment Cards").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Visa ending in 1111", exact=True)).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("The card was removed from your wallet.")


def test_cancel_an_order(visit):
    page = visit("")
    open_order(page, "8001")
    page.get_by_role("button", name="Cancel order").click()
    page.get_by_label("Reason").select_option("I changed my mind")
    page.get_by_role("button", name="Confirm cancellation").click()
    expect(page.get_by_text("Cancelled", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    page.reload()
    expect(page.get_by_test_id("order-status")).to_have_text("Cancelled")


def test_cancelling_needs_a_reason(visit):
    page = visit("order.html?id=8001")
    page.get_by_role("button", name="Cancel order").click()
    page.get_by_role("button", name="Confirm cancellation").click()
    expect(page.get_by_role("alert")).to_have_text("Choose a reason to continue.")
    expect(page.get_by_test_id("order-status")).to_have_text("Awaiting shipment")


def test_request_a_refund(visit):
    page = visit("")
    open_order(page, "8002")
    page.get_by_role("button", name="Request refund").click()
    page.get_by_label("Reason").select_option("Item not as described")
    page.get_by_role("button", name="Submit request").click()
    expect(page.get_by_text("Refund requested", exact=True)).to_be_visible()
    expect(page.get_by_test_id("case-number")).to_have_text("RF-8002-001")


def test_open_a_dispute_within_20_days(visit):
    page = visit("")
    open_order(page, "8003")
    page.get_by_role("button", name="Open dispute").click()
    page.get_by_label("Describe the problem").fill("The lamp flickers and will not stay on.")
    page.get_by_role("button", name="Submit dispute").click()
    expect(page.get_by_text("Dispute opened", exact=True)).to_be_visible()
    expect(page.get_by_test_id("case-number")).to_have_text(re.compile(r"^DS-8003-\d{3}$"))


def test_case_numbers_count_up_deterministically(visit):
    page = visit("order.html?id=8002")
    page.get_by_role("button", name="Request refund").click()
    page.get_by_label("Reason").select_option("Item arrived damaged")
    page.get_by_role("button", name="Submit request").click()
    expect(page.get_by_test_id("case-number")).to_have_text("RF-8002-001")
    page.goto(page.url.replace("8002", "8003"))
    page.get_by_role("button", name="Open dispute").click()
    page.get_by_label("Describe the problem").fill("It arrived with a cracked base.")
    page.get_by_role("button", name="Submit dispute").click()
    expect(page.get_by_test_id("case-number")).to_have_text("DS-8003-002")


def test_no_dispute_after_20_days(visit):
    page = visit("")
    open_order(page, "8004")
    closed_on = long_date(datetime.date.today() - datetime.timedelta(days=5))
    expect(page.get_by_text(f"The dispute window for this order closed on {closed_on}.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Open dispute")).to_have_count(0)
    page.get_by_role("link", name="Contact customer service").click()
    expect(page.get_by_label("Order ID")).to_have_value("8004")


def test_report_an_item_that_never_arrived(visit):
    page = visit("")
    open_order(page, "8005")
    expect(page.get_by_test_id("not-delivered")).to_contain_text("has still not been delivered")
    page.get_by_role("link", name="Contact customer service").click()
    expect(page.get_by_label("Order ID")).to_have_value("8005")
    page.get_by_label("Message").fill("My watch band never arrived. Tracking has not moved for 20 days.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("We'll get back to you within 24 hours.", exact=True)).to_be_visible()
    expect(page.get_by_test_id("ticket-number")).to_have_text("TK-8005-001")


def test_track_a_package(visit):
    page = visit("")
    open_order(page, "8002")
    page.get_by_role("button", name="Track package").click()
    latest = page.get_by_test_id("tracking-latest")
    expect(latest).to_contain_text("In transit")
    expect(page.get_by_text("In transit", exact=True)).to_have_count(1)


def test_contact_customer_service(visit):
    page = visit("")
    page.get_by_role("link", name="Contact customer service").click()
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Order ID").fill("8002")
    page.get_by_label("Message").fill("Please change the delivery address of this order.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("We'll get back to you within 24 hours.", exact=True)).to_be_visible()
    expect(page.get_by_test_id("ticket-number")).to_have_text("TK-8002-001")


def test_contact_form_refuses_bad_input_inline(visit):
    page = visit("contact.html")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Order ID").fill("1234")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_have_count(3)
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")


def test_find_the_cheapest_seller(visit):
    page = visit("")
    page.get_by_role("searchbox", name="Search").fill("phone case")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_test_id("search-result")).to_have_count(4)
    page.get_by_label("Sort by").select_option(label="Lowest price first")
    sellers = page.get_by_test_id("result-seller").all_inner_texts()
    prices = [float(text.replace("US $", "")) for text in page.get_by_test_id("result-price").all_inner_texts()]
    assert len(set(sellers)) >= 3
    assert prices == sorted(prices)
    assert sellers[0] == "ShieldPro Store"
    expect(page.get_by_test_id("search-result").get_by_role("link", name="Phone case")).to_have_count(4)


def test_sign_out_and_back_in(visit):
    page = visit("")
    open_menu_item(page, "Sign out")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto(page.url.split("signin.html")[0] + "orders.html")
    expect(page).to_have_url(re.compile(r"signin\.html\?next=orders\.html$"))
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Order 8001")).to_be_visible()
