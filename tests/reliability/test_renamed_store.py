"""R11 robustness: every shipped flow (helpers.shipped_flows: five in the suite, every one with
scripts/every-shipped-flow) whose targets are what a person sees (a human string, a role, a label) or test
ids passes unchanged against a copy of the store whose classes and ids are all renamed and whose elements sit inside
extra wrappers (renamed_store.py)."""

from __future__ import annotations

import pytest

from helpers import shipped_flows
from guidedflows.flow.loader import load_flows
from guidedflows.steps.notes import Used
from guidedflows.storefront import Storefront
from renamed_store import write_renamed_store
from scale.scalekit import run

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)

PERSON_TARGETS = {"human", "role", "label", "testid", "page"}


@pytest.fixture(scope="module")
def renamed_store(tmp_path_factory):
    with Storefront(root=write_renamed_store(tmp_path_factory.mktemp("renamed") / "store")) as store:
        yield store.url


def target_kinds(target) -> set[str]:
    if target is None:
        return set()
    return {target.kind} | target_kinds(target.within) | target_kinds(target.frame)


def kinds(flow) -> set[str]:
    found = set()
    for step in (*flow.setup, *flow.steps):
        found |= kinds(step.payload.flow) if isinstance(step.payload, Used) else set()
        found |= target_kinds(step.target)
    return found


def person_flows():
    """The shipped flows (helpers.shipped_flows) whose targets are what a person sees, or test ids."""
    return [flow for flow in load_flows(shipped_flows()) if kinds(flow) <= PERSON_TARGETS]


RENAMED = """() => {
  const all = [...document.querySelectorAll("*")];
  return {
    classes: [...new Set(all.flatMap((el) => [...el.classList]).filter((name) => !name.startsWith("r-")))],
    ids: all.map((el) => el.id).filter((id) => id && !id.startsWith("r-")),
    wrappers: all.filter((el) => el.className === "r-parw").length,
    testids: all.map((el) => el.dataset.testid).filter(Boolean),
  };
}"""


# The store's late content (storefront.md: My Orders and tracking show a loading state first, with no request
# behind it, so "networkidle" does not wait for it): done when no "…-loading" status is left.
SETTLED = "() => document.readyState === 'complete' && !document.querySelector('[data-testid$=\"-loading\"]')"


def settled(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED)
    return page.evaluate(RENAMED)


@pytest.mark.parametrize("path", ["index.html", "orders.html", "wallet.html", "alipay-card-form.html"])
def test_the_copy_renames_every_class_and_id_and_wraps_the_elements(renamed_store, storefront, page, path):
    before = settled(page, storefront + path)
    after = settled(page, renamed_store + path)
    assert before["classes"] and after["classes"] == [] and after["ids"] == []
    assert after["wrappers"] > 5
    assert sorted(after["testids"]) == sorted(before["testids"])  # what flows may rely on is the same


def test_every_flow_with_person_targets_passes_unchanged(renamed_store, tmp_path):
    flows = person_flows()
    assert len(flows) == len(shipped_flows())  # every shipped flow today
    code, printed = run(["check", *(flow.path for flow in flows), "--base-url", renamed_store, "--workers", "2",
                         "--output", str(tmp_path / "out")])
    print(printed)
    assert code == 0, printed
    assert f"{len(flows)} flows: {len(flows)} passed, 0 failed" in printed
