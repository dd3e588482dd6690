"""Write how-to guides from a docs run: FLOW_ID.md and a self-contained FLOW_ID.html per flow, images beside them,
and an index like a help centre's front page. Output is deterministic: the same run writes the same bytes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import quote

from ..flow.markup import escape_markdown, plain, to_html, to_markdown
from ..flow.model import Flow
from ..flow.names import inside
from ..flow.printable import one_line


@dataclass(frozen=True)
class Page:
    """One flow's how-to, ready to write."""

    flow: Flow
    steps: tuple[tuple[int, str, str, str], ...]  # (number, text in Markdown subset, image path relative to out, alt)
    verified: str  # "Verified against … on … by guidedflows …"


@cache
def _template(name: str) -> str:
    return (resources.files("guidedflows") / "templates" / name).read_text("utf-8")


def write_page(page: Page, out: Path, formats: tuple[str, ...]) -> list[Path]:
    written = []
    if "md" in formats:
        written.append(_write(inside(out, f"{page.flow.id}.md"), markdown(page)))
    if "html" in formats:
        written.append(_write(inside(out, f"{page.flow.id}.html"), page_html(page)))
    return written


def write_index(pages: list[Page], out: Path, formats: tuple[str, ...], verified: str) -> list[Path]:
    written = []
    if "md" in formats:
        written.append(_write(out / "index.md", index_markdown(pages, verified)))
    if "html" in formats:
        written.append(_write(out / "index.html", index_html(pages, verified)))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def markdown(page: Page) -> str:
    flow = page.flow
    lines = [f"# {_md_text(flow.title)}", ""]
    if flow.description:
        lines += [to_markdown(flow.description), ""]
    if flow.tags:
        lines += ["Tags: " + ", ".join(f"`{tag}`" for tag in flow.tags), ""]
    for number, text, image, alt in page.steps:
        lines += [f"## Step {number}", "", to_markdown(text), ""]
        if image:
            lines += [f"![{_md_alt(alt)}]({_link(image)})", ""]
    lines += ["---", "", f"*{page.verified}*", ""]
    return "\n".join(lines)


def page_html(page: Page) -> str:
    flow = page.flow
    parts = ['<header class="page">', f"<h1>{html.escape(flow.title)}</h1>"]
    if flow.description:
        parts.append(f'<p class="lead">{to_html(flow.description)}</p>')
    if flow.tags:
        parts.append('<ul class="tags">' + "".join(f"<li>{html.escape(t)}</li>" for t in flow.tags) + "</ul>")
    parts += ["</header>", '<ol class="steps">']
    for number, text, image, alt in page.steps:
        figure = f'<figure><img src="{html.escape(image)}" alt="{html.escape(alt)}"></figure>' if image else ""
        parts.append(
            f'<li id="step-{number}"><div class="step-head"><span class="num" aria-hidden="true">{number}</span>'
            f'<p class="step-text"><span class="visually-hidden">Step {number}: </span>{to_html(text)}</p></div>{figure}</li>'
        )
    parts += ["</ol>", f"<footer>{html.escape(page.verified)}</footer>"]
    return _document(flow.title, "\n".join(parts))


def index_markdown(pages: list[Page], verified: str) -> str:
    lines = ["# How-to guides", ""]
    for page in pages:
        flow = page.flow
        described = f" — {to_markdown(flow.description)}" if flow.description else ""
        lines.append(f"- **[{_md_text(flow.title)}]({_link(flow.id + '.md')})**" + described)
        if flow.tags:
            lines.append("  " + " ".join(f"`{tag}`" for tag in flow.tags))
    lines += ["", "---", "", f"*{verified}*", ""]
    return "\n".join(lines)


def index_html(pages: list[Page], verified: str) -> str:
    items = []
    for page in pages:
        flow = page.flow
        tags = "".join(f"<li>{html.escape(t)}</li>" for t in flow.tags)
        items.append(
            f'<li><h2><a href="{html.escape(_link(flow.id + ".html"))}">{html.escape(flow.title)}</a></h2>'
            + (f"<p>{to_html(flow.description)}</p>" if flow.description else "")
            + (f'<ul class="tags">{tags}</ul>' if tags else "")
            + "</li>"
        )
    body = (
        '<header class="page"><h1>How-to guides</h1></header>'
        f'<ul class="flows">{"".join(items)}</ul><footer>{html.escape(verified)}</footer>'
    )
    return _document("How-to guides", body)


def _document(title: str, body: str) -> str:
    css = _template("howto.css")
    return Template(_template("page.html")).substitute(title=html.escape(title), css=css, body=body)


def _md_alt(text: str) -> str:
    return escape_markdown(one_line(plain(text)).replace("[", "(").replace("]", ")"))


def _md_text(text: str) -> str:
    """A flow's plain text (a title) as Markdown on one line: a newline would end the heading or the link."""
    return escape_markdown(one_line(text))


def _link(path: str) -> str:
    """A relative link to a file we wrote, percent-encoded: nothing in it can end the link or start markup
    (issue 12: an id like `x)<img src=x onerror=…>(` written raw into index.md's link was live HTML)."""
    return quote(path)
