"""B7: plain words vs explicit locators vs hand-written Playwright, step by step, on real applications (issue 13).

The corpus's applications (tests/realworld/apps.py: Django's admin, Datasette, a MkDocs Material site) are started on
loopback. Each scenario below is a few steps from a start page, written three ways side by side:

  (a) plain    a flow with the words a person reads (`fill: Username`, `click: Log in`)
  (b) explicit the same flow with explicit targets (`{label: "Username:"}`, `{role: button, name: Log in}`)
  (c) script   hand-written Playwright, what a Playwright user writes for the same step

Each run is a fresh context (signed in to Django by a saved storage state where the scenario needs it); after a
warm-up the three are interleaved in rotating order. Per step it prints the median time of each and the ratios a/c and
b/c (the median of the per-round ratios, with their quartiles; goal issue 13: ≤ 1.05×). A variant that fails a
scenario today is run once, its failure reported (step, time to fail, the error), and left out of the later rounds:
the benchmark runs to the end whatever the engine does.

    .venv/bin/python benchmarks/b7_plain_words.py [--rounds 7] [--warmup 1] [--timeout 10]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import common
from common import ratio

sys.path.insert(0, str(common.ROOT / "tests"))  # tests/realworld/apps.py and tests/helpers.py

from playwright.sync_api import expect  # noqa: E402

ADMIN_PASSWORD = "Admin-pass-2026"  # tests/realworld/django_site/serve.py


@dataclass
class Step:
    plain: dict
    explicit: dict
    script: object  # page -> None


@dataclass
class Scenario:
    app: str
    name: str
    start: str
    steps: list[Step]
    signed_in: bool = False  # Django: start with the admin's session cookie
    times: dict = field(default_factory=dict)  # variant -> list of per-step lists (one per measured round)
    failures: dict = field(default_factory=dict)  # variant -> message


def s(plain, explicit, script) -> Step:
    return Step(plain, explicit, script)


def scenarios() -> list[Scenario]:
    return [
        # Django's admin
        Scenario("django", "sign in", "/admin/login/", [
            s({"fill": "Username", "value": "admin"}, {"fill": {"label": "Username:"}, "value": "admin"},
              lambda p: p.get_by_label("Username").fill("admin")),
            s({"fill": "Password", "value": ADMIN_PASSWORD}, {"fill": {"label": "Password:"}, "value": ADMIN_PASSWORD},
              lambda p: p.get_by_label("Password").fill(ADMIN_PASSWORD)),
            s({"click": "Log in"}, {"click": {"role": "button", "name": "Log in"}},
              lambda p: p.get_by_role("button", name="Log in").click()),
            s({"expect": "Site administration"}, {"expect": {"role": "heading", "name": "Site administration"}},
              lambda p: expect(p.get_by_role("heading", name="Site administration")).to_be_visible()),
        ]),
        Scenario("django", "search users", "/admin/auth/user/", signed_in=True, steps=[
            s({"fill": "Search", "value": "Brown"}, {"fill": {"role": "textbox", "name": "Search"}, "value": "Brown"},
              lambda p: p.get_by_role("textbox", name="Search").fill("Brown")),
            s({"click": "Search"}, {"click": {"role": "button", "name": "Search"}},
              lambda p: p.get_by_role("button", name="Search").click()),
            s({"expect": "1 result"}, {"expect": {"text": "1 result (6 total)"}},
              lambda p: expect(p.get_by_text("1 result")).to_be_visible()),
            s({"click": "bob"}, {"click": {"role": "link", "name": "bob"}},
              lambda p: p.get_by_role("link", name="bob", exact=True).click()),
            s({"expect": "Change user"}, {"expect": {"role": "heading", "name": "Change user"}},
              lambda p: expect(p.get_by_role("heading", name="Change user")).to_be_visible()),
        ]),
        Scenario("django", "filter by group", "/admin/auth/user/", signed_in=True, steps=[
            s({"click": "Editors"}, {"click": {"role": "link", "name": "Editors"}},
              lambda p: p.get_by_role("link", name="Editors").click()),
            s({"expect": "dave@example.com"}, {"expect": {"role": "cell", "name": "dave@example.com"}},
              lambda p: expect(p.get_by_role("cell", name="dave@example.com")).to_be_visible()),
        ]),
        Scenario("django", "staff and group (not saved)", "/admin/auth/user/4/change/", signed_in=True, steps=[
            s({"check": "Staff status"}, {"check": {"label": "Staff status"}},
              lambda p: p.get_by_label("Staff status").check()),
            s({"click": "Editors"}, {"click": {"role": "option", "name": "Editors"}},
              lambda p: p.get_by_role("option", name="Editors").click()),
            s({"click": "Choose selected groups"}, {"click": {"role": "button", "name": "Choose selected groups"}},
              lambda p: p.get_by_role("button", name="Choose selected groups").click()),
        ]),
        # Datasette
        Scenario("datasette", "open a table", "/", [
            s({"click": "library"}, {"click": {"role": "link", "name": "library"}},
              lambda p: p.get_by_role("link", name="library", exact=True).click()),
            s({"click": "books"}, {"click": {"role": "link", "name": "books"}},
              lambda p: p.get_by_role("link", name="books", exact=True).click()),
            s({"expect": "15 rows"}, {"expect": {"role": "heading", "name": "15 rows"}},
              lambda p: expect(p.get_by_role("heading", name="15 rows")).to_be_visible()),
        ]),
        Scenario("datasette", "filter rows", "/library/books", [
            s({"select": "- column -", "value": "genre"}, {"select": {"role": "combobox", "nth": 0}, "value": "genre"},
              lambda p: p.get_by_role("combobox").first.select_option("genre")),
            s({"fill": {"role": "textbox"}, "value": "Fantasy"}, {"fill": {"role": "textbox"}, "value": "Fantasy"},
              lambda p: p.get_by_role("textbox").fill("Fantasy")),
            s({"click": "Apply"}, {"click": {"role": "button", "name": "Apply"}},
              lambda p: p.get_by_role("button", name="Apply").click()),
            s({"expect": '2 rows where genre = "Fantasy"'},
              {"expect": {"role": "heading", "name": '2 rows where genre = "Fantasy" sorted by id'}},
              lambda p: expect(p.get_by_role("heading", name='2 rows where genre = "Fantasy"')).to_be_visible()),
        ]),
        Scenario("datasette", "sort by a column", "/library/books", [
            s({"click": {"role": "link", "name": "year", "within": {"role": "columnheader"}}},
              {"click": {"role": "link", "name": "year", "within": {"role": "columnheader"}}},
              lambda p: p.get_by_role("columnheader").get_by_role("link", name="year", exact=True).click()),
            s({"expect": "15 rows sorted by year"}, {"expect": {"role": "heading", "name": "15 rows sorted by year"}},
              lambda p: expect(p.get_by_role("heading", name="15 rows sorted by year")).to_be_visible()),
        ]),
        Scenario("datasette", "saved query", "/library/books_in_genre", [
            s({"fill": "genre", "value": "Romance"}, {"fill": {"label": "genre"}, "value": "Romance"},
              lambda p: p.get_by_label("genre").fill("Romance")),
            s({"click": "Run SQL"}, {"click": {"role": "button", "name": "Run SQL"}},
              lambda p: p.get_by_role("button", name="Run SQL").click()),
            s({"expect": "Emma"}, {"expect": {"role": "cell", "name": "Emma"}},
              lambda p: expect(p.get_by_role("cell", name="Emma", exact=True)).to_be_visible()),
        ]),
        Scenario("datasette", "view a row", "/library/books", [
            s({"click": "9"}, {"click": {"role": "link", "name": "9"}},
              lambda p: p.get_by_role("link", name="9", exact=True).click()),
            s({"expect": "books: 9"}, {"expect": {"role": "heading", "name": "books: 9"}},
              lambda p: expect(p.get_by_role("heading", name="books: 9")).to_be_visible()),
        ]),
        # MkDocs Material
        Scenario("mkdocs", "page from the nav", "/", [
            s({"click": "Guides"}, {"click": {"role": "link", "name": "Guides"}},
              lambda p: p.get_by_role("link", name="Guides", exact=True).click()),
            s({"click": "Syncing notes"}, {"click": {"role": "link", "name": "Syncing notes"}},
              lambda p: p.get_by_role("link", name="Syncing notes").click()),
            s({"expect": "Pebble syncs a notebook through any folder your computers share"},
              {"expect": {"text": "Pebble syncs a notebook through any folder your computers share: a network drive, "
                                  "Syncthing or a cloud drive."}},
              lambda p: expect(p.get_by_text("Pebble syncs a notebook through any folder your computers share"))
              .to_be_visible()),
        ]),
        Scenario("mkdocs", "content tab", "/getting-started/installation/", [
            s({"click": "Homebrew"}, {"click": {"text": "Homebrew"}},
              lambda p: p.get_by_text("Homebrew", exact=True).click()),
            s({"expect": "brew install pebble-notes"}, {"expect": {"text": "brew install pebble-notes"}},
              lambda p: expect(p.get_by_text("brew install pebble-notes")).to_be_visible()),
        ]),
        Scenario("mkdocs", "table of contents", "/guides/configuration/", [
            s({"click": "Sync interval"}, {"click": {"role": "link", "name": "Sync interval"}},
              lambda p: p.get_by_role("link", name="Sync interval").click()),
            s({"expect": "Do not set the interval below 1"}, {"expect": {"text": "Do not set the interval below 1"}},
              lambda p: expect(p.get_by_text("Do not set the interval below 1")).to_be_visible()),
        ]),
        Scenario("mkdocs", "collapsed note", "/guides/syncing/", [
            s({"click": "What happens when two computers change the same note?"},
              {"click": {"text": "What happens when two computers change the same note?"}},
              lambda p: p.get_by_text("What happens when two computers change the same note?").click()),
            s({"expect": "Pebble keeps both versions"},
              {"expect": {"text": 'Pebble keeps both versions and adds a note named "Conflict" that links to each of '
                                  "them."}},
              lambda p: expect(p.get_by_text("Pebble keeps both versions")).to_be_visible()),
        ]),
        Scenario("mkdocs", "dark mode", "/", [
            s({"click": "Switch to dark mode"}, {"click": {"title": "Switch to dark mode"}},
              lambda p: p.get_by_title("Switch to dark mode").click()),
            s({"expect": "Switch to light mode"}, {"expect": {"title": "Switch to light mode"}},
              lambda p: expect(p.get_by_title("Switch to light mode")).to_be_visible()),
        ]),
    ]


VARIANTS = ("plain", "explicit", "script")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per step for the flows and the script")
    args = parser.parse_args()
    common.header("B7 · plain words vs explicit locators vs hand-written Playwright, per step, on real applications")

    import yaml
    from guidedflows.browser.session import BrowserSession
    from guidedflows.flow.loader import load_flow
    from guidedflows.modes.check import CheckMode
    from guidedflows.run.events import StepFinished, StepStarted
    from guidedflows.run.executor import RunOptions
    from guidedflows.run.runner import execute
    from realworld.apps import APPS, STARTUP_SECONDS

    plan = scenarios()
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="b7-")))
        urls = {name: stack.enter_context(app()) for name, app in APPS.items() if name in {s.app for s in plan}}
        print("apps started in: " + ", ".join(f"{name} {STARTUP_SECONDS[name]:.2f} s" for name in urls))
        session = stack.enter_context(BrowserSession())
        signed_in = _sign_in(session, urls["django"], folder / "django-state.json")

        flows = {}
        for number, scenario in enumerate(plan):
            for variant in ("plain", "explicit"):
                text = {"flow": f"{scenario.app}: {scenario.name} ({variant})", "start": scenario.start,
                        "steps": [getattr(step, variant) for step in scenario.steps]}
                path = folder / f"s{number}-{variant}.yaml"
                path.write_text(yaml.safe_dump(text, sort_keys=False, allow_unicode=True), encoding="utf-8")
                flows[number, variant] = load_flow(path)

        def run(number: int, scenario: Scenario, variant: str) -> tuple[list[float], str | None]:
            """One run in a fresh context: the per-step times, and the failure (None when it passed)."""
            options = {"storage_state": str(signed_in)} if scenario.signed_in else {}
            base = urls[scenario.app]
            with session.page(**options) as page:
                page.set_default_timeout(args.timeout * 1000)
                if variant == "script":
                    return _script(page, base, scenario)
                marks, spans = {}, []

                def listen(event):
                    if isinstance(event, StepStarted):
                        marks[event.number] = time.perf_counter()
                    elif isinstance(event, StepFinished):
                        spans.append(time.perf_counter() - marks[event.result.number])

                result = execute(flows[number, variant], page, RunOptions(base, args.timeout, folder / "out"),
                                 CheckMode(), [listen])
                return spans, None if result.passed else result.failure_message()

        for round_number in range(args.warmup + args.rounds):
            for number, scenario in enumerate(plan):
                shift = (round_number + number) % len(VARIANTS)
                for variant in VARIANTS[shift:] + VARIANTS[:shift]:
                    if variant in scenario.failures:
                        continue
                    spans, failure = run(number, scenario, variant)
                    if failure is not None:
                        scenario.failures[variant] = f"{failure}  [failed after {sum(spans):.2f} s]"
                    elif round_number >= args.warmup:
                        scenario.times.setdefault(variant, []).append(spans)
            print(f"  round {round_number + 1}/{args.warmup + args.rounds} done"
                  f"{' (warm-up)' if round_number < args.warmup else ''}", flush=True)
    _print(plan, args.rounds)


def _sign_in(session, django_url: str, state: Path) -> Path:
    """Sign in to Django's admin once and keep the session cookie for the scenarios that start signed in."""
    with session.page() as page:
        page.goto(django_url + "/admin/login/")
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill(ADMIN_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
        page.context.storage_state(path=str(state))
    return state


def _script(page, base: str, scenario: Scenario) -> tuple[list[float], str | None]:
    spans = []
    page.goto(base + scenario.start)
    for index, step in enumerate(scenario.steps, 1):
        started = time.perf_counter()
        try:
            step.script(page)
        except Exception as exc:  # noqa: BLE001 - reported, like a failing flow
            spans.append(time.perf_counter() - started)
            return spans, f"step {index} failed: {str(exc).splitlines()[0]}"
        spans.append(time.perf_counter() - started)
    return spans, None


def _describe(target) -> str:
    action = next(iter(target))
    value = target[action]
    return f"{action}: {value}" if isinstance(value, str) else f"{action}: {_flow(value)}"


def _flow(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False).replace('"', "")


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f}" if values else "      –"


def _print(plan: list[Scenario], rounds: int) -> None:
    print()
    print(f"per step, median ms over {rounds} interleaved rounds (fresh context per run); ratios: median of the per-round "
          "ratios [p25–p75]")
    print(f"{'step (plain words)':<62} {'plain':>7} {'explicit':>8} {'script':>7}   {'plain/script':<24} explicit/script")
    totals = {variant: [] for variant in VARIANTS}
    for scenario in plan:
        print(f"{scenario.app} · {scenario.name}  (start {scenario.start})")
        for index, step in enumerate(scenario.steps):
            column = {variant: [run[index] for run in scenario.times.get(variant, [])] for variant in VARIANTS}
            cells = [_ms(column[variant]) for variant in VARIANTS]
            ratios = [ratio(column[v], column["script"]) if column[v] and column["script"] else "–"
                      for v in ("plain", "explicit")]
            name = _describe(step.plain)
            name = name if len(name) <= 60 else name[:57] + "…"
            print(f"  {name:<60} {cells[0]:>7} {cells[1]:>8} {cells[2]:>7}   {ratios[0]:<24} {ratios[1]}")
        for variant in VARIANTS:
            runs = scenario.times.get(variant)
            if runs and all(scenario.times.get(v) for v in VARIANTS):
                totals[variant].extend(sum(run) for run in runs)
        for variant, message in scenario.failures.items():
            print(f"  ✗ {variant} FAILS today: {message}")
    print()
    complete = [s for s in plan if all(s.times.get(v) for v in VARIANTS)]
    print(f"scenarios where all three ran: {len(complete)} of {len(plan)}; summed step time per scenario run, median:")
    for variant in VARIANTS:
        print(f"  {variant:<9} {_ms(totals[variant])} ms")
    if totals["script"]:
        print(f"  plain / script:    {ratio(totals['plain'], totals['script'])}   (goal ≤ 1.05×)")
        print(f"  explicit / script: {ratio(totals['explicit'], totals['script'])}")
    failed = sum(1 for s in plan for _ in s.failures)
    print(f"failing (scenario, variant) pairs today: {failed}; every one is listed above with its error")
    print(f"load average at end: {common.load()}")


if __name__ == "__main__":
    main()
