"""How a secret is shown (`••••` and its last 4 characters), and the safety net that masks secrets in text we print.

Secrets are masked by provenance first: the loader builds every text a step shows from masked params (`Step.shown`),
and the driver never prints the value of a field the flow filled with a secret, whatever the page did to it. This
module is the net under that: `mask_text` replaces a secret longer than 4 characters wherever it appears, as typed,
without its spaces or percent-encoded; and in a URL, a part (path segment, query value, fragment…) that is a secret
once decoded, however short. A short secret (a 3-digit code) is never searched for in other text: "123" in "order
1234" is not the code, and masking it there would tell anyone who knows the order number what the code is.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, unquote, unquote_plus

MASK = "••••"
SHORT = 4  # a secret of this many characters or fewer is masked whole, and only where provenance says it is
URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]+")
URL_PART = re.compile(r"[^/?#&=;:@]+")


def mask(secret: str) -> str:
    """`••••` followed by the last 4 characters, as the spec shows secrets; `••••` alone for a short one."""
    return MASK + secret[-4:] if len(secret) > SHORT else MASK


def is_short(secret: str) -> bool:
    return len(secret) <= SHORT


def forms(secret: str) -> list[str]:
    """The ways a long secret can be written out: as typed, without its spaces, and percent-encoded (`%20`, `+`)."""
    found = [secret, quote(secret, safe=""), quote(secret), quote_plus(secret)]
    squeezed = secret.replace(" ", "")
    if not is_short(squeezed):
        found.append(squeezed)
    return list(dict.fromkeys(form for form in found if form))


def mask_text(text: str, secrets) -> str:
    """`text` with every secret masked: long ones in all their forms, and any secret that is a part of a URL."""
    secrets = sorted((s for s in secrets if s), key=len, reverse=True)
    if not secrets or not text:
        return text
    for secret in secrets:
        if not is_short(secret):
            for form in forms(secret):
                text = text.replace(form, mask(secret))
    return URL.sub(lambda match: mask_url(match.group(0), secrets), text)


def mask_url(url: str, secrets) -> str:
    """`url` with each part that is (or, for a long secret, holds) a secret once decoded shown masked."""
    scheme, sep, rest = url.partition("://")
    return scheme + sep + URL_PART.sub(lambda match: _masked_part(match.group(0), secrets), rest)


def _masked_part(part: str, secrets) -> str:
    decoded = (unquote(part), unquote_plus(part))
    for secret in secrets:
        if secret in decoded:
            return mask(secret)
        if not is_short(secret):
            holding = next((text for text in decoded if secret in text), None)
            if holding is not None:
                return holding.replace(secret, mask(secret))
    return part
