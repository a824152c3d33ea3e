"""Markdown fields of the data, rendered to safe HTML once and cached."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from vademecum.render.html import esc, is_safe_url, neutralise_braces


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
            cached = neutralise_braces(self._md.convert(_separate_lists(_escape_raw_html(text))))
            self._cache[text] = cached
        return cached

    def inline(self, text: str) -> str:
        """Render a one-line Markdown field without the surrounding paragraph."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered or esc(text)
