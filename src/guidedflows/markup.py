"""The Markdown subset of `say` (**bold**, *emphasis*, `code`, [links](url)) as safe HTML: escaped first, always."""

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
