"""Markdown fields of the data, rendered to safe HTML once and cached."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from vademecum.site.render.html import esc, is_safe_url, neutralise_braces


class _SafeLinks(Treeprocessor):
    """Drop links and images whose address is not https, http, mailto or a page anchor."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if not (is_safe_url(href) or href.startswith("#")):
                    element.attrib.pop("href", None)
                    element.tag = "span"
            elif element.tag == "img" and not is_safe_url(element.get("src", "")):
                element.attrib.pop("src", None)


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_SafeLinks(md), "vm_safe_links", 0)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _separate_lists(text: str) -> str:
    """Python-Markdown reads « intro :\n- item » as one paragraph; editors expect a list (as in
    CommonMark). Put a blank line between a paragraph line and the list that follows it."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if (
            _LIST_ITEM.match(line)
            and previous.strip()
            and not previous[:1].isspace()
            and not _LIST_ITEM.match(previous)
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _escape_raw_html(text: str) -> str:
    # Raw HTML in data is shown as text. `&` is kept so that entities such as &nbsp; stay.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_unmatched_brackets(text: str) -> str:
    """Backslash-escape every `[` that cannot open a link: no `]` closes it, or its `](` has no
    closing `)`. Python-Markdown scans the rest of the paragraph for each of them, which made
    a few kilobytes of `[a` take minutes; one pass over the text settles them all."""
    if "[" not in text:  # most fields: nothing to settle, no pass over each character
        return text
    openers: list[int] = []  # positions of `[` not yet closed
    closes: dict[int, int] = {}  # `[` position → its `]` position
    literal: set[int] = set()  # `[` already escaped by the editor
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
            if char == "[":
                literal.add(index)
        elif char == "\\":
            escaped = True
        elif char == "[":
            openers.append(index)
        elif char == "]" and openers:
            closes[openers.pop()] = index
    parens = _matched_parens(text)
    out = list(text)
    for index, char in enumerate(text):
        if char != "[" or index in literal:
            continue
        end = closes.get(index)
        if end is None or (text[end + 1 : end + 2] == "(" and end + 1 not in parens):
            out[index] = "\\["
    return "".join(out)


def _matched_parens(text: str) -> set[int]:
    """Positions of the `(` that a later `)` closes."""
    stack: list[int] = []
    matched: set[int] = set()
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            matched.add(stack.pop())
    return matched


class MarkdownRenderer:
    def __init__(self, glossary: dict[str, str] | None = None):
        self._md = markdown.Markdown(
            extensions=["abbr", "sane_lists", _SafeLinksExtension()],
            extension_configs={"abbr": {"glossary": glossary or {}}},
            output_format="html",
            tab_length=2,  # editors indent a sub-list by two spaces, as in the YAML around it
        )
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Render a Markdown field to HTML (paragraphs, lists, links)."""
        if not text:
            return ""
        cached = self._cache.get(text)
        if cached is None:
            self._md.reset()
            safe = escape_unmatched_brackets(_separate_lists(_escape_raw_html(text)))
            cached = neutralise_braces(self._md.convert(safe))
            self._cache[text] = cached
        return cached

    def inline(self, text: str) -> str:
        """Render a one-line Markdown field without the surrounding paragraph."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered or esc(text)
