"""`guidedflows record`: the test plays the person on the storefront while `record --cdp` runs in its own process,
attached to the test's browser; the file it writes is read, checked for human targets and secrets, and replayed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import astuple
from pathlib import Path

import yaml
from playwright.sync_api import expect

from guidedflows.flow.loader import load_flow
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]


def start_recording(context, cdp: str, site: str, out: Path, start: str = "/"):
    """A clean tab (the site's storage cleared) and `guidedflows record` attached to it; returns (tab, process)."""
    for extra in context.pages[1:]:
        extra.close()
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("about:blank")
    session = context.new_cdp_session(page)
    session.send("Storage.clearDataForOrigin", {"origin": site, "storageTypes": "all"})
    session.detach()
    command = [sys.executable, "-m", "guidedflows", "record", site + start, "--cdp", cdp, "--base-url", site,
               "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ)
    return page, process


def steps_counted(status, count: int) -> None:
    """The toolbar counts `count` steps (so the file holds them); the recorder works in its own process, so allow it
    time on a busy machine."""
    expect(status).to_contain_text(f"{count} steps", timeout=20_000)


def recorded(page, out: Path, condition, what: str, timeout: float = 20) -> None:
    """Wait until the steps in the file (rewritten after every step) satisfy `condition`. The recorder handles one
    event at a time and performs a held-back click before it reads the next, so once the file shows a later event,
    the clicks before it are done: the person's next gesture cannot interleave its mouse with the recorder's (a busy
    machine showed a Pause click lost between the two clicks of a double-click being performed). It waits on the
    page, so the test's dialog handlers run meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        steps = (yaml.safe_load(out.read_text("utf-8")) or {}).get("steps", []) if out.exists() else []
        if condition(steps):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the recording never showed {what}; it holds {steps}")
        page.wait_for_timeout(50)


def finish(process, timeout: float = 60) -> str:
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


def test_record_the_add_a_card_journey_and_replay_it(person_browser, storefront, tmp_path, capsys):
    context, cdp = person_browser
    storefront = storefront.rstrip("/")
    out = tmp_path / "add-a-card.yaml"
    page, process = start_recording(context, cdp, storefront, out)
    try:
        toolbar = page.locator("guidedflows-recorder")
        toolbar.get_by_role("button", name="Finish recording").wait_for(timeout=30_000)
        page.get_by_role("button", name="Accept cookies").click()
        page.get_by_role("button", name="Account").click()
        page.get_by_role("menuitem", name="Manage your cards").click()
        with context.expect_page() as new_tab:
            page.get_by_role("button", name="Go to my Alipay").click()
        wallet = new_tab.value
        # the file is rewritten after every step: when the toolbar counts 4, the file holds those 4
        steps_counted(wallet.locator("guidedflows-recorder").get_by_role("status"), 4)
        assert load_flow(out, require_values=False).steps[-1].target.value == "Go to my Alipay"
        wallet.get_by_role("button", name="Click here to add a new card").click()
        form = wallet.frame_locator("iframe")
        form.get_by_label("Card number").fill("4242 4242 4242 4242")
        form.get_by_label("Name on card").fill("Ada Lovelace")
        form.get_by_label("Expiry month").select_option("12")
        form.get_by_label("Expiry year").select_option("2030")
        form.get_by_label("Security code").fill("123")
        form.get_by_role("button", name="Save card").click()
        saved = wallet.get_by_text("Visa ending in 4242")
        saved.wait_for()
        bar = wallet.locator("guidedflows-recorder")
        bar.get_by_role("button", name="Add an expect").click()
        expect(bar.get_by_role("button", name="Add an expect")).to_have_attribute("aria-pressed", "true")
        saved.click()
        expect(bar.get_by_role("button", name="Add an expect")).to_have_attribute("aria-pressed", "false")
        bar.get_by_role("button", name="Finish recording").click()
        output = finish(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    text = out.read_text("utf-8")
    assert "4242 4242" not in text and "4242424242424242" not in text and '"123"' not in text
    flow = load_flow(out, require_values=False)
    assert [(step.action, step.target.spelled(), getattr(step.payload, "value", None)) for step in flow.steps] == [
        ("click", '"Accept cookies"', None),
        ("click", '"Account"', None),
        ("click", '"Manage your cards"', None),
        ("click", '"Go to my Alipay"', None),
        ("click", '"Click here to add a new card"', None),
        ("fill", '"Card number"', ""),
        ("fill", '"Name on card"', "Ada Lovelace"),
        ("select", '"Expiry month"', "12"),
        ("select", '"Expiry year"', "2030"),
        ("fill", '"Security code"', ""),
        ("click", '"Save card"', None),
        ("expect", '"Visa ending in 4242"', None),
    ]
    assert [(p.name, p.secret, p.default) for p in flow.params] == [("card_number", True, None), ("security_code", True, None)]
    assert "  - fill: Card number\n    value: ${card_number}\n    say: Type your card number into **Card number**.\n" in text
    assert all(step.say for step in flow.steps)
    assert "give them when you run it: guidedflows check" in output and "--param card_number=..." in output
    capsys.readouterr()
    given = ["--param", "card_number=4242 4242 4242 4242", "--param", "security_code=123"]
    assert run_cli(["check", str(out), *given, "--output", str(tmp_path / "results")]) == 0, capsys.readouterr().out


def test_record_every_gesture_then_ctrl_c(person_browser, site, tmp_path, capsys):
    """Ticks, an ambiguous button, typing then Enter, a list, dialogs, a double-click, a new tab closed by the
    person, a link then Back, a pause; Ctrl-C ends it with everything saved, and the file replays green."""
    context, cdp = person_browser
    out = tmp_path / "gestures.yaml"
    page, process = start_recording(context, cdp, site, out, start="/index.html")
    toolbar = page.locator("guidedflows-recorder")
    status = toolbar.get_by_role("status")
    log = page.get_by_test_id("log")
    try:
        toolbar.get_by_role("button", name="Finish recording").wait_for(timeout=30_000)
        page.get_by_label("Send me news").click()  # check() would insist the state changes at once; it is held back
        expect(page.get_by_label("Send me news")).to_be_checked()
        page.get_by_test_id("card-2222").get_by_role("button", name="Edit").click()
        expect(log).to_have_text("edit 2222")
        page.get_by_placeholder("Search the shop").fill("shoes")
        page.get_by_placeholder("Search the shop").press("Enter")
        expect(log).to_have_text("searched shoes")
        page.get_by_label("Size").select_option("m")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Remove").click()
        expect(log).to_have_text("removed")
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Greet").click()
        steps_counted(status, 7)
        recorded(page, out, lambda steps: len(steps) == 7 and "dialog" in steps[-1], "the answer to Greet's alert")
        page.get_by_role("button", name="Double me").dblclick()
        expect(log).to_have_text("double")
        recorded(page, out, lambda steps: "dblclick" in steps[-1], "the two clicks made one double-click")
        toolbar.get_by_role("button", name="Pause recording").click()
        expect(status).to_contain_text("Paused", timeout=20_000)
        page.get_by_role("button", name="Press me").click()  # not recorded: it happens natively
        expect(log).to_have_text("clicked")
        toolbar.get_by_role("button", name="Resume recording").click()
        expect(status).to_contain_text("Recording", timeout=20_000)
        with context.expect_page() as new_tab:
            page.get_by_role("link", name="Open in new tab").click()
        second = new_tab.value
        bar = second.locator("guidedflows-recorder")
        bar.get_by_role("button", name="Add an expect").click()
        expect(bar.get_by_role("button", name="Add an expect")).to_have_attribute("aria-pressed", "true", timeout=20_000)
        second.get_by_role("heading", name="Second page").click()
        steps_counted(bar.get_by_role("status"), 10)
        second.close()
        steps_counted(status, 11)
        page.get_by_role("link", name="Next page").click()
        page.get_by_role("heading", name="Second page").wait_for()
        steps_counted(status, 12)
        page.go_back()
        steps_counted(status, 13)
        process.send_signal(signal.SIGINT)
        output = finish(process)
    except Exception:
        process.send_signal(signal.SIGINT)
        print(finish(process, timeout=20))
        print(out.read_text("utf-8") if out.exists() else "(no file)")
        raise
    assert process.returncode == 0, output
    assert "interrupted: the steps so far are saved" in output
    # the page is the person's again: no toolbar, clicks not held back
    expect(toolbar).to_have_count(0)
    page.get_by_role("button", name="Press me").click()
    expect(log).to_have_text("clicked")
    flow = load_flow(out)
    spelled = [(s.action, s.target.spelled() if s.target else astuple(s.payload)[0], getattr(s.payload, "value", None), s.dialog)
               for s in flow.steps]
    assert spelled == [
        ("check", '"Send me news"', None, None),
        ("click", 'button "Edit" in testid "card-2222"', None, None),
        ("fill", '"Search the shop"', "shoes", None),
        ("press", "Enter", None, None),
        ("select", '"Size"', "Medium", None),
        ("click", '"Remove"', None, "accept"),
        ("click", '"Greet"', None, "accept"),
        ("dblclick", '"Double me"', None, None),
        ("click", '"Open in new tab"', None, None),
        ("expect", '"Second page"', None, None),
        ("close", "tab", None, None),
        ("click", '"Next page"', None, None),
        ("go", "back", None, None),
    ], out.read_text("utf-8")
    capsys.readouterr()
    assert run_cli(["check", str(out), "--base-url", site, "--output", str(tmp_path / "results")]) == 0, capsys.readouterr().out


def test_record_on_a_list_app_names_items_by_their_words_not_css(person_browser, site, tmp_path):
    """On TodoMVC's markup (issue 13): the new-item box by the placeholder a person reads, not its visually hidden
    label; ticking an item as `within` its list item `has_text` the item's words (what codegen writes), not CSS."""
    context, cdp = person_browser
    out = tmp_path / "todo.yaml"
    page, process = start_recording(context, cdp, site, out, start="/todo.html")
    toolbar = page.locator("guidedflows-recorder")
    try:
        toolbar.get_by_role("button", name="Finish recording").wait_for(timeout=30_000)
        page.get_by_placeholder("What needs to be done?").fill("walk the dog")
        page.get_by_placeholder("What needs to be done?").press("Enter")
        page.get_by_role("listitem").filter(has_text="walk the dog").wait_for()
        page.get_by_role("listitem").filter(has_text="feed the cat").get_by_role("checkbox").click()
        steps_counted(toolbar.get_by_role("status"), 3)
        toolbar.get_by_role("button", name="Finish recording").click()
        output = finish(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    text = out.read_text("utf-8")
    assert "  - fill: What needs to be done?\n" in text, text
    assert "  - check: {role: checkbox, within: {role: listitem, has_text: feed the cat}}\n" in text, text
    assert "css" not in text, text
