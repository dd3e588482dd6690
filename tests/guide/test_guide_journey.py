"""A person follows `change-the-card` in guide mode: at each step the spotlight surrounds the target, the card does
not cover it, the progress reads "k of n", and only doing the step (not something else) moves the guide on."""

from __future__ import annotations

from pathlib import Path

FLOWS = Path(__file__).resolve().parents[2] / "flows"


def spotlit(person, locator) -> dict:
    """Assert the spotlight surrounds what a person sees of the element (issue 16: its text, its icon, its own box
    when it paints one) and the card does not overlap it; return the overlay state."""
    locator.wait_for(state="visible")
    person.page.wait_for_function("() => window.__guidedflows.state().spotlight !== null")
    element = locator.bounding_box()
    state = person.state()
    spot, card, seen = state["spotlight"], state["card"], state["target"]
    assert spot is not None and seen is not None, state
    assert _within(seen, element), (seen, element)  # what is surrounded is that element's
    assert _within(seen, spot), (seen, spot)
    assert not _overlap(card, seen), (card, seen)
    return state


def _within(inner: dict, outer: dict, slack: float = 1) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_change_the_card_step_by_step(guide):
    person = guide(FLOWS / "change-the-card.yaml")
    person.context.on("dialog", lambda dialog: None)
    page = person.page
    n = 14

    person.at(f"1 of {n}")
    account = page.get_by_role("button", name="Account")
    spotlit(person, account)
    page.get_by_role("link", name="Marketly").first.hover()  # pointing somewhere else does nothing
    account.hover()  # nor does hovering the target of a click step
    person.still_at(f"1 of {n}")
    account.click()

    person.at(f"3 of {n}")  # step 2 is an expectation that already holds: the guide moved on by itself
    manage = page.get_by_role("menuitem", name="Manage your cards")
    spotlit(person, manage)
    manage.click()

    person.at(f"4 of {n}")
    with person.context.expect_page() as new_tab:
        alipay = page.get_by_role("button", name="Go to my Alipay")
        spotlit(person, alipay)
        alipay.click()
    wallet = new_tab.value

    state = person.at(f"5 of {n}")
    assert person.page is wallet and "add a new card" in state["body"]
    add = wallet.get_by_role("link", name="Click here to add a new card").or_(
        wallet.get_by_role("button", name="Click here to add a new card")
    )
    spotlit(person, add)
    add.click()

    person.at(f"6 of {n}")
    form = wallet.frame_locator("iframe")
    number = form.get_by_label("Card number")
    spotlit(person, number)  # the field is inside the iframe: the spotlight is drawn in the top page
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
    # `accept` refused it: the card says why, and the guide stays on this step
    wallet.wait_for_function("() => (window.__guidedflows.state().hint || '').includes('3 or 4 digits')")
    person.still_at(f"9 of {n}")
    code.fill("123")
    code.press("Tab")

    person.at(f"10 of {n}")
    form.get_by_role("button", name="Save card").click()

    person.at(f"12 of {n}")  # 11 waited for "Visa ending in 4242", which the save made true
    wallet.once("dialog", lambda dialog: dialog.accept())
    remove = wallet.get_by_test_id("card-1111").get_by_role("button", name="Remove")
    state = spotlit(person, remove)
    remove.click()

    person.at(f"{n} of {n}", status="finished")
    person.press_card_button("Exit")
    code, out = person.finish()
    assert code == 0, out
    assert "4242 4242" not in out
    assert "done by the person" in out


def test_guide_waits_for_the_person_to_choose_files(guide, tmp_path):
    """upload (issue 15): the spotlight is on the file input; clicking around does not move the guide on; choosing a
    file (what the file chooser does for a person) does."""
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "lamp.png").write_bytes((FLOWS / "files" / "flickering-lamp.png").read_bytes())
    flow = tmp_path / "attach.yaml"
    flow.write_text(
        "flow: Attach a photo\nstart: /order.html?id=8003\nsteps:\n  - click: Open dispute\n"
        "  - upload: Add photos\n    files: files/lamp.png\n  - expect: lamp.png\n"
    )
    person = guide(flow)
    page = person.page
    person.at("1 of 3")
    page.get_by_role("button", name="Open dispute").click()
    person.at("2 of 3")
    photos = page.get_by_label("Add photos")
    state = spotlit(person, photos)
    assert "lamp.png" in state["body"], state
    page.get_by_label("Describe the problem").click()
    person.still_at("2 of 3")
    photos.set_input_files(str(tmp_path / "files" / "lamp.png"))
    person.at("3 of 3")
    person.at("3 of 3", status="finished")
