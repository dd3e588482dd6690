from __future__ import annotations

from pathlib import Path

import pytest

from scalekit import four_flows


@pytest.fixture
def flows(tmp_path) -> Path:
    """Four flows on the test pages: a, b and d pass, c fails."""
    return four_flows(tmp_path / "flows")
