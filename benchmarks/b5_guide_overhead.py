"""B5: guide mode's per-step cost over check mode, in Playwright protocol round trips (goal: ≤ 1 extra per step).

The flow is B1's 20 steps (flows/b1-explicit.yaml). A simulated person, on their own Playwright connection in
another thread, waits until the card shows step k, then does step k in the page (clicks, types and leaves the field,
chooses); expectations move on by themselves. Only the guide's calls are counted (its own thread). The same flow
runs in check mode on the same tab first, for the per-step baseline.

    .venv/bin/python benchmarks/b5_guide_overhead.py
"""

from __future__ import annotations

import os
import socket
import statistics
import tempfile
import threading
from pathlib import Path

import common
from common import ProtocolCalls

HERE = Path(__file__).parent
FLOW = HERE / "flows" / "b1-explicit.yaml"

# What the person does at each step (the steps not listed are expectations: the guide moves on by itself).
PERSON = {
    1: lambda p: p.get_by_role("button", name="Accept cookies").click(),
    2: lambda p: p.get_by_role("link", name="Shop phone cases").click(),
    4: lambda p: p.get_by_role("combobox", name="Sort by").select_option("Lowest price first"),
    6: lambda p: p.get_by_role("button", name="Account").click(),
    7: lambda p: p.get_by_role("menuitem", name="My Orders").click(),
    9: lambda p: p.get_by_role("link", name="Order 8002").click(),
    10: lambda p: p.get_by_role("button", name="Track package").click(),
    13: lambda p: p.get_by_role("link", name="Contact customer service").click(),
    14: lambda p: _type(p.get_by_role("textbox", name="Order ID"), "8002"),
    15: lambda p: _type(p.get_by_role("textbox", name="Message"), "Please tell me when my charging cables will arrive."),
    17: lambda p: p.get_by_role("button", name="Send").click(),
    19: lambda p: p.get_by_role("link", name="Marketly home").click(),
}


def _type(field, text: str) -> None:
    field.fill(text)
    field.press("Tab")  # a person leaves the field: the change commits the step


def main() -> None:
    common.header("B5 · guide mode (simulated person) vs check mode, per step")
    from playwright.sync_api import sync_playwright

    from guidedflows.browser.session import find_browser
    from guidedflows.storefront import Storefront

    choice = find_browser()
    port = _free_port()
    with Storefront() as store, sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=choice.path, args=[*choice.launch_args, f"--remote-debugging-port={port}"],
            headless=True, viewport={"width": 1280, "height": 800},
        )
        page = context.pages[0] if context.pages else context.new_page()
        cdp = f"http://127.0.0.1:{port}"
        counts = {}
        for mode in ("check", "guide"):
            _fresh(context, page, store.url)
            outcome = {}
            guide = threading.Thread(target=_run, args=(mode, cdp, store.url, outcome))
            guide.start()
            if mode == "guide":
                _play(context, outcome)
            guide.join()
            if "error" in outcome:
                raise outcome["error"]
            counts[mode] = outcome
        context.close()
    _print(counts)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh(context, page, url: str) -> None:
    """The person's tab back on a blank page, and the store's saved state (cookies banner, cart) forgotten."""
    page.goto("about:blank")
    session = context.new_cdp_session(page)
    session.send("Storage.clearDataForOrigin", {"origin": url.rstrip("/"), "storageTypes": "all"})
    session.detach()
    context.clear_cookies()


def _run(mode: str, cdp: str, base_url: str, outcome: dict) -> None:
    """The guide (or check) in this thread, on its own Playwright connection; its protocol calls counted per step."""
    from guidedflows.flow.loader import load_flow
    from guidedflows.run.events import StepFinished, StepStarted
    from guidedflows.run.runner import RunSettings, run_in_session

    me = threading.get_ident()
    counter = ProtocolCalls(only_thread=me)
    counter.log = [] if os.environ.get("B5_LOG") else None
    opened, per_step, seconds = {}, {}, {}

    def listen(event) -> None:
        if isinstance(event, StepStarted):
            opened[event.number] = (counter.mark(), common.now())
            if counter.log is not None:
                counter.log.append(f"--- {mode} step {event.number}")
        elif isinstance(event, StepFinished):
            calls, started = opened[event.result.number]
            per_step[int(event.result.number)] = counter.mark() - calls
            seconds[int(event.result.number)] = common.now() - started

    try:
        with counter.installed():
            settings = RunSettings(base_url=base_url, cdp=cdp, headless=True, listeners=[listen])
            start = counter.mark()
            [result] = run_in_session([load_flow(FLOW)], settings, mode=mode)
            total = counter.mark() - start
        assert result.status in ("passed", "stopped") and not result.failed_step, result.failure_message()
        outcome.update(steps=per_step, seconds=seconds, total=total)
        if counter.log is not None:
            print("\n".join(counter.log))
    except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
        outcome["error"] = exc


def _play(context, outcome: dict) -> None:
    """The person: at each card, do the step; at the end, press Exit on the card."""
    for number in range(1, 21):
        if number not in PERSON:
            continue
        page = _at(context, f"{number} of 20", "active", outcome)
        if page is None:
            return
        PERSON[number](page)
    page = _at(context, "20 of 20", "finished", outcome)
    if page is not None:
        page.locator("guidedflows-overlay").get_by_role("button", name="Exit", exact=True).click()


def _at(context, progress: str, status: str, outcome: dict):
    condition = (f"() => {{ const g = window.__guidedflows; const s = g && g.state(); "
                 f"return !!s && s.progress === {progress!r} && s.status === {status!r}; }}")
    while "error" not in outcome:
        page = context.pages[-1]
        try:
            page.wait_for_function(condition, timeout=2000)
            return page
        except Exception:  # noqa: BLE001 - not there yet (or the page navigated): look again
            continue
    return None


def _print(counts: dict) -> None:
    print("protocol calls (round trips) per step, the guide's connection only:")
    print("  step  check  guide  extra")
    extras = []
    for number in range(1, 21):
        check, guide = counts["check"]["steps"][number], counts["guide"]["steps"][number]
        extras.append(guide - check)
        acted = "person" if number in PERSON else "expect"
        print(f"  {number:>4}  {check:>5}  {guide:>5}  {guide - check:>+5}   ({acted})")
    print(f"  extra per step: median {statistics.median(extras):+g}, mean {statistics.mean(extras):+.2f}, "
          f"max {max(extras):+d}   (goal ≤ +1)")
    print(f"  in all (with the flow's start and end): check {counts['check']['total']}, guide {counts['guide']['total']}")
    check_s = statistics.median(counts["check"]["seconds"].values())
    guide_s = statistics.median(counts["guide"]["seconds"].values())
    print(f"  median step time: check {check_s * 1000:.0f} ms, guide {guide_s * 1000:.0f} ms "
          "(guide's includes the simulated person noticing the card and acting)")
    print(f"load average at end: {common.load()}")


if __name__ == "__main__":
    main()
