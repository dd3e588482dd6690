"""Guide mode on real applications (issue 16): a simulated person - the mouse, the keyboard, and the words on the
screen, nothing else - completes a guided run of one corpus flow on each application, a popup window and an already
signed-in browser included. The person clicks where the spotlight is (what a person does), types with the keyboard,
and ends with the card's Exit button; on the way the overlay passes axe-core on each site, and on Django the spotlight
of the green + is the icon, not the stretched link around it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from a11y import axe_overlay, describe
from person import forget, start_guide
from realworld.apps import FLOWS

pytestmark = pytest.mark.realworld

SHOTS = os.environ.get("GUIDEDFLOWS_GUIDE_SHOTS")  # a folder: save what the person saw at each card, to look at


class Walk:
    """One guided run, step by step: `k` is the card's number, counted from the first card the person sees."""

    def __init__(self, person, name: str):
        self.person = person
        self.name = name
        self.total = None

    def card(self, k: int) -> dict:
        """Wait for card k (any total), the spotlight drawn when the step has a target; return the overlay state."""
        wanted = f"""() => {{ const g = window.__guidedflows; const s = g && g.state();
            return !!s && typeof s.progress === "string" && s.progress.startsWith("{k} of ") && s.status !== "looking"; }}"""
        for _ in range(3):  # a popup window may close itself under the wait: the person is back in the window below
            while self.person.page.is_closed():
                self.person._closed_tab(self.person.page)
            page = self.person.page
            try:
                page.wait_for_function(wanted, timeout=30_000)
                break
            except Exception:
                if not page.is_closed():
                    raise AssertionError(f"card {k} never came: {self.shown()}\n{self.person.finish(timeout=1)[1]}") from None
        state = self.person.state()
        self.total = int(state["progress"].split(" of ")[1])
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{self.name}-{k:02d}.png", animations="disabled")
        assert dimmed(page), f"card {k}: the page is not dimmed"  # every card alike (issue 16)
        return state

    def shown(self):
        try:
            return self.person.state()
        except Exception as exc:  # noqa: BLE001 - only for the message
            return repr(exc)

    def click(self, k: int) -> dict:
        """Click the middle of what the spotlight surrounds, with the mouse."""
        state = self.card(k)
        target = self.person.page.wait_for_function("() => window.__guidedflows.state().target").json_value()
        self.person.page.mouse.click(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2)
        return state

    def type(self, k: int, text: str) -> dict:
        """Click into the spotlit field, type, and leave it with Tab."""
        state = self.click(k)
        self.person.page.keyboard.type(text)
        self.person.page.keyboard.press("Tab")
        return state

    def finish(self) -> str:
        self.person.at(f"{self.total} of {self.total}", status="finished")
        self.person.press_card_button("Exit")
        code, out = self.person.finish()
        assert code == 0, out
        return out


def dimmed(page) -> bool:
    return page.evaluate(
        """() => { const b = document.querySelector("guidedflows-overlay").shadowRoot.querySelector("[part=backdrop]");
            const dim = b.querySelector("[part=dim]");
            return !b.hasAttribute("hidden") && Number(getComputedStyle(b).opacity) > 0.9
                && Number(getComputedStyle(dim).fillOpacity) >= 0.3; }"""
    )


@pytest.fixture
def guided(person_browser, app_urls):
    """guided(app, flow_name, signed_in=False) → a Walk of `guidedflows guide` on the person's browser."""
    context, cdp = person_browser
    people = []

    def start(app: str, flow: str, *args: str, before=None) -> Walk:
        url = app_urls(app)
        forget(context, url)
        if before:
            before(context.pages[0], url)
        person = start_guide(context, cdp, FLOWS / app / f"{flow}.yaml", url, *args)
        people.append(person)
        return Walk(person, f"{app}-{flow}")

    yield start
    for person in people:
        if person.process.poll() is None:
            person.process.kill()
            person.process.communicate()


def assert_axe_clean(page) -> None:
    found = axe_overlay(page)
    assert found["violations"] == [], describe(found["violations"])


def test_django_a_popup_window_opened_with_the_green_plus(guided):
    # A group of its own: the check-mode corpus run of this flow on the same server has made "Support" already.
    walk = guided("django", "add-group-popup", "--param", "group=Guided support")
    walk.type(1, "admin")
    assert_axe_clean(walk.person.page)
    walk.type(2, "Admin-pass-2026")
    walk.click(3)  # Log in; 4 (Log out is shown) goes by itself
    walk.click(5)  # Users
    walk.click(6)  # alice
    plus = walk.card(7)
    assert plus["target"]["height"] <= 24 and plus["target"]["width"] <= 24, plus["target"]  # the icon, not the link
    with walk.person.context.expect_page() as popup:
        walk.click(7)
    popup.value.wait_for_load_state()
    walk.type(9, "Guided support")  # in the popup window: 8 (Add group is shown) went by itself
    walk.click(10)  # Save: the window closes, the guide and the person are back in the user's page
    walk.click(12)  # Save the user
    out = walk.finish()
    assert "✓ add-group-popup passed" in out or "passed" in out, out
    assert out.count("done by the person") == 9, out


def sign_in(page, url: str) -> None:
    """The browser is already signed in before the guide starts (the person's own browser, over --cdp)."""
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("Admin-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out")).wait_for()


def test_django_already_signed_in_the_sign_in_is_skipped(guided):
    walk = guided("django", "open-a-group", before=sign_in)
    first = walk.card(1)
    assert "Groups" in first["body"] and walk.total == 4, first  # no card asks to sign in again
    walk.click(1)
    walk.click(2)  # Editors
    out = walk.finish()
    assert "condition not met" in out, out


def test_django_signed_out_the_same_flow_signs_in_first(guided):
    walk = guided("django", "open-a-group")
    walk.type(1, "admin")
    walk.type(2, "Admin-pass-2026")
    walk.click(3)
    walk.click(5)  # Groups
    walk.click(6)  # Editors
    walk.finish()


def test_datasette_facet(guided):
    walk = guided("datasette", "facet")
    walk.card(1)
    assert_axe_clean(walk.person.page)
    walk.click(1)  # genre, next to Suggested facets
    walk.click(4)  # Romance
    walk.finish()


def test_mkdocs_content_tabs(guided):
    walk = guided("mkdocs", "content-tabs")
    walk.card(2)
    assert_axe_clean(walk.person.page)
    walk.click(2)  # Homebrew
    walk.finish()


def test_sphinx_next_page(guided):
    walk = guided("sphinx", "next-page")
    state = walk.card(1)
    assert_axe_clean(walk.person.page)
    assert state["target"]["height"] < 200, state  # furo's "Next" link block, not the whole footer
    walk.click(1)
    walk.finish()
