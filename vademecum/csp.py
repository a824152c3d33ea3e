"""Content-Security-Policy as a <meta> (GitHub Pages cannot send headers).

Scripts may only come from the site itself, plus the inline scripts the page actually holds,
each allowed by its SHA-256 hash computed when the page is written. Any inline script added
later without going through `add_csp` is blocked by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_EXECUTED = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.I)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for every executable inline script, in page order, unique."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs.lower() or _NOT_EXECUTED.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    return POLICY.format(hashes=" ".join(inline_script_hashes(html))).replace("  ", " ")


def add_csp(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script runs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head([^>]*)>", lambda m: f"<head{m.group(1)}>{meta}", html, count=1)
