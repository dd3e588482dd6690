"""scripts/soak's copies of the shipped flows load as the originals do: each pass's folder has the partials `use`
needs and the folders beside the flows (the file open-a-dispute's `upload` attaches). Once broken unseen: the soak
is run on demand, not by the suite, and stopped at `validate`'s "there is no file … beside this flow"."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

from guidedflows.flow.loader import load_flows
from helpers import SHIPPED_FLOWS

SOAK = Path(__file__).resolve().parents[2] / "scripts" / "soak"


def soak_module():
    loader = importlib.machinery.SourceFileLoader("soak", str(SOAK))
    spec = importlib.util.spec_from_loader("soak", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_every_pass_copy_loads_like_the_shipped_flows(tmp_path):
    files = soak_module().copies(SHIPPED_FLOWS, 2, tmp_path)
    shipped = sorted(p.name for p in SHIPPED_FLOWS.glob("*.yaml") if not p.name.startswith("_"))
    assert sorted(f.name for f in files) == sorted(f"p{n:02d}-{name}" for n in (1, 2) for name in shipped)
    flows = load_flows(files)
    assert len(flows) == len(files)
    assert {step.action for flow in flows for step in flow.steps} >= {"upload", "use"}
