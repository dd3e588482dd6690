"""Every default of a run, and the duration syntax, in one place (issue 15): the CLI, the pytest plugin, the Python
API, the loader and the schema read them from here."""

from __future__ import annotations

import re

STEP_TIMEOUT = 10.0  # seconds a step may take (--timeout, guidedflows_timeout, run_flow(timeout=))
NAVIGATION_TIMEOUT = 30.0  # loading a page is slower than finding an element: like Playwright, 30 s unless a step says
OPTIONAL_TIMEOUT = 2.0  # seconds an `optional` step waits for its target
OUTPUT_DIR = "guidedflows-results"  # screenshots, traces and other artifacts (--output)
TEST_ID_ATTRIBUTE = "data-testid"  # what `testid:` targets read

# Durations: 250ms, 2s, 1.5s, 1m (flow-format.md, Durations); a bare number is not one.
DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m)\Z")
DURATION_PATTERN = r"^[0-9]+(\.[0-9]+)?(ms|s|m)$"  # the same, as the JSON Schema writes it
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0}
LONGEST_MS = 2_147_483_647  # the longest timer Node (Playwright's driver) can set: about 24.8 days
