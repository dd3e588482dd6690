"""B1's hand-written Playwright script: what a Playwright user writes for the same 20 steps as flows/b1-*.yaml.

Each step is one statement; `step(n)` only marks where step n starts, so the benchmark can count calls per step.
"""

from __future__ import annotations

from playwright.sync_api import expect


def run(page, base_url: str, step=lambda number: None) -> None:
    page.goto(base_url)
    step(1)
    page.get_by_role("button", name="Accept cookies", exact=True).click()
    step(2)
    page.get_by_role("link", name="Shop phone cases", exact=True).click()
    step(3)
    expect(page.get_by_text("4 offers found", exact=True)).to_be_visible()
    step(4)
    page.get_by_role("combobox", name="Sort by", exact=True).select_option("Lowest price first")
    step(5)
    expect(page.get_by_text("ShieldPro Store", exact=True)).to_be_visible()
    step(6)
    page.get_by_role("button", name="Account", exact=True).click()
    step(7)
    page.get_by_role("menuitem", name="My Orders", exact=True).click()
    step(8)
    expect(page.get_by_text("Orders from the last 90 days.", exact=True)).to_be_visible()
    step(9)
    page.get_by_role("link", name="Order 8002", exact=True).click()
    step(10)
    page.get_by_role("button", name="Track package", exact=True).click()
    step(11)
    expect(page.get_by_role("heading", name="Tracking for Order 8002", exact=True)).to_be_visible()
    step(12)
    expect(page.get_by_text("LP08002063352CN", exact=True)).to_be_visible()
    step(13)
    page.get_by_role("link", name="Contact customer service", exact=True).click()
    step(14)
    page.get_by_role("textbox", name="Order ID", exact=True).fill("8002")
    step(15)
    page.get_by_role("textbox", name="Message", exact=True).fill("Please tell me when my charging cables will arrive.")
    step(16)
    expect(page.get_by_role("textbox", name="Email", exact=True)).to_have_value("ada@example.com")
    step(17)
    page.get_by_role("button", name="Send", exact=True).click()
    step(18)
    expect(page.get_by_text("We'll get back to you within 24 hours.", exact=True)).to_be_visible()
    step(19)
    page.get_by_role("link", name="Marketly home", exact=True).click()
    step(20)
    expect(page.get_by_role("heading", name="Deals on phone accessories", exact=True)).to_be_visible()
    step(21)
