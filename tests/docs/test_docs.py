"""Docs mode end to end: run flows against the test site, write the guides, look at them in a real browser."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from helpers import run_cli, write_flow

FLOW = """
flow: Press the button
description: A *small* guide to pressing the button.
tags: [demo]
params:
  card: {default: "4111 1111 1111 1111", secret: true}
steps:
  - fill: Email
    value: ada@example.com
    say: Type your **email**.
  - fill: {placeholder: Search the shop}
    value: ${card}
    say: Type the card number.
  - click: Press me
    say: Press **Press me**.
  - expect: {testid: log}
    text: clicked
    say: The page says it was clicked.
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory, site):
    """One docs run shared by the tests that only read its output."""
    folder = tmp_path_factory.mktemp("docs")
    flow = write_flow(folder, FLOW, "press.yaml")
    out = folder / "out"
    code = run_cli(["docs", str(flow), "--out", str(out), "--base-url", site, "--output", str(folder / "results")])
    return code, out


@pytest.mark.browser
def test_one_page_per_flow_one_image_per_shown_step(docs):
    code, out = docs
    assert code == 0
    images = sorted(p.name for p in (out / "press").glob("*.png"))
    assert images == ["step-01.png", "step-02.png", "step-03.png", "step-04.png"]
    markdown = (out / "press.md").read_text()
    assert markdown.startswith("# Press the button\n\nA *small* guide to pressing the button.\n")
    assert "## Step 3\n\nPress **Press me**.\n\n![Click \"Press me\".](press/step-03.png)" in markdown
    assert "Verified against http://127.0.0.1:" in markdown and "by guidedflows" in markdown
    index = (out / "index.md").read_text()
    assert "[Press the button](press.md)" in index


def test_secret_appears_in_no_output_file(docs):
    _, out = docs
    secret = "4111 1111 1111 1111"
    needles = [secret, secret.replace(" ", ""), base64.b64encode(secret.encode()).decode()]
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, path


def test_html_opens_from_disk_with_every_image_and_the_outline_where_the_target_was(docs, page):
    _, out = docs
    page.goto((out / "press.html").as_uri())
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Press the button"
    images = page.locator("figure img")
    assert images.count() == 4
    assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert images.nth(2).get_attribute("alt") == 'Click "Press me".'


COLOUR_AT = """async ([src, x, y]) => {
    const img = new Image(); img.src = src; await img.decode();
    const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    return [...g.getImageData(x, y, 1, 1).data];
}"""


def colour_at(page, png: Path, x: float, y: float) -> tuple[int, int, int]:
    src = "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode()
    r, g, b, _ = page.evaluate(COLOUR_AT, [src, round(x), round(y)])
    return r, g, b


@pytest.mark.parametrize(
    "theme, colour",
    [("light", lambda r, g, b: b > 180 and r < 130 and g < 120), ("dark", lambda r, g, b: r > 200 and g > 150 and b < 120)],
)
def test_outline_pixels_sit_on_the_target_box(tmp_path, site, page, theme, colour):
    from guidedflows.flow.loader import load_flow
    from guidedflows.modes.docs import DocsMode
    from guidedflows.run.executor import RunOptions
    from guidedflows.run.runner import execute

    flow = load_flow(write_flow(tmp_path, "flow: one\nsteps:\n  - click: Press me\n"))
    mode = DocsMode(images_dir=tmp_path / "img", theme=theme)
    result = execute(flow, page, RunOptions(site, 5.0, tmp_path / "r"), mode)
    assert result.passed
    [shot] = mode.shots
    box, scale = shot.box, 1  # the test page's context has device scale 1
    page.goto("about:blank")
    middle_y = (box["y"] + box["height"] / 2) * scale
    # The ring sits in the padding just outside the box (6 CSS px), on the left and right edges.
    for x in (box["x"] - 4, box["x"] + box["width"] + 4):
        assert colour(*colour_at(page, shot.image, x * scale, middle_y)), x
    # Inside the box the button itself shows, not the ring.
    assert not colour(*colour_at(page, shot.image, (box["x"] + box["width"] / 2) * scale, middle_y))


@pytest.mark.browser
def test_two_runs_give_identical_markdown(tmp_path, site):
    flow = write_flow(tmp_path, FLOW, "press.yaml")
    texts = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        assert run_cli(["docs", str(flow), "--out", str(out), "--base-url", site, "--format", "md", "--output", str(tmp_path / "r")]) == 0
        texts.append((out / "press.md").read_bytes())
        assert not (out / "press.html").exists()
    assert texts[0] == texts[1]


@pytest.mark.browser
def test_a_target_that_disappeared_fails_the_docs_with_its_line(tmp_path, site, capsys):
    flow = write_flow(tmp_path, "flow: gone\nsteps:\n  - click: Press me\n  - click: Vanished button\n    timeout: 500ms\n", "gone.yaml")
    out = tmp_path / "out"
    (out / "gone").mkdir(parents=True)
    (out / "gone.md").write_text("an old page")
    assert run_cli(["docs", str(flow), "--out", str(out), "--base-url", site, "--output", str(tmp_path / "r")]) == 1
    printed = capsys.readouterr().out
    assert f"at {flow}:4" in printed
    assert 'could not find "Vanished button"' in printed
    assert not (out / "gone.md").exists() and not (out / "gone").exists()


def test_the_index_tag_chips_are_as_small_as_on_each_page(docs, page):
    _, out = docs
    heights = {}
    for name in ("index.html", "press.html"):
        page.goto((out / name).as_uri())
        heights[name] = page.locator(".tags li").first.bounding_box()["height"]
    assert heights["index.html"] == heights["press.html"] < 30, heights  # issue 16: ~54 px boxes on the index
