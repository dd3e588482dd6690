"""Screenshots of the overlay on the mock storefront, in several positions and states, for looking at and for the docs.

    .venv/bin/python tests/overlay/make_screenshots.py [OUT_DIR]     (default /tmp/overlay-shots)

Not a test: a person looks at these (issue 4: "look at them yourself"); the best go to docs/images/overlay-*.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from guidedflows.browser.session import find_browser
from guidedflows.overlay import overlay_script
from guidedflows.storefront import Storefront

FLOW = "Change the card on your account"
ALL = {"back": True, "next": True, "skip": True, "exit": True, "doit": True}


def card(step: int, body: str, **extra) -> dict:
    return {"flow": FLOW, "body": body, "progress": f"{step} of 9", "step": step, "total": 9, "status": "active",
            "message": None, "hint": None, "expect_dialog": None, "buttons": {**ALL, "back": step > 1}, **extra}


def draw(page, locator, data: dict, **spot) -> None:
    if locator is None:
        page.evaluate("(c) => { window.__guidedflows.spotlight(null); window.__guidedflows.render(c); }", data)
    else:
        locator.evaluate("(el, a) => { window.__guidedflows.spotlight(el, a.spot); window.__guidedflows.render(a.card); }",
                         {"spot": spot, "card": data})
    settle(page)


def settle(page) -> None:
    """Two animation frames, then every running animation of the overlay finished."""
    page.evaluate("""async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const root = document.querySelector('guidedflows-overlay')?.shadowRoot;
        for (const a of root ? root.getAnimations() : []) if (a.effect?.getTiming().iterations !== Infinity) await a.finished;
    }""")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with Storefront() as store, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(pw=pw).path, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        context.add_init_script(overlay_script())
        page = context.new_page()
        page.goto(store.url)
        cookie = page.get_by_role("button", name="Accept cookies")
        if cookie.count():
            cookie.click()

        def shot(name: str) -> None:
            page.screenshot(path=str(out / f"{name}.png"))
            print(out / f"{name}.png")

        account = page.get_by_role("button", name="Account")
        draw(page, account, card(1, "Open the **Account** menu at the top right of the page."))
        shot("01-top-right")

        account.click()
        manage = page.get_by_role("menuitem", name="Manage your cards")
        draw(page, manage, card(2, "Choose **Manage your cards**."))
        shot("02-menu-item")
        manage.click()
        page.wait_for_load_state()

        alipay = page.get_by_role("button", name="Go to my Alipay")
        draw(page, alipay, card(3, "Press **Go to my Alipay**. Your Alipay wallet opens in a *new tab*."))
        shot("03-button")

        draw(page, alipay, card(3, "Press **Go to my Alipay**.", status="looking",
                                message="Looking for **Go to my Alipay**…"))
        shot("04-looking")

        draw(page, None, card(3, "Press **Go to my Alipay**.", status="missing",
                              message="I can't find **Go to my Alipay** on this page. It may appear after you sign "
                                      "in, or you can skip this step.",
                              buttons={"back": True, "next": False, "skip": True, "exit": True, "doit": False}))
        shot("05-missing")

        footer = page.locator("footer").last
        if footer.count():
            link = footer.get_by_role("link").last
            draw(page, link, card(4, "Links at the foot of the page open the help centre."))
            shot("06-near-bottom")

        draw(page, None, card(9, "All done — 9 steps.", status="finished", progress="9 of 9"))
        shot("08-finished")

        page.evaluate("window.__guidedflows.clear()")
        draw(page, alipay, card(3, "x"), style="docs", number=3)
        shot("09-docs")

        page.evaluate("window.__guidedflows.clear()")
        draw(page, alipay, card(3, "Press **Go to my Alipay**.", expect_dialog="accept"))
        alipay.evaluate("(el) => window.__guidedflows.pointerTo(el)")
        settle(page)
        shot("10-demo-pointer")
        wallet = context.new_page()  # the Alipay tab: the add-card form lives in an iframe
        wallet.goto(store.url.rstrip("/") + "/alipay.html")
        wallet.get_by_text("Click here to add a new card").click()
        field = wallet.frame_locator("iframe[name=card-form]").get_by_label("Card number")
        hint = "A card number has 13 to 19 digits."
        page = wallet
        draw(wallet, field, card(5, "Type the long number printed on the front of your card.", hint=hint))
        field.evaluate("(el, s) => window.__guidedflows.watch(el, s)",
                       {"action": "fill", "accept": "^[0-9 ]{13,23}$", "hint": hint})
        field.click()
        wallet.keyboard.type("4242 42ab")
        wallet.keyboard.press("Enter")
        wallet.wait_for_function("() => window.__guidedflows.state().hint")
        settle(wallet)
        shot("07-rejected-in-iframe")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/overlay-shots"))
