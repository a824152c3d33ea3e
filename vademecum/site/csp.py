"""Content-Security-Policy as a <meta> (GitHub Pages cannot send headers).

Scripts may only come from the site itself, plus the inline scripts we trust by construction:
the theme's own (rendered from its templates by the adapter) and none of ours. Their SHA-256
hashes are computed from those trusted sources, never from the finished page: an inline script
that reached a page any other way (a value that escaped escaping, raw HTML in a guide) has no
hash in the policy, and the browser refuses to run it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from markupsafe import Markup

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_EXECUTED = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.I)
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def inline_scripts(html: str) -> list[str]:
    """The bodies of the executable inline scripts of a trusted HTML fragment, in order."""
    return [
        match.group("body")
        for match in _INLINE_SCRIPT.finditer(html)
        if "src=" not in match.group("attrs").lower()
        and not _NOT_EXECUTED.search(match.group("attrs"))
    ]


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(trusted_scripts: Iterable[str]) -> str:
    """The policy allowing exactly the given inline script bodies (and same-origin files)."""
    hashes = sorted({script_hash(body) for body in trusted_scripts})
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))


def add_csp(html: str, trusted_scripts: Iterable[str]) -> str:
    """Insert the policy as the first element of <head>, before any script runs."""
    # The policy holds keywords and base64 hashes only: nothing to escape in the attribute.
    meta = str(
        Markup('<meta http-equiv="Content-Security-Policy" content="{}">').format(
            Markup(policy(trusted_scripts))
        )
    )
    return re.sub(r"<head[^>]*>", lambda m: m.group(0) + meta, html, count=1)
