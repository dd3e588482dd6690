"""Fixtures for the storefront tests: one server per session, and a helper to open a page of it like a shopper."""

from __future__ import annotations

import pytest

from guidedflows.storefront import Storefront


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store


@pytest.fixture
def visit(page, storefront):
    """visit("orders.html") opens a page of the store; the cookie banner is accepted unless told otherwise."""

    def open_page(path: str = "", *, accept_cookies: bool = True):
        page.goto(storefront.url + path)
        banner_button = page.get_by_role("button", name="Accept cookies")
        if accept_cookies and banner_button.count():  # module scripts have run by the load event
            banner_button.click()
        return page

    return open_page


@pytest.fixture
def add_card():
    """add_card(wallet_page, number) fills and saves the add-card form in the wallet's iframe."""

    def fill_and_save(wallet, number, *, holder="Ada Lovelace", month="04", year=None, code="123"):
        wallet.get_by_role("button", name="Click here to add a new card").click()
        form = wallet.frame_locator("iframe")
        form.get_by_label("Card number").fill(number)
        form.get_by_label("Name on card").fill(holder)
        form.get_by_label("Expiry month").select_option(month)
        years = form.get_by_label("Expiry year").locator("option").all_inner_texts()
        form.get_by_label("Expiry year").select_option(year or years[-1])
        form.get_by_label("Security code").fill(code)
        form.get_by_role("button", name="Save card").click()
        return form

    return fill_and_save
