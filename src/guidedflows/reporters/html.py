"""`check --report DIR`: one self-contained HTML page per run (DIR/index.html) that opens from disk, on a phone too.

The page is `report.html` filled in with `string.Template`; its style is `report.css`, inlined; failure screenshots
are inlined as data: URIs. No script: flows are <details>, open when they failed or were flaky.
"""

from __future__ import annotations

import base64
import html
from importlib import resources
from pathlib import Path
from string import Template

from .. import __version__
from ..flow.markup import plain
from ..run.events import FAILED, FLAKY, PASSED, SKIPPED
from .failure import screenshots, step_yaml

MARKS = {PASSED: "✓", FAILED: "✗", SKIPPED: "–", FLAKY: "!"}


def write_report(record, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    page.write_text(render(record), encoding="utf-8")
    return page


def render(record) -> str:
    files = resources.files(__package__)
    template = Template(files.joinpath("report.html").read_text(encoding="utf-8"))
    counts = ", ".join(f"{record.count(status)} {status}" for status in (PASSED, FAILED, FLAKY) if record.count(status))
    total = len(record.results)
    return template.substitute(
        style=files.joinpath("report.css").read_text(encoding="utf-8"),
        status=record.status,
        heading=_e(f"{total} flow{'s' if total != 1 else ''}: {counts or 'none ran'}"),
        facts=_facts(record),
        flows="\n".join(_flow(result) for result in record.results),
        version=_e(__version__),
    )


def _facts(record) -> str:
    facts = [
        ("Result", record.status),
        ("Started", record.started.strftime("%Y-%m-%d %H:%M:%S UTC")),
        ("Duration", f"{record.duration:.1f}s"),
        ("Site", record.base_url or "?"),
        ("Browser", record.browser or "?"),
    ]
    return "\n".join(f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in facts)


def _flow(result) -> str:
    flow = result.flow
    status = result.status
    opened = " open" if status in (FAILED, FLAKY) else ""
    attempts = f' <span class="attempts">{result.attempts} attempts</span>' if result.attempts > 1 else ""
    steps = "\n".join(_step(flow, step) for step in result.steps)
    title = f'<span class="title">{_e(flow.redact(flow.title))}</span>'
    summary = f'<span class="badge {status}">{status}</span> <span class="id">{_e(flow.id)}</span> {title}'
    return f"""<section class="flow {status}" id="flow-{_e(flow.id)}" data-status="{status}">
<details{opened}>
<summary>{summary} <span class="time">{result.duration:.1f}s</span>{attempts}</summary>
<p class="where">{_e(flow.path)}</p>
{_failure(result)}
<ol class="steps">
{steps}
</ol>
</details>
</section>"""


def _failure(result) -> str:
    if result.status not in (FAILED, FLAKY):
        return ""
    flow = result.flow
    heading = "Failed" if result.status == FAILED else f"Flaky: passed on attempt {result.attempts}"
    reason = result.error if result.status == FLAKY else result.failure_message()
    parts = [f'<div class="failure"><h3>{_e(heading)}</h3>', f'<p class="reason">{_e(flow.redact(reason))}</p>']
    failed = result.failed_step
    if failed is not None:
        parts.append(f'<pre class="yaml">{_e(step_yaml(failed.step, flow))}</pre>')
    parts += [_screenshot(path, flow) for path in screenshots(result)]
    parts.append("</div>")
    return "\n".join(part for part in parts if part)


def _screenshot(path: str, flow) -> str:
    try:
        data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    except OSError:
        return f'<p class="missing">screenshot not found: {_e(path)}</p>'
    return (
        f'<figure class="screenshot"><img alt="The page when {_e(flow.id)} failed" src="data:image/png;base64,{data}">'
        f"<figcaption>{_e(path)}</figcaption></figure>"
    )


def _step(flow, result) -> str:
    step = result.step
    text = flow.redact(plain(step.describe()))
    say = f'<span class="say">{_e(flow.redact(plain(step.say)))}</span>' if step.say else ""
    detail = ""
    if result.error:  # the step's YAML is in the failure box above, with the screenshot
        detail = f'<div class="error">{_e(flow.redact(result.error))} <span class="at">at {_e(step.span.short)}</span></div>'
    elif result.note:
        detail = f'<div class="note">{_e(flow.redact(result.note))}</div>'
    return (
        f'<li class="step {result.status}" data-status="{result.status}">'
        f'<span class="mark" title="{result.status}">{MARKS.get(result.status, "?")}</span>'
        f'<span class="num">{_e(result.number)}</span>'
        f'<span class="text">{_e(text)}{say}</span>'
        f'<span class="time">{result.duration:.2f}s</span>{detail}</li>'
    )


def _e(text) -> str:
    return html.escape(str(text), quote=True)
