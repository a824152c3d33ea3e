"""Pre-rendered HTML kept out of Python-Markdown's way.

Generated pages carry their HTML (task lists, cards) between two sentinels. Before the page goes
to the site generator, each such block is replaced by a one-line HTML comment marker, and the
generator's adapter puts the HTML back after the Markdown conversion. Parsing hundreds of kB of
raw HTML in Markdown was the largest cost of a build; a comment costs nothing.
"""

from __future__ import annotations

import re

START, END = "<!--vm:block-->", "<!--/vm:block-->"
_BLOCK = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_MARKER = re.compile(r"<!-- vm-block:(\d+) -->")


def wrap(html: str) -> str:
    """An HTML block for a generated page's Markdown."""
    return f"\n\n{START}{html}{END}\n\n"


def marker(index: int) -> str:
    """The placeholder of the `index`-th block of a page."""
    return f"<!-- vm-block:{index} -->"


def extract(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Replace every wrapped block by a marker; return the Markdown and the blocks in order."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return marker(len(blocks) - 1)

    return _BLOCK.sub(keep, markdown), tuple(blocks)


_EXCLUDED = re.compile(r"^<section[^>]*\bdata-search-exclude\b")


def expand(text: str, blocks: tuple[str, ...], indexed_only: bool = False) -> str:
    """Put the blocks back in place of their markers (in HTML, or in Markdown for another
    generator that accepts raw HTML). With `indexed_only`, blocks kept out of the search index
    stay markers: the adapter expands them after indexing, so the indexer never parses them."""

    def block(match: re.Match[str]) -> str:
        html = blocks[int(match.group(1))]
        return match.group(0) if indexed_only and _EXCLUDED.match(html) else html

    return _MARKER.sub(block, text) if blocks else text
