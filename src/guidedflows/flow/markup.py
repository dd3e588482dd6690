"""The Markdown subset of `say` (**bold**, *emphasis*, `code`, [links](url)): as safe HTML (escaped first, always), and
as plain text for consoles and reports."""

from __future__ import annotations

import html
import re

SAFE_URL = re.compile(r"(https?://|/|\./|\.\./|#)[^\s\"'<>]*\Z|[\w./-][^\s\"'<>:]*\Z")
INLINE = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)")


def to_html(text: str) -> str:
    """Render the subset; anything else (including HTML tags) is shown as the literal text it is."""
    out, last = [], 0
    for match in INLINE.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(_inline(match))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _inline(match: re.Match) -> str:
    code, bold, em, label, url = match.groups()
    if code is not None:
        return f"<code>{html.escape(code)}</code>"
    if bold is not None:
        return f"<strong>{to_html(bold)}</strong>"
    if em is not None:
        return f"<em>{to_html(em)}</em>"
    if SAFE_URL.match(url):
        return f'<a href="{html.escape(url, quote=True)}">{to_html(label)}</a>'
    return html.escape(match.group(0))


# What Markdown (or the HTML a renderer lets through) would read as markup, written with a backslash so it shows as
# the character it is; CommonMark renders a backslash before any ASCII punctuation as that character.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")


def escape_markdown(text: str) -> str:
    """Plain text (a title) as Markdown that shows exactly this text."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(text: str) -> str:
    """The subset as Markdown for the docs: the subset's own marks kept, anything else (HTML tags, entities, links to
    javascript: or data:) escaped so that every renderer shows it as text — GitHub's, and those that pass HTML on."""
    out, last = [], 0
    for match in INLINE.finditer(text):
        out.append(escape_markdown(text[last : match.start()]))
        out.append(_inline_markdown(match))
        last = match.end()
    out.append(escape_markdown(text[last:]))
    return "".join(out)


def _inline_markdown(match: re.Match) -> str:
    code, bold, em, label, url = match.groups()
    if code is not None:
        return match.group(0)  # a code span is literal in every renderer
    if bold is not None:
        return f"**{to_markdown(bold)}**"
    if em is not None:
        return f"*{to_markdown(em)}*"
    if SAFE_URL.match(url):
        return f"[{to_markdown(label)}]({url})"
    return escape_markdown(match.group(0))


def plain(markdown: str) -> str:
    """The Markdown subset of `say` as plain text: **bold**, *em*, `code` and [links](url) lose their marks; any other
    character stays, a lone * or ` included (issue 9: text is shown literally)."""
    def unmarked(match: re.Match) -> str:
        code, bold, em, label, _url = match.groups()
        return code if code is not None else plain(next(part for part in (bold, em, label) if part is not None))

    return INLINE.sub(unmarked, markdown)
