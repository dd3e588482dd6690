"""`guidedflows docs`: run each flow in docs mode and publish the pages of those that passed.

A flow whose step fails gets no page (its old page, if any, is removed) and the run exits 1: a guide that no longer
matches the site is never published.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from .. import __version__
from ..flow.names import inside
from ..modes.docs import DocsMode
from ..reporters.console import ConsoleReporter
from ..run.runner import RunSettings, run_in_session
from .publish import Page, write_index, write_page


def write_docs(flows, settings: RunSettings, out: Path, formats: tuple[str, ...], theme: str = "light") -> int:
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".guidedflows-staging"
    shutil.rmtree(staging, ignore_errors=True)
    modes: dict[str, DocsMode] = {}

    def docs_mode(flow) -> DocsMode:
        modes[flow.id] = DocsMode(images_dir=inside(staging, flow.id), theme=theme)
        return modes[flow.id]

    console = ConsoleReporter()
    settings.listeners.append(console)
    settings.context_options.setdefault("reduced_motion", "reduce")
    results = run_in_session(flows, settings, mode=docs_mode)
    verified = verified_line(settings.base_url)
    pages = []
    for result in results:
        flow = result.flow
        _remove_page(out, flow.id)
        if not result.passed:
            continue
        shutil.move(str(inside(staging, flow.id)), str(inside(out, flow.id)))
        page = _page(flow, modes[flow.id], verified)
        write_page(page, out, formats)
        pages.append(page)
    shutil.rmtree(staging, ignore_errors=True)
    if pages:
        write_index(pages, out, formats, verified)
    console.summary()
    for page in pages:
        print(f"wrote {out / page.flow.id}.{'md' if 'md' in formats else 'html'} ({len(page.steps)} steps)")
    return 0 if all(result.passed for result in results) else 1


def _page(flow, mode: DocsMode, verified: str) -> Page:
    steps = tuple(
        (shot.number, flow.redact(shot.planned.step.text), f"{flow.id}/{shot.image.name}", shot.alt)
        for shot in mode.shots
    )
    return Page(flow, steps, verified)


def _remove_page(out: Path, flow_id: str) -> None:
    shutil.rmtree(inside(out, flow_id), ignore_errors=True)
    for suffix in (".md", ".html"):
        inside(out, f"{flow_id}{suffix}").unlink(missing_ok=True)


def verified_line(base_url: str | None) -> str:
    where = base_url or "the built-in mock storefront"
    return f"Verified against {where} on {datetime.date.today().isoformat()} by guidedflows {__version__}"
