"""What the report files are written from: the run's start, site and browser, and each flow's final result."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from ..run.events import FAILED, FLAKY, PASSED, FlowFinished, RunStarted


class RunRecord:
    """A listener that keeps the run's facts; the JUnit, JSON and HTML writers read it once the run is over."""

    def __init__(self):
        self.started = datetime.now(timezone.utc)
        self._clock = time.monotonic()
        self.finished_after: float | None = None
        self.base_url: str | None = None
        self.browser: str | None = None
        self.results: list = []

    def __call__(self, event) -> None:
        if isinstance(event, RunStarted):
            self.base_url, self.browser = event.base_url, event.browser
        elif isinstance(event, FlowFinished):
            self.results.append(event.result)
            self.finished_after = time.monotonic() - self._clock

    @property
    def duration(self) -> float:
        return self.finished_after if self.finished_after is not None else time.monotonic() - self._clock

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def status(self) -> str:
        """failed if any flow failed, else flaky if any was, else passed."""
        for worst in (FAILED, FLAKY):
            if self.count(worst):
                return worst
        return PASSED
