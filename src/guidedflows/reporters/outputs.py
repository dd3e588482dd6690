"""What `guidedflows check` writes besides the console: its report options, their listeners, the files at the end.

    --junit FILE   junit.py        --json FILE   json_report.py     --report DIR   html.py
    --retries N / --allow-flaky    attempts.py (via the runner)     --trace MODE   tracing.py (via the runner)
    GITHUB_ACTIONS=true            github.py                        a terminal     progress.py
"""

from __future__ import annotations

import argparse
import os

from ..cli import arguments
from ..flow.printable import quoted
from ..run.tracing import TRACE_MODES

# The listeners are imported when a check runs, not when the parser is built (`guidedflows --help`: issue 8, B3).


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reports")
    group.add_argument("--junit", type=arguments.file, metavar="FILE", help="write JUnit XML: a test case per flow, a line per step")
    group.add_argument("--json", type=arguments.file, metavar="FILE", help="write the results as JSON (schema/results.schema.json)")
    group.add_argument("--report", type=arguments.report_folder, metavar="DIR", help="write a self-contained HTML report, DIR/index.html")
    group.add_argument("--retries", type=_count, default=0, metavar="N", help="run a failed flow again, up to N times")
    group.add_argument("--allow-flaky", action="store_true", help="exit 0 when flows passed only on a retry")
    group.add_argument(
        "--trace", choices=TRACE_MODES, default="off", help="a Playwright trace per flow: OUTPUT/FLOW-ID/trace.zip"
    )


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number of retries (0, 1, 2, ...)")
    return int(text)


class Outputs:
    """The listeners a check run needs (console behind a progress bar, the record, annotations) and its files."""

    def __init__(self, args, console, total: int, environ=None):
        from .github import GitHubAnnotations
        from .progress import Progress
        from .run_record import RunRecord

        environ = os.environ if environ is None else environ
        self.args = args
        self.console = console
        self.record = RunRecord()
        self.listeners = [Progress(console, total), self.record]
        if environ.get("GITHUB_ACTIONS") == "true":
            self.listeners.append(GitHubAnnotations(console.stream))

    def write(self) -> None:
        """Write every file asked for, and say where each went. The paths were checked before the run
        (arguments.py); one that fails all the same (a full disk) does not keep the others from being written."""
        from .html import write_report
        from .json_report import write_json
        from .junit import write_junit

        wanted = [
            (self.args.junit, write_junit, "JUnit XML"),
            (self.args.json, write_json, "JSON results"),
            (self.args.report, write_report, "HTML report"),
        ]
        failures = []
        for path, writer, what in wanted:
            if path is None:
                continue
            try:
                written = writer(self.record, path) or path
            except OSError as exc:
                failures.append(f"cannot write the {what} to {path}: {exc.strerror or exc}")
                continue
            print(f"{what}: {written}", file=self.console.stream, flush=True)
        if failures:
            from ..errors import GuidedflowsError  # here: --help does not pay for it (B3)

            raise GuidedflowsError("; ".join(failures))

    def exit_code(self, results) -> int:
        """1 when a flow failed, or was flaky without --allow-flaky; else 0."""
        from ..run.events import FLAKY, PASSED

        failed = any(result.status not in (PASSED, FLAKY) for result in results)
        flaky = any(result.status == FLAKY for result in results)
        return 1 if failed or (flaky and not self.args.allow_flaky) else 0
