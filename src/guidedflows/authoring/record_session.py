"""A recording session for `guidedflows record`: the browser, the start page, and the flow file being written.

The file is rewritten (atomically) after every step, so closing the browser or pressing Ctrl-C loses nothing;
recorder.Recorder turns what the person does into those steps.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..flow.flowtext import dump_flow
from ..flow.urls import join_url
from .drafts import secret_note, unique_name, with_says, write_atomically


@dataclass
class Recording:
    """The flow being recorded, as data, and its file."""

    out: Path
    title: str
    start: str
    steps: list[dict] = field(default_factory=list)
    params: dict[str, dict] = field(default_factory=dict)
    secret_fields: dict[str, str] = field(default_factory=dict)  # a field's target → its secret param

    def flow(self) -> dict:
        flow: dict = {
            "flow": self.title,
            "description": "Recorded with guidedflows record. Read each step's draft `say` before you publish it.",
            "start": self.start,
        }
        if self.params:
            flow["params"] = self.params
        flow["steps"] = self.steps
        return flow

    def save(self) -> None:
        """Rewrite the file with every step so far, each with its draft `say` (nothing written before a step)."""
        if self.steps:
            write_atomically(self.out, dump_flow(with_says(self.flow())))

    def secret(self, kind: str, target) -> tuple[str, bool]:
        """The secret param for typing into this field: (its name, whether it is new). One per field."""
        key = repr(target)
        if key in self.secret_fields:
            return self.secret_fields[key], False
        name = unique_name(kind, self.params)
        shown = target if isinstance(target, str) else target.get("name") or target.get("label") or kind
        self.params[name] = {"secret": True, "description": f'typed into "{shown}" while recording'}
        self.secret_fields[key] = name
        return name, True


def title_from(out: Path) -> str:
    words = re.sub(r"[-_]+", " ", out.name.split(".")[0]).strip()
    return words[:1].upper() + words[1:] if words else "Recorded flow"


def start_path(url: str, base_url: str | None) -> str:
    """A URL under the base URL as the path a flow writes (`/cards.html`), any other URL as it is."""
    base = (base_url or "").rstrip("/")
    if base and (url == base or url.startswith(base + "/")):
        return url[len(base):] or "/"
    return url


def record(url: str | None, out: Path, *, base_url: str | None, headless: bool, browser_path=None, cdp=None,
           echo=print) -> Recording:
    """Record until the person finishes; the file at `out` holds every step so far at any moment."""
    from ..browser.session import BrowserSession
    from ..storefront import Storefront
    from .recorder import Recorder

    with contextlib.ExitStack() as stack:
        if url is None:  # the built-in storefront (or the site at --base-url), from its home page
            base_url = base_url or stack.enter_context(Storefront()).url
            url = join_url(base_url, "/")
        session = stack.enter_context(BrowserSession(browser_path=browser_path, headless=headless, cdp=cdp))
        page = stack.enter_context(session.page())
        recording = Recording(out, title_from(out), start_path(url or page.url, base_url))
        recorder = Recorder(page.context, recording, base_url, echo=echo)
        recorder.install(page)
        recorder.start_on(page, url)
        echo(f"recording {url or page.url} into {out}: do the procedure in the browser; finish with the toolbar's "
             "Finish recording, by closing the tab, or with Ctrl-C")
        try:
            recorder.run()
        except KeyboardInterrupt:
            echo("interrupted: the steps so far are saved")
        finally:
            with contextlib.suppress(Exception):
                recorder.stop()
    note = secret_note(recording.flow(), out)
    echo(f"wrote {out} ({len(recording.steps)} steps)" if recording.steps else "nothing was recorded; no file written")
    if note:
        echo(note)
    return recording
