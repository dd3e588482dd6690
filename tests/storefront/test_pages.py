"""Every page: small, free of script errors, seeded the same in every context, and working under a path prefix."""

from __future__ import annotations

import datetime
import re
import shutil

from playwright.sync_api import expect

from guidedflows.storefront import Storefront, site_root

PAGES = ["", "search.html?q=phone%20case", "product.html?id=case-shieldpro", "orders.html", "order.html?id=8002",
         "track.html?id=8003", "cards.html", "wallet.html", "payment-methods.html", "contact.html", "signin.html",
         "alipay.html", "alipay-card-form.html"]


def test_every_page_is_small_and_has_no_script_errors(page, storefront):
    problems = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}")
            if response.status >= 400 else None)
    sizes = {}
    for path in PAGES:
        page.goto(storefront.url + path)  # the load event waits for the module scripts and their imports
        sizes[path] = page.evaluate("document.querySelectorAll('*').length")
    assert problems == []
    assert max(sizes.values()) < 2000, sizes
    assert min(sizes.values()) > 20, sizes  # every page really rendered


def test_seeded_data_is_relative_to_today(visit):
    page = visit("order.html?id=8003")
    delivered = datetime.date.today() - datetime.timedelta(days=3)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    expect(page.get_by_text(f"{delivered.day} {months[delivered.month - 1]} {delivered.year}", exact=True)).to_be_visible()


def test_state_survives_reloads_and_each_context_starts_from_the_seed(visit, browser, storefront):
    page = visit("order.html?id=8001")
    page.get_by_role("button", name="Cancel order").click()
    page.get_by_label("Reason").select_option("I changed my mind")
    page.get_by_role("button", name="Confirm cancellation").click()
    page.reload()
    expect(page.get_by_test_id("order-status")).to_have_text("Cancelled")
    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(storefront.url + "order.html?id=8001")
        expect(fresh.get_by_test_id("order-status")).to_have_text("Awaiting shipment")
    finally:
        other.close()


def test_links_and_assets_are_relative():
    """So the store also works mounted under a path prefix: no root-relative URL in any page or script."""
    root = site_root()
    offenders = []
    for path in [*root.glob("*.html"), *root.glob("assets/**/*.js")]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"""(?:href|src|action)\s*[=:]\s*["'`]/|location\.href\s*=\s*["'`]/""", text):
            offenders.append(f"{path.name}: {text[match.start():match.end() + 20]}")
    assert offenders == []


def test_the_store_works_under_a_path_prefix(tmp_path, page):
    shutil.copytree(site_root(), tmp_path / "shop")
    (tmp_path / "index.html").write_text("<!doctype html><title>Not the shop</title>")
    with Storefront(root=tmp_path) as server:
        page.goto(server.url + "shop/")
        page.get_by_role("button", name="Accept cookies").click()
        page.get_by_role("button", name="Account").click()
        page.get_by_role("menuitem", name="My Orders").click()
        page.get_by_role("link", name="Order 8002").click()
        page.get_by_role("button", name="Track package").click()
        expect(page.get_by_test_id("tracking-latest")).to_contain_text("In transit")
        assert page.url.startswith(server.url + "shop/track.html")
        page.get_by_role("button", name="Payment settings").click()
        expect(page).to_have_url(server.url + "shop/payment-methods.html")
