"""R6 secrets: a card number, a security code and a password, typed into the storefront as `secret` params, appear in
no file and no output of `check` (console, --json, --junit, --report, --trace on, failure screenshots), `demo --video`
or `docs` — raw, without spaces, or in base64; screenshots and docs images mask the fields; the trace stops before the
first step that types a secret, and says so.

tests/plugin/test_check_reports.py and tests/docs/test_docs.py cover the same on small test pages; this runs the real
store: a password on the sign-in page, and card fields inside the wallet's iframe."""

from __future__ import annotations

import base64
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.modes.docs import DocsMode
from guidedflows.run.events import StepStarted
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from helpers import SHIPPED_FLOWS as FLOWS
from plugin.flowprojects import files_holding, secret_forms
from scale.scalekit import Command

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)

PASSWORD = "hunter2 horse staple"
CARD = "4242 4242 4242 4242"
CODE = "7391"  # four digits: too short to hunt in base64 (any image holds them), so it is looked for as a number
PLAYWRIGHT_MASK = (255, 0, 255)  # Playwright's default mask colour, used by failure screenshots

SIGN_IN = """\
  - use: _open-account-menu
  - click: Sign out
  - expect: You have signed out.
  - fill: Email
    value: ada@example.com
  - fill: Password
    value: ${password}
"""
ADD_CARD = """\
  - click: Sign in
  - use: _open-account-menu
  - click: Manage your cards
  - click: Go to my Alipay
  - click: Click here to add a new card
  - fill: Card number
    value: ${card_number}
  - fill: Name on card
    value: Ada Lovelace
  - select: Expiry month
    value: "12"
  - fill: Security code
    value: ${security_code}
"""
SAVE = """\
  - click: Save card
  - expect: Visa ending in 4242
"""
NEVER = """\
  - expect: Nothing like this
    timeout: 500ms
"""


def flow_text(title: str, *parts: str) -> str:
    head = (f"flow: {title}\nparams:\n  password: {{default: \"{PASSWORD}\", secret: true}}\n"
            f"  card_number: {{default: \"{CARD}\", secret: true}}\n  security_code: {{default: \"{CODE}\", secret: true}}\n"
            "setup:\n  - use: _accept-cookies\nsteps:\n")
    return head + "".join(parts)


def project(folder: Path) -> Path:
    """Three flows: one passes, one fails after the password, one after the card fields."""
    folder.mkdir(parents=True, exist_ok=True)
    for partial in ("_accept-cookies.yaml", "_open-account-menu.yaml"):
        shutil.copy(FLOWS / partial, folder)
    (folder / "secrets.yaml").write_text(flow_text("Sign in and add a card", SIGN_IN, ADD_CARD, SAVE))
    (folder / "secrets-fail-signin.yaml").write_text(flow_text("Fails after the password", SIGN_IN, NEVER))
    (folder / "secrets-fail-card.yaml").write_text(flow_text("Fails after the card", SIGN_IN, ADD_CARD, NEVER))
    return folder


def leaks(text: bytes) -> list[str]:
    found = [form.decode() for secret in (PASSWORD, CARD) for form in secret_forms(secret) if form in text]
    if re.search(rb"(?<![\w.+/=-])" + CODE.encode() + rb"(?![\w.+/])", text):
        found.append(CODE)
    return found


def files_leaking(root: Path) -> list[str]:
    found = files_holding(root, [form for secret in (PASSWORD, CARD) for form in secret_forms(secret)])
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        blobs = [(str(path), path.read_bytes())]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
        found += [where for where, data in blobs if CODE in leaks(data)]
    return found


@pytest.fixture(scope="module")
def runs(tmp_path_factory, storefront):
    root = tmp_path_factory.mktemp("secrets")
    flows = project(root / "flows")
    out = root / "out"
    commands = {  # side by side: each its own browser, folders and storefront session (the cart is per context)
        "check": (1, Command(["check", str(flows), "--base-url", storefront, "--output", str(out / "artifacts"),
                              "--trace", "on", "--json", str(out / "results.json"), "--junit", str(out / "junit.xml"),
                              "--report", str(out / "report")])),
        "demo": (0, Command(["demo", str(flows / "secrets.yaml"), "--base-url", storefront, "--headless", "--pace", "0ms",
                             "--video", str(out / "video"), "--output", str(out / "demo")])),
        "docs": (0, Command(["docs", str(flows / "secrets.yaml"), "--base-url", storefront, "--out", str(out / "docs"),
                             "--scale", "1", "--output", str(out / "docs-artifacts")])),
    }
    printed = {}
    for name, (expected, command) in commands.items():
        code, printed[name] = command.finish()
        assert code == expected, printed[name]
    return {"out": out, "printed": printed}


def test_every_command_wrote_what_was_asked(runs):
    out = runs["out"]
    for expected in ("results.json", "junit.xml", "report/index.html", "docs/secrets.md", "docs/secrets.html"):
        assert (out / expected).is_file(), expected
    assert list((out / "video").glob("*.webm"))
    assert list((out / "artifacts").rglob("failed-step-*.png"))
    assert sorted(p.parent.name for p in (out / "artifacts").rglob("trace.zip")) == [
        "secrets", "secrets-fail-card", "secrets-fail-signin"
    ]


def test_no_secret_in_any_file(runs):
    assert files_leaking(runs["out"]) == []


@pytest.mark.parametrize("command", ["check", "demo", "docs"])
def test_no_secret_in_any_output(runs, command):
    printed = runs["printed"][command]
    assert leaks(printed.encode()) == []
    if command == "check":  # the masked form is what a person sees instead
        assert "••••aple" in printed and "••••4242" in printed


def test_the_trace_stops_before_the_first_secret_and_says_so(runs):
    trace = runs["out"] / "artifacts" / "secrets" / "trace.zip"
    with zipfile.ZipFile(trace) as archive:
        events = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".trace"))
    assert b"trace ends here: step 5 types a secret, and secrets are never recorded" in events
    assert b"Sign in" not in events.split(b"trace ends here")[1]  # nothing after the cut
    assert "secrets: the trace stops before step 5, which types a secret (secrets are never recorded)" in runs["printed"]["check"]


# -- masks, measured on the pixels ----------------------------------------------------------------------------------

COLOUR_AT = """async ([src, x, y]) => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
}"""


def colour_at(page, png: Path, x: float, y: float) -> tuple[int, ...]:
    src = "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode()
    return tuple(page.evaluate(COLOUR_AT, [src, round(x), round(y)]))


def middle(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def card_fields(page):
    form = page.frame_locator("iframe")
    return [form.get_by_label("Card number"), form.get_by_label("Security code")]


@pytest.mark.parametrize("name", ["secrets-fail-signin", "secrets-fail-card"])
def test_a_failure_screenshot_masks_the_secret_fields(name, tmp_path, storefront, context):
    flow = load_flow(project(tmp_path / "flows") / f"{name}.yaml")
    page = context.new_page()
    result = execute(flow, page, RunOptions(storefront, 10.0, tmp_path / "out"), CheckMode())
    [screenshot] = result.failed_step.artifacts
    current = page.context.pages[-1]  # the wallet's tab, for the card
    fields = card_fields(current) if name.endswith("card") else [current.get_by_label("Password")]
    viewer = context.new_page()
    for field in fields:
        assert colour_at(viewer, Path(screenshot), *middle(field.bounding_box())) == PLAYWRIGHT_MASK
    # the other fields are not masked: the mask is where the secrets are, and only there
    name_field = current.frame_locator("iframe").get_by_label("Name on card") if name.endswith("card") else current.get_by_label("Email")
    assert colour_at(viewer, Path(screenshot), *middle(name_field.bounding_box())) != PLAYWRIGHT_MASK


def test_docs_images_mask_the_card_fields(tmp_path, storefront, page):
    flow = load_flow(project(tmp_path / "flows") / "secrets.yaml")
    mode = DocsMode(images_dir=tmp_path / "images")
    # Each picture is a band around its step's target: the field typed just before is in it. Where that field is in
    # the picture follows from its offset to the target, measured as the step starts (the picture scrolls the page,
    # not the form inside it). The picture dims what is not the target, so the mask shows as one even grey, dimmed.
    pairs = {"Name on card": "Card number", "Save card": "Security code"}
    offsets = {}

    def measure(event) -> None:
        target = event.step.target.value if isinstance(event, StepStarted) and event.step.target else None
        if target in pairs:
            form = page.context.pages[-1].frame_locator("iframe")
            here = form.get_by_role("button", name=target) if target == "Save card" else form.get_by_label(target)
            there = form.get_by_label(pairs[target]).bounding_box()
            offsets[target] = (there, middle(here.bounding_box()))

    result = execute(flow, page, RunOptions(storefront, 10.0, tmp_path / "out"), mode, [measure])
    assert result.passed, result.failure_message()
    viewer = page.context.new_page()
    for target, (field, (tx, ty)) in offsets.items():
        shot = next(s for s in mode.shots if s.planned.step.target and s.planned.step.target.value == target)
        x0, y0 = middle(shot.box)
        xs = [field["x"] + field["width"] * (0.1 + 0.8 * i / 19) for i in range(20)]  # across where the digits are
        y = field["y"] + field["height"] / 2
        colours = {colour_at(viewer, shot.image, x0 + x - tx, y0 + y - ty) for x in xs}
        assert len(colours) == 1, (target, pairs[target], colours)
        [(r, g, b)] = colours
        assert r < g < b, colours  # the mask's blue-grey (#d1d5db), not a white field
    assert len(offsets) == 2
