"""Escaping: every data string that reaches a page goes through here."""

from __future__ import annotations

import html
import re

ROOT = "@VM-ROOT@"  # stands for the relative path to the site root, resolved per page

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"']+$", re.IGNORECASE)


def neutralise_braces(text: str) -> str:
    """Stop Jinja (the guides' macros) from reading data: `{{ }}` and `{% %}` print literally."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


# Characters with a meaning in Markdown (links, emphasis, code, tables, attribute lists, HTML):
# written as character references, a plain-text value is text whether it lands in an HTML block
# or in Markdown that Python-Markdown converts (headings, table cells). Browsers and the search
# indexer decode them back.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_NEUTRAL = str.maketrans(
    _HTML | {c: f"&#{ord(c)};" for c in "[]()*_`!|\\{}"} | {"\n": " ", "\r": " "}
)


def esc(text: object) -> str:
    """Escape a plain-text value for HTML text, a double-quoted attribute and Markdown."""
    return str(text).translate(_NEUTRAL)


def html_text(text: object) -> str:
    """Escape a plain-text value for places that are HTML but never Markdown (menu titles,
    the site name): there, Markdown characters stay as written so that search finds them."""
    return html.escape(str(text).replace("\n", " ").replace("\r", " "), quote=True)


# An ampersand that would start a character reference (« &amp; », « &#39; »); any other stays as is.
_REFERENCE_START = re.compile(r"&(?=[A-Za-z0-9#])")


def menu_text(text: object) -> str:
    """A plain-text title for a menu or the site name: the themes write it as HTML, their search
    shows it as text (Zensical's breadcrumbs). Only what HTML would read as markup is escaped
    (« < », « > » and an « & » starting a reference): « L'écosystème » or « Pix & co » stay
    plain text in both places."""
    one_line = str(text).replace("\n", " ").replace("\r", " ")
    return _REFERENCE_START.sub("&amp;", one_line).replace("<", "&lt;").replace(">", "&gt;")


def is_safe_url(url: str) -> bool:
    return bool(_SAFE_URL.match(url.strip()))


def resolve_root(fragment: str, page_url: str) -> str:
    """Replace the root marker with the relative path from `page_url` (e.g. roles/rupn/)."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return fragment.replace(ROOT, "../" * depth)
