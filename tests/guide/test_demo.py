"""Demo mode performs every step itself, with the card and pointer shown; --video records a playable file."""

from __future__ import annotations

import pytest

from helpers import run_cli, write_flow

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)


def test_demo_with_video_produces_a_playable_file(tmp_path, site, page, capsys):
    flow = write_flow(
        tmp_path,
        """
        flow: Demo
        steps:
          - click: Press me
            say: Press **Press me**.
          - fill: Email
            value: ada@example.com
          - expect: {testid: log}
            text: clicked
        """,
    )
    videos = tmp_path / "videos"
    argv = ["demo", str(flow), "--base-url", site, "--headless", "--pace", "100ms", "--video", str(videos)]
    assert run_cli(argv + ["--output", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    [video] = list(videos.glob("*.webm"))
    assert f"video: {video}" in out
    assert video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # a WebM (EBML) file
    page.goto(video.as_uri())
    page.wait_for_function("() => { const v = document.querySelector('video'); return v && v.readyState >= 1; }")
    assert page.evaluate("() => document.querySelector('video').videoWidth") > 0


def test_demo_fails_like_check_when_a_step_fails(tmp_path, site, capsys):
    flow = write_flow(tmp_path, "flow: Broken demo\nsteps:\n  - click: Nowhere to be seen\n    timeout: 500ms\n")
    code = run_cli(["demo", str(flow), "--base-url", site, "--headless", "--pace", "50ms", "--output", str(tmp_path / "o")])
    assert code == 1
    assert 'could not find "Nowhere to be seen"' in capsys.readouterr().out


def test_demo_pauses_to_read_each_card_and_pace_zero_does_not_pause(tmp_path, site, page, monkeypatch):
    """The pauses demo mode asks the browser for, read as it asks (a stopwatch around the run would measure the
    machine's load too): at a pace, each card stays up for the pace plus its words at WORDS_PER_SECOND, the closing
    "All done" card included; at pace 0, no pause at all."""
    from guidedflows.flow.loader import load_flow
    from guidedflows.modes.demo import WORDS_PER_SECOND, DemoMode
    from guidedflows.run.executor import RunOptions
    from guidedflows.run.runner import execute

    flow = load_flow(write_flow(tmp_path, "flow: Read me\nsteps:\n  - click: Press me\n    say: one two three four\n"))
    pauses: list[float] = []
    wait = page.wait_for_timeout
    monkeypatch.setattr(page, "wait_for_timeout", lambda ms: (pauses.append(ms / 1000), wait(ms))[1])
    took = {}
    for pace in (0.0, 0.3):
        pauses.clear()
        assert execute(flow, page, RunOptions(site, 5.0, tmp_path / "out"), DemoMode(pace=pace)).passed
        took[pace] = list(pauses)
    assert took[0.0] == []
    card, *between, done = took[0.3]
    assert card == pytest.approx(0.3 + 4 / WORDS_PER_SECOND)  # the step's card: the pace, then its four words
    assert done >= 0.3 + 3 / WORDS_PER_SECOND  # the closing "All done" card: at least three words
    assert all(pause >= 0.3 for pause in between)
