"""The add-card form validates like a real one, and the wallet keeps only the brand and the last 4 digits."""

from __future__ import annotations

import datetime
import json

import pytest
from playwright.sync_api import expect

MESSAGES = {
    "luhn": "This card number is not valid. Check the digits and try again.",
    "expired": "This card has expired. Check the expiry date.",
    "code": "Enter the 3 or 4 digit security code from the back of the card.",
}


@pytest.fixture
def wallet(visit, page):
    # Mid-June, so that a month earlier in this year exists in the year list (which starts at this year).
    page.clock.set_fixed_time(datetime.datetime(datetime.date.today().year, 6, 15, 12, 0))
    return visit("alipay.html")


def assert_inline_error(form, field_label, message):
    field = form.get_by_label(field_label, exact=True)
    alert = form.get_by_role("alert").filter(has_text=message)
    expect(alert).to_have_text(message)
    error_id = alert.get_attribute("id")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert error_id in field.get_attribute("aria-describedby").split()


def test_bad_luhn_is_refused_inline(wallet, add_card):
    form = add_card(wallet, "4242 4242 4242 4241")
    assert_inline_error(form, "Card number", MESSAGES["luhn"])
    expect(wallet.get_by_text("Visa ending in 4241")).to_have_count(0)


def test_past_expiry_is_refused_inline(wallet, add_card):
    year = str(datetime.date.today().year)
    form = add_card(wallet, "4242 4242 4242 4242", month="03", year=year)
    assert_inline_error(form, "Expiry month", MESSAGES["expired"])
    assert_inline_error(form, "Expiry year", MESSAGES["expired"])


def test_two_digit_security_code_is_refused_inline(wallet, add_card):
    form = add_card(wallet, "4242 4242 4242 4242", code="12")
    assert_inline_error(form, "Security code", MESSAGES["code"])


def test_errors_clear_once_fixed_and_the_card_is_saved(wallet, add_card):
    form = add_card(wallet, "4242 4242 4242 4241", code="12")
    expect(form.get_by_role("alert")).to_have_count(2)
    form.get_by_label("Card number").fill("4242424242424242")
    form.get_by_label("Security code").fill("1234")
    form.get_by_role("button", name="Save card").click()
    expect(wallet.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()


def test_the_wallet_stores_only_brand_and_last_4(wallet, add_card):
    add_card(wallet, "4242 4242 4242 4242", code="737")
    expect(wallet.get_by_text("Visa ending in 4242", exact=True)).to_be_visible()
    storage = wallet.evaluate("() => Object.fromEntries(Object.entries(localStorage))")
    everything = json.dumps(storage) + json.dumps(wallet.evaluate("() => Object.fromEntries(Object.entries(sessionStorage))"))
    for secret in ["4242424242424242", "4242 4242 4242 4242", "424242424242", "737"]:
        assert secret not in everything
    cards = json.loads(storage["marketly.state.v1"])["cards"]
    assert {"brand": "Visa", "last4": "4242"}.items() <= cards[-1].items()
    assert not any("number" in key.lower() or "code" in key.lower() for card in cards for key in card)


def test_a_mastercard_is_named_by_its_brand(wallet, add_card):
    add_card(wallet, "5555 5555 5555 4444")
    expect(wallet.get_by_text("Mastercard ending in 4444", exact=True)).to_be_visible()


def test_edit_changes_the_expiry_but_never_asks_for_the_number(wallet):
    wallet.get_by_role("button", name="Edit").click()
    form = wallet.frame_locator("iframe")
    expect(form.get_by_label("Card number")).to_have_count(0)
    next_year = str(datetime.date.today().year + 1)
    form.get_by_label("Expiry year").select_option(next_year)
    form.get_by_role("button", name="Save changes").click()
    expect(wallet.get_by_test_id("card-1111")).to_contain_text(f"/{next_year}")


def test_a_card_already_in_the_wallet_is_refused(wallet, add_card):
    form = add_card(wallet, "4111 1111 1111 1111")
    assert_inline_error(form, "Card number", "This card is already in your wallet.")
    expect(wallet.get_by_text("Visa ending in 1111", exact=True)).to_have_count(1)
