"""The shipped flows: one per journey of the spec, each loadable, guided (`say`) and proving its outcome (`expect`).

Running them against the store is `guidedflows check` (no arguments), which CI does; here they are only loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guidedflows.flow.loader import discover, load_flow

FLOWS = Path(__file__).resolve().parents[2] / "flows"

JOURNEYS = [
    "add-a-card", "remove-a-card", "change-the-card", "remove-a-card-in-my-wallet", "payment-settings",
    "cancel-an-order", "request-a-refund", "open-a-dispute", "dispute-window-closed", "report-item-never-arrived",
    "contact-customer-service", "cheapest-seller",
]


def test_every_journey_of_the_spec_has_a_flow():
    shipped = {path.stem for path in discover([FLOWS])}
    assert set(JOURNEYS) <= shipped


@pytest.mark.parametrize("path", discover([FLOWS]), ids=lambda path: path.stem)
def test_flow_loads_guides_and_proves_its_outcome(path):
    flow = load_flow(path)
    assert flow.description and flow.tags
    source = path.read_text(encoding="utf-8")
    assert source.count("say:") >= 3
    assert "- expect:" in source
    assert "use: _accept-cookies" in source


@pytest.mark.parametrize("partial", ["_accept-cookies", "_open-account-menu"])
def test_shared_steps_are_partial_flows(partial):
    flow = load_flow(FLOWS / f"{partial}.yaml")
    assert flow.steps


@pytest.mark.browser
def test_every_shipped_flow_passes_on_the_store(storefront, tmp_path):
    """What the README's main command runs: every shipped flow, in check mode, on the built-in store. (The batteries
    that walk flows one by one walk five of them in the suite: helpers.SOME_SHIPPED.)"""
    from scale.scalekit import run

    flows = discover([FLOWS])
    code, printed = run(["check", str(FLOWS), "--base-url", storefront.url, "--output", str(tmp_path / "out")])
    assert code == 0, printed
    assert f"{len(flows)} flows: {len(flows)} passed, 0 failed" in printed, printed
