"""The same-element proof (issue 17): check mode's Python engine and the exported tour's JavaScript resolver, asked
about the same target on the same page at the same moment, must pick the same element — or refuse the same way.

`ComparingMode` walks a flow with check mode's own code (it is CheckMode, plus a comparison before each step that
runs), so every later step is compared on the page the earlier steps led to. The element Python picks is marked in
the page (an expando on the very object), and the tour's pick is compared with it by identity in the page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from guidedflows.browser.locate import Ambiguous, NotFound, Resolver
from guidedflows.export.steps import target_data
from guidedflows.modes.check import CheckMode
from guidedflows.steps.expect import Expected

MARK = "(el, token) => { el.__gfSame = token; }"
TOUR_PICKS = """([target, token]) => {
  const r = window.guidedflows.locate(target);
  const el = r.element;
  return {status: r.status, count: r.count || null, same: !!el && el.__gfSame === token,
          picked: el ? `<${el.localName}> ${(el.textContent || el.value || '').trim().slice(0, 60)}` : null};
}"""
TOUR_ABSENT = "t => window.guidedflows.absent(t).length"
_tokens = itertools.count(1)
SEEN: list = []  # every comparison made in this session (or this pytest-xdist worker), for summary_lines()


@dataclass
class Comparison:
    where: str  # flow id and step number, or a case name
    target: str
    python: str  # found / ambiguous / missing / absent:N
    tour: str
    agree: bool
    detail: str = ""


@dataclass
class Record:
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def disagreements(self) -> list[Comparison]:
        return [c for c in self.comparisons if not c.agree]


def summary_lines(seen: list | None = None) -> list[str]:
    """What the test session ends with (tests/conftest.py prints it): how many targets the tour and check mode were
    compared on and how they came out, then each step of a walk both refused (its flow then fails, or the step was
    allowed to). Nothing when no comparison was made."""
    from collections import Counter

    seen = SEEN if seen is None else seen
    if not seen:
        return []
    outcomes = Counter(c.python.split(":")[0] for c in seen)
    flows = {c.where.split(" step ")[0] for c in seen if " step " in c.where}
    disagreeing = sum(not c.agree for c in seen)
    lines = [
        f"tour vs check mode: {len(seen)} targets compared ({', '.join(f'{n} {k}' for k, n in sorted(outcomes.items()))}), "
        f"{len(flows)} flows walked, {disagreeing} disagreement{'s' if disagreeing != 1 else ''}"
    ]
    lines += [f"  both refused: {c.where}: {c.target} ({c.python})"
              for c in seen if " step " in c.where and c.python in ("missing", "ambiguous")]
    return lines


def compare(page, target, where: str, timeout: float = 5.0, resolver: Resolver | None = None, tries: int = 3) -> Comparison:
    """Resolve `target` with check mode's engine (waiting up to `timeout`, as a step would), then ask the tour.

    `page` is a page, or a function giving the current tab (the flow's tab changes when a popup opens or closes).
    A page that re-renders between the two questions (a list redrawn after a save) gives the tour a new element
    with the same words, and a popup may close under the question: either is asked again, and only a disagreement
    that persists counts."""
    resolver = resolver or quiet_resolver()
    current = page if callable(page) else (lambda: page)
    for _ in range(tries):
        try:
            comparison = _compare_once(current, target, where, timeout, resolver)
        except Exception as exc:  # noqa: BLE001 - the tab closed under the question (a popup that saves and closes)
            if "closed" not in str(exc):
                raise
            comparison = Comparison(where, target.spelled(), "?", "?", False, f"the tab closed: {exc}")
            continue
        if comparison.agree:
            break
        timeout = min(timeout, 1.0)
    SEEN.append(comparison)
    return comparison


def _compare_once(current, target, where: str, timeout: float, resolver: Resolver) -> Comparison:
    token = f"same-{next(_tokens)}"
    try:
        found = resolver.resolve(target, current, timeout)
        python = "found"
        found.locator.evaluate(MARK, token)
    except Ambiguous:
        python = "ambiguous"
    except NotFound:
        python = "missing"
    page = current() if python != "found" else found.locator.page
    tour = page.evaluate(TOUR_PICKS, [target_data(target), token])
    agree = tour["status"] == python and (python != "found" or tour["same"])
    detail = "" if agree else f"the tour picked {tour['picked']}" if tour["picked"] else ""
    return Comparison(where, target.spelled(), python, tour["status"], agree, detail)


def compare_absence(page, target, where: str, resolver: Resolver | None = None) -> Comparison:
    """An absence (`visible: false`): both must see the same number of visible elements (0 when the step passes)."""
    resolver = resolver or quiet_resolver()
    python = resolver.absent(target, page).filter(visible=True).count()
    tour = page.evaluate(TOUR_ABSENT, target_data(target))
    comparison = Comparison(where, target.spelled(), f"absent:{python}", f"absent:{tour}", python == tour)
    SEEN.append(comparison)
    return comparison


def quiet_resolver() -> Resolver:
    # Check mode's own Resolver (runner.execute). The tour always leaves its overlay out, as guide mode's Resolver
    # does (exclude_overlay=True); with no card shown during the walk the two agree, and both were compared
    # (0 disagreements either way on 2026-12-01).
    resolver = Resolver()
    resolver.explain = False  # only the answer matters here, not the suggestions
    return resolver


class ComparingMode(CheckMode):
    """Check mode, comparing the tour's pick with check mode's before each step that runs (and is shown)."""

    def __init__(self, record: Record, shown_only: bool = False):
        self.record = record
        self.shown_only = shown_only

    def do(self, ctx, planned):
        step = planned.step
        target = step.target
        if target is not None and target.kind != "page" and not (self.shown_only and planned.hidden):
            where = f"{ctx.flow.id} step {planned.number}"
            expect = step.payload.expect if isinstance(step.payload, Expected) else None
            if expect is not None and step.payload.gone:
                self.record.comparisons.append(compare_absence(ctx.page, target, where))
            elif expect is not None and (expect.count is not None or isinstance(expect.text, tuple)):
                pass  # a count or a list of texts: every match, not one element (compared in test_same_element)
            else:
                self.record.comparisons.append(compare(lambda: ctx.page, target, where, ctx.timeout_for(step)))
        return super().do(ctx, planned)
