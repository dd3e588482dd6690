"""Docs mode: run the flow as check mode does, and photograph each shown step with its target outlined and numbered.

Images are taken just before the action (after it, for `expect`, so the picture shows what to look for), cropped to a
readable region around the target, with animations off, the caret hidden and secret fields masked, so the same flow
against the same site gives the same pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..executor import NEXT, PlannedStep, Run
from ..steps import REGISTRY
from .stage import Stage

OUTLINE = """async (el, o) => {
  const g = window.__guidedflows;
  el.scrollIntoView({block: "center", inline: "nearest"});
  g.render(null);
  g.spotlight(el, o);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""
SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
MARGIN_Y = 160  # above and below the target, so the reader sees where on the page it is
MIN_H = 480
MASK_COLOUR = "#d1d5db"  # a secret field in a picture: a quiet grey block
LARGE = 0.6  # a target wider or taller than this share of the viewport gets the whole viewport


@dataclass
class Shot:
    """One shown step's picture and words."""

    planned: PlannedStep
    number: int
    image: Path | None
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

    def flow_started(self, run: Run) -> None:
        self.stage.page_source = lambda: run.driver.page
        self.stage.install(run.driver.page.context)
        run.driver.resolver.exclude_overlay = True
        self.images_dir.mkdir(parents=True, exist_ok=True)

    def flow_finished(self, run: Run, result) -> None:
        pass

    def do(self, run: Run, planned: PlannedStep) -> str:
        if planned.hidden:
            run.act(planned)
            return NEXT
        number = len(self.shots) + 1  # steps skipped (a `when:` not met) leave no gap in the guide's numbers
        image = self.images_dir / f"step-{number:02d}.png"
        step = planned.step
        before = not REGISTRY[step.action].photographed_after
        box = self._photograph(run, planned, number, image) if before else None
        run.act(planned)
        if not before:
            box = self._photograph(run, planned, number, image)
        self.shots.append(Shot(planned, number, image, run.flow.redact(step.describe()), box))
        return NEXT

    def _photograph(self, run: Run, planned: PlannedStep, number: int, image: Path) -> dict | None:
        """Save the picture; return where the target's box is in it (None without a target)."""
        step = planned.step
        target = REGISTRY[step.action].target_of(step)
        page = run.driver.page
        clip = box = None
        gone = step.action == "expect" and (step.expect.visible is False or step.expect.count == 0)
        if target is not None and target.kind != "page" and not gone:
            found = run.driver.locate(target, run.timeout_for(step))
            found.locator.evaluate(OUTLINE, {"style": "docs", "number": number, "padding": 6, "theme": self.theme})
            box = found.locator.bounding_box()
            clip = _region(box, page.viewport_size)
        else:
            page.evaluate(SETTLE)
        masks = [f.locator for f in run.driver.secret_fields if f.page == page]
        page.screenshot(
            path=str(image), clip=clip, animations="disabled", caret="hide", mask=masks, mask_color=MASK_COLOUR, scale="device"
        )
        self.stage.clear()
        if box is None:
            return None
        origin = clip or {"x": 0, "y": 0}
        return {"x": box["x"] - origin["x"], "y": box["y"] - origin["y"], "width": box["width"], "height": box["height"]}


def _region(box: dict | None, viewport: dict | None) -> dict | None:
    """A full-width band of the viewport around the target (people recognise a page by its width); None (the whole
    viewport) when the target is large."""
    if not box or not viewport:
        return None
    vw, vh = viewport["width"], viewport["height"]
    if box["width"] > LARGE * vw or box["height"] > LARGE * vh:
        return None
    height = min(vh, max(MIN_H, box["height"] + 2 * MARGIN_Y))
    y = min(max(0, box["y"] + box["height"] / 2 - height / 2), vh - height)
    return {"x": 0, "y": round(y), "width": vw, "height": round(height)}
