"""Escaping: every data string that reaches a page goes through here."""

from __future__ import annotations

import html
import re

ROOT = "@VM-ROOT@"  # stands for the relative path to the site root, resolved per page

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"']+$", re.IGNORECASE)


def neutralise_braces(text: str) -> str:
    """Stop Jinja (mkdocs-macros) from reading data: `{{ }}` and `{% %}` print literally."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


def esc(text: object) -> str:
    """Escape a data value for HTML text or a double-quoted attribute."""
    return neutralise_braces(html.escape(str(text), quote=True))


def is_safe_url(url: str) -> bool:
    return bool(_SAFE_URL.match(url.strip()))


def link(url: str | None, text: str, css: str = "") -> str:
    """An external link, or plain text when there is no address or it is not https, http or
    mailto."""
    if not url or not is_safe_url(url):
        return esc(text)
    cls = f' class="{css}"' if css else ""
    return f'<a href="{esc(url.strip())}"{cls}>{esc(text)}</a>'


def internal(path: str, text: str, raw_text: bool = False) -> str:
    """A link to a page of the site; `path` is relative to the site root (e.g. roles/rupn/)."""
    label = text if raw_text else esc(text)
    return f'<a href="{ROOT}{esc(path)}">{label}</a>'


def resolve_root(fragment: str, page_url: str) -> str:
    """Replace the root marker with the relative path from `page_url` (e.g. roles/rupn/)."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return fragment.replace(ROOT, "../" * depth)
