"""A person completes journeys with the exported tour (issue 17, "A person completes it"): the store includes
tour.js in every page (conftest.include_tour), a `#guidedflows=ID` link starts it, and the person does each step with
mouse and keyboard, finding elements by their accessible names. No Playwright call touches the tour or the overlay:
the state is only read, and the card's buttons are clicked like any button."""

from __future__ import annotations

from export.visitor import Visitor
from guidedflows.flow.loader import load_flow
from helpers import SHIPPED_FLOWS, run_cli


def test_change_the_card_with_the_tour(visitor, storefront, tmp_path):
    """issue 17's "Done means": `guidedflows export flows/change-the-card.yaml --out build/tour`, then a page that
    includes tour.js guides a person through the journey on the built-in store."""
    assert run_cli(["export", str(SHIPPED_FLOWS / "change-the-card.yaml"), "--out", str(tmp_path / "tour")]) == 0
    page = visitor(tmp_path / "tour" / "tour.js")
    page.context.on("dialog", lambda dialog: dialog.accept())  # the person answers "Remove this card?" with OK
    person = Visitor(page)
    page.goto(storefront + "#guidedflows=change-the-card")
    n = 14

    state = person.at("Before you start")  # the cookie banner covers the page: the setup step asks for it first
    assert "Accept cookies" in state["body"]
    page.get_by_role("button", name="Accept cookies").click()

    person.at(f"1 of {n}")
    account = page.get_by_role("button", name="Account")
    person.spotlit(account)
    page.get_by_role("link", name="Marketly").first.hover()  # pointing somewhere else does nothing
    person.still_at(f"1 of {n}")
    account.click()

    person.at(f"3 of {n}")  # step 2 is an expectation that already holds: the tour moved on by itself
    manage = page.get_by_role("menuitem", name="Manage your cards")
    person.spotlit(manage)
    manage.click()  # a new page loads: the tour goes on there (sessionStorage)

    person.at(f"4 of {n}")
    with page.context.expect_page() as new_tab:
        alipay = page.get_by_role("button", name="Go to my Alipay")
        person.spotlit(alipay)
        alipay.click()
    wallet = new_tab.value
    assert person.page is wallet

    state = person.at(f"5 of {n}")  # the wallet opened in a new tab that includes tour.js too: it goes on there
    assert "add a new card" in state["body"]
    page.wait_for_function("() => window.__guidedflows.state().body.startsWith('The guide goes on in the tab that opened')")
    add = wallet.get_by_role("link", name="Click here to add a new card").or_(wallet.get_by_role("button", name="Click here to add a new card"))
    person.spotlit(add)
    add.click()

    person.at(f"6 of {n}")
    form = wallet.frame_locator("iframe")
    number = form.get_by_label("Card number")
    person.spotlit(number)  # inside the iframe: drawn in the top page
    number.press_sequentially("4242 4242")
    person.still_at(f"6 of {n}")  # typing without committing is not done yet
    number.fill("4242 4242 4242 4242")
    number.press("Tab")

    person.at(f"7 of {n}")
    form.get_by_label("Name on card").fill("Ada Lovelace")
    form.get_by_label("Name on card").press("Enter")

    person.at(f"8 of {n}")
    form.get_by_label("Expiry month").select_option("12")

    person.at(f"9 of {n}")
    code = form.get_by_label("Security code")
    code.fill("12")
    code.press("Tab")
    wallet.wait_for_function("() => (window.__guidedflows.state().hint || '').includes('3 or 4 digits')")  # `accept`
    person.still_at(f"9 of {n}")
    code.fill("123")
    code.press("Tab")

    person.at(f"10 of {n}")
    form.get_by_role("button", name="Save card").click()

    person.at(f"12 of {n}")  # 11 waited for "Visa ending in 4242", which the save made true
    remove = wallet.get_by_test_id("card-1111").get_by_role("button", name="Remove")
    state = person.spotlit(remove)
    remove.click()

    state = person.at(f"{n} of {n}", status="finished")
    assert state["body"] == f"All done — {n} steps."
    person.press_card_button("Exit")
    wallet.wait_for_function("() => window.__guidedflows.state().card === null")
    assert wallet.evaluate("() => sessionStorage.getItem('guidedflows.tour')") is None


def test_cancel_an_order_with_the_tour(visitor, storefront):
    """Five page loads, a list that loads late, a select: the tour keeps its place and finds each target when it
    comes."""
    flow = load_flow(SHIPPED_FLOWS / "cancel-an-order.yaml")
    page = visitor([flow])
    person = Visitor(page)
    page.goto(storefront + "#guidedflows=cancel-an-order")
    n = 8

    person.at("Before you start")
    page.get_by_role("button", name="Accept cookies").click()
    person.at(f"1 of {n}")
    page.get_by_role("button", name="Account").click()
    person.at(f"3 of {n}")
    page.get_by_role("menuitem", name="My Orders").click()

    person.at(f"4 of {n}")  # "Order 8001" is in a list that loads late: looked for, then spotlit
    order = page.get_by_role("link", name="Order 8001")
    person.spotlit(order)
    order.click()

    person.at(f"5 of {n}")
    cancel = page.get_by_role("button", name="Cancel order")
    person.spotlit(cancel)
    cancel.click()

    person.at(f"6 of {n}")
    reason = page.get_by_label("Reason")
    person.spotlit(reason)
    reason.select_option(label="I changed my mind")

    person.at(f"7 of {n}")
    page.get_by_role("button", name="Confirm cancellation").click()
    state = person.at(f"{n} of {n}", status="finished")  # 8 waited for the order to read "Cancelled"
    assert page.get_by_test_id("order-status").inner_text() == "Cancelled"
    person.press_card_button("Exit")


def test_sign_out_and_in_with_the_tour_the_person_types_the_password(visitor, storefront):
    """A secret param: the tour does not carry it (the card says where to type, not what); the person types their own."""
    flow = load_flow(SHIPPED_FLOWS / "sign-out-and-in.yaml")
    page = visitor([flow])
    person = Visitor(page)
    page.goto(storefront)
    page.get_by_role("button", name="Accept cookies").click()
    page.goto(storefront + "#guidedflows=sign-out-and-in")
    n = 11

    person.at(f"1 of {n}")  # the cookies were answered: the setup step's `when:` does not hold, so it is not shown
    page.get_by_role("button", name="Account").click()
    person.at(f"3 of {n}")
    page.get_by_role("menuitem", name="Sign out").click()
    person.at(f"5 of {n}")  # 4 waited for "You have signed out."
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Email").press("Tab")
    state = person.at(f"6 of {n}")
    assert state["body"] == "Type your password."
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_label("Password").press("Tab")
    state = person.at(f"7 of {n}")
    person.spotlit(page.get_by_role("button", name="Sign in"))
    page.get_by_role("button", name="Sign in").click()
    person.at(f"8 of {n}")
    page.get_by_role("button", name="Account").click()
    person.at(f"10 of {n}")
    page.get_by_role("menuitem", name="My Orders").click()
    person.at(f"{n} of {n}", status="finished")
