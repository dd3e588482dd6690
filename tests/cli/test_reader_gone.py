"""`guidedflows validate … | head -1`: when what reads the output goes away, the command stops quietly with the
exit status of a command stopped by SIGPIPE, not an `internal error: BrokenPipeError`."""

from __future__ import annotations

import subprocess
import sys

FLOW = 'flow: Flow {n}\nsteps:\n  - click: {{css: "#save-{n}"}}\n'


def test_a_reader_that_goes_away_stops_the_command_quietly(tmp_path):
    for n in range(400):  # some 300 kB of warnings: more than a pipe holds
        (tmp_path / f"flow-{n:03d}.yaml").write_text(FLOW.format(n=n))
    command = subprocess.Popen(
        [sys.executable, "-m", "guidedflows", "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert command.stdout is not None and command.stderr is not None
    first = command.stdout.readline()
    command.stdout.close()
    errors = command.stderr.read()
    # 141 (128 + SIGPIPE), as a command stopped by the signal; in about one run in fifty the command's writes all
    # succeed though the reader left after a line (seen in one part and in parts; not understood yet): 0. Never the
    # internal error (1) this was.
    assert command.wait(timeout=60) in (141, 0)
    assert first == b"400 flows valid (400 steps), 800 warnings:\n"
    assert errors == b""

