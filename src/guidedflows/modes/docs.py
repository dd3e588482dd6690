"""Docs mode: run the flow as check mode does, and photograph each shown step with its target outlined and numbered.

Images are taken just before the action (after it, for `expect`, so the picture shows what to look for), cropped to a
readable band around the target, with animations off, the caret hidden and secret fields masked, so the same flow
against the same site gives the same pictures. Every picture of a how-to has the same size and scale (issue 16): a
band as wide as the viewport and BAND_H high; a popup window, whose viewport is smaller, is drawn as a window (its
edges and a title bar) at the same scale in the middle of a picture of that same size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..run.context import StepContext
from ..run.executor import NEXT, PlannedStep
from ..steps import REGISTRY
from ..steps.expect import Expected
from .stage import Stage

OUTLINE = """async (el, o) => {
  const g = window.__guidedflows;
  el.scrollIntoView({block: "center", inline: "nearest"});
  g.render(null);
  g.spotlight(el, o);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""
SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
# What the outline surrounds: the overlay's measure of what a person sees of the target (top-frame coordinates).
OUTLINED = "() => window.__guidedflows.state().target"
BAND_H = 600  # every picture's height in CSS pixels (or the viewport's, when smaller)
MASK_COLOUR = "#d1d5db"  # a secret field in a picture: a quiet grey block
RING = 10  # the outline's padding and stroke: a target closer than this to a picture's edge has its outline cut
WINDOW_BAR = 30  # a popup's title bar, drawn above its page
WINDOW_MARGIN = 24  # at least this much backdrop around a popup window


@dataclass
class Shot:
    """One shown step's picture and words."""

    planned: PlannedStep
    number: int
    image: Path
    alt: str
    box: dict | None = None  # the target's box in the image, in CSS pixels (multiply by the scale for image pixels)


@dataclass
class DocsMode:
    images_dir: Path
    theme: str = "light"
    shots: list[Shot] = field(default_factory=list)
    stage: Stage = field(default_factory=Stage)
    name: str = "docs"
    carry_on_after_failure: bool = False
    answer_dialogs: bool = True
    exclude_overlay: bool = True
    note: str | None = None

    def flow_started(self, ctx: StepContext) -> None:
        self.viewport = ctx.page.viewport_size  # a page with another viewport is a popup window
        self.stage.page_source = lambda: ctx.page
        self.stage.install(ctx.page.context)
        self.images_dir.mkdir(parents=True, exist_ok=True)

    def flow_finished(self, ctx: StepContext, result) -> None:
        pass

    def do(self, ctx: StepContext, planned: PlannedStep) -> str:
        if planned.hidden:
            ctx.act(planned)
            return NEXT
        number = len(self.shots) + 1  # steps skipped (a `when:` not met) leave no gap in the guide's numbers
        image = self.images_dir / f"step-{number:02d}.png"
        step = planned.step
        before = not REGISTRY[step.action].photographed_after
        box = self._photograph(ctx, planned, number, image) if before else None
        ctx.act(planned)
        if not before:
            box = self._photograph(ctx, planned, number, image)
        self.shots.append(Shot(planned, number, image, ctx.flow.redact(step.describe()), box))
        return NEXT

    def _photograph(self, ctx: StepContext, planned: PlannedStep, number: int, image: Path) -> dict | None:
        """Save the picture; return where the target's box is in it (None without a target)."""
        step = planned.step
        target = step.target
        page = ctx.page
        clip = box = None
        gone = isinstance(step.payload, Expected) and step.payload.gone
        if target is not None and target.kind != "page" and not gone:
            found = ctx.locate(target, ctx.timeout_for(step))
            outline = {"style": "docs", "number": number, "padding": 6, "theme": self.theme}
            found.locator.evaluate(OUTLINE, outline)
            box = page.evaluate(OUTLINED) or found.locator.bounding_box()
        else:
            page.evaluate(SETTLE)
        viewport = page.viewport_size or self.viewport
        popup = bool(self.viewport and viewport and viewport != self.viewport)
        size = _picture_size(self.viewport or viewport)
        room = {"width": size["width"] - 2 * WINDOW_MARGIN, "height": size["height"] - 2 * WINDOW_MARGIN - WINDOW_BAR}
        clip = _band(box, viewport, room if popup else size)
        if box and _too_big(box, clip):  # taller (or wider) than the picture: outline the part in it
            found.locator.evaluate(OUTLINE, {**outline, "clip": _inset(clip, RING)})
            box = page.evaluate(OUTLINED) or box
        masks = ctx.secret_locators(page)
        shot = page.screenshot(clip=clip, animations="disabled", caret="hide", mask=masks, mask_color=MASK_COLOUR, scale="device")
        self.stage.clear()
        offset = {"x": -clip["x"], "y": -clip["y"]}
        if popup:
            window = _as_window(page, shot, clip, size, image)
            offset = {"x": window["x"] - clip["x"], "y": window["y"] + WINDOW_BAR - clip["y"]}
        else:
            image.write_bytes(shot)
        if box is None:
            return None
        return {"x": box["x"] + offset["x"], "y": box["y"] + offset["y"], "width": box["width"], "height": box["height"]}


def _too_big(box: dict, clip: dict) -> bool:
    return box["width"] > clip["width"] - 2 * RING or box["height"] > clip["height"] - 2 * RING


def _inset(clip: dict, margin: float) -> dict:
    return {"x": clip["x"] + margin, "y": clip["y"] + margin, "width": clip["width"] - 2 * margin, "height": clip["height"] - 2 * margin}


def _picture_size(viewport: dict) -> dict:
    """Every picture's size in CSS pixels: the main viewport's width and BAND_H (or less, on a short viewport)."""
    return {"width": viewport["width"], "height": min(viewport["height"], BAND_H)}


def _band(box: dict | None, viewport: dict, size: dict) -> dict:
    """The part of the viewport to photograph: `size` (or the viewport, when smaller), centred on the target where
    the viewport allows; the top left without a target. People recognise a page by its width: a band is full width
    whenever it can be."""
    width, height = min(size["width"], viewport["width"]), min(size["height"], viewport["height"])
    x = y = 0.0
    if box:
        x = min(max(0, box["x"] + box["width"] / 2 - width / 2), viewport["width"] - width)
        y = min(max(0, box["y"] + box["height"] / 2 - height / 2), viewport["height"] - height)
    return {"x": round(x), "y": round(y), "width": width, "height": height}


def _as_window(page, shot: bytes, clip: dict, size: dict, image: Path) -> dict:
    """Draw a popup's picture as a window (edges, title bar) in the middle of a picture of `size`, at the same scale;
    save it; return where the window's top left is. Drawn by the browser in a context of its own, so the flow's
    context sees no new page."""
    import base64
    from importlib import resources

    browser = page.context.browser
    scale = page.evaluate("() => window.devicePixelRatio")
    window = {"x": round((size["width"] - clip["width"]) / 2), "y": round((size["height"] - clip["height"] - WINDOW_BAR) / 2)}
    if browser is None:  # a persistent context (no browser object to open another in): the popup as it is
        image.write_bytes(shot)
        return {"x": 0, "y": -WINDOW_BAR}
    context = browser.new_context(viewport=size, device_scale_factor=scale)
    try:
        drawer = context.new_page()
        drawer.set_content((resources.files("guidedflows") / "templates" / "popup-window.html").read_text("utf-8"))
        drawer.evaluate(
            "(a) => window.drawWindow(a)",
            {"src": "data:image/png;base64," + base64.b64encode(shot).decode(), "title": page.title(), **window,
             "width": clip["width"], "height": clip["height"], "bar": WINDOW_BAR},
        )
        drawer.screenshot(path=str(image), animations="disabled", scale="device")
    finally:
        context.close()
    return window
