"""What the site's search index holds besides the page text: readable snippets and the forms
people type without accents or with an acronym.

The theme's search (lunr, in the browser) matches words as written: « educonnect » does not find
« ÉduConnect », « ENT » does not find the page titled « Espace numérique de travail ». After the
theme has written its index, every entry gets two more fields (declared in mkdocs.yml):
`title_variants` and `text_variants`, the accent-free forms of its words, and for a title its
acronym or expansion. They are searched, never shown.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from vademecum.data.catalog import Catalog

TITLE_VARIANTS = "title_variants"
TEXT_VARIANTS = "text_variants"

# Where words are cut: the theme's search separator, the same in mkdocs.yml (a test checks it).
SEPARATOR = (
    r"""(?:[\s\-,;:!?()«»"/\[\]…]|\b(?:[cdjlmnstCDJLMNST]|[Qq]u)['’]|['’])+"""
    r"|\.(?!\d)|&(?:amp|lt|gt|quot);"
)
_TAG = re.compile(r"<[^>]+>")
# The theme's indexer drops tags without leaving a space: « <td>A</td><td>B</td> » would read
# « AB » in a snippet and be indexed as one word. A line break after these tags keeps words apart
# (it changes nothing on screen).
_BLOCK_END = re.compile(
    r"(</(?:p|li|dt|dd|td|th|tr|caption|h[1-6]|ul|ol|dl|table|summary|figcaption)>|<br\s*/?>)(?=<)"
)


# A label and its value (« Fourni par » and « État ») read « Fourni par : État » in a snippet; the
# colon is `hidden` on the page, where the layout already sets them apart.
_LABEL_END = re.compile(r"</dt>")
LABEL_SEPARATOR = "<span hidden> :</span>"
_LABEL_END_SPACED = "<span hidden> :</span></dt>"


def spaced(page_html: str) -> str:
    """The page's HTML with a line break between block ends and what follows them, and a colon,
    for the search index only, after each label of a description list."""
    return _BLOCK_END.sub(r"\1\n", _LABEL_END.sub(_LABEL_END_SPACED, page_html))


def fold(text: str) -> str:
    """Lower case without accents, ligatures or a stylised « @ »: « ÉduConnect » → « educonnect »,
    « M@gistère » → « magistere »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("@", "a")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The lower-case words of an index field (its HTML tags and entities removed)."""
    return [html.unescape(w).lower() for w in re.split(SEPARATOR, _TAG.sub(" ", text)) if w]


def _folded_words(text_words: list[str], folded: dict[str, str] | None = None) -> list[str]:
    """The accent-free form of each word (of `words`) that has an accent, once each (`folded`
    remembers the forms already computed, for one index)."""
    seen = {} if folded is None else folded
    out = []
    for word in text_words:
        form = seen.get(word)
        if form is None:
            form = seen[word] = fold(word)
        if form != word:
            out.append(form)
    return list(dict.fromkeys(out))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return size > 0 and any(
        haystack[i : i + size] == needle for i in range(len(haystack) - size + 1)
    )


class _Alias:
    """An acronym and its expansion, split into folded words once for the whole index."""

    def __init__(self, short: str, long: str):
        self.short_words = [fold(w) for w in words(short)]
        self.long_words = [fold(w) for w in words(long)]
        # « Protection des données (RGPD) »: the title names the thing, then its acronym.
        self.at_end = re.compile(rf"\(\s*{re.escape(short)}\s*\)\s*$")


def alias_words(title: str, aliases: Iterable[tuple[str, str]] | list[_Alias]) -> list[str]:
    """For a title that is (or ends with) an acronym, its expansion's words; for a title holding
    an expansion, its acronym."""
    prepared = [a if isinstance(a, _Alias) else _Alias(*a) for a in aliases]
    folded = [fold(w) for w in words(title)]
    present = set(folded)  # most expansions share no word with a title: no scan for them
    extra: list[str] = []
    for alias in prepared:
        # A title that is the acronym, ends with it in parentheses or holds the expansion is the
        # page about the thing; one that only mentions the acronym (« Administrateur de l'ENT »)
        # gets no expansion, so that the page about it ranks first.
        if (
            alias.long_words[:1]
            and alias.long_words[0] in present
            and _contains(folded, alias.long_words)
        ):
            extra += alias.short_words
        elif folded == alias.short_words or alias.at_end.search(title):
            extra += alias.long_words
    return extra


def enrich_index(index: dict[str, Any], aliases: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Add the variant fields to every entry of the theme's search index (the dict of its JSON)."""
    prepared = [
        _Alias(short, long)
        for short, long in aliases
        if short and long and fold(short) != fold(long)
    ]
    folded: dict[str, str] = {}
    for entry in index.get("docs", []):
        title = entry.get("title", "")
        title_extra = _folded_words(words(title), folded) + alias_words(title, prepared)
        title_extra = list(dict.fromkeys(title_extra))
        text_words = words(entry.get("text", ""))  # split once: the longest field by far
        known = set(text_words)
        text_extra = [w for w in _folded_words(text_words, folded) if w not in known]
        if title_extra:
            entry[TITLE_VARIANTS] = " ".join(title_extra)
        if text_extra:
            entry[TEXT_VARIANTS] = " ".join(text_extra)
    return index


def search_aliases(catalog: Catalog) -> list[tuple[str, str]]:
    """Acronyms and their expansions the data knows: glossary, services and roles."""
    pairs = [(t.term, t.expansion) for t in catalog.glossary if t.expansion]
    for kind in ("services", "roles"):
        pairs += [(r.abbreviation, r.name) for r in catalog.all(kind) if r.abbreviation]
    return pairs


# The export's pages carry their variants as text: both generators' search indexes the page's
# HTML, `hidden` keeps it off the screen and out of the accessibility tree.
VARIANTS_CLASS = "vm-search-variants"
_FIRST_SUBHEADING = re.compile(r"^(?:##\s|<h[2-6][\s>])", re.M)


def page_variants(title: str, text: str, aliases: Iterable[tuple[str, str]]) -> str:
    """The accent-free forms and acronyms of a page (its title and Markdown or HTML text), as
    one line of words; empty when there is none."""
    prepared = [
        _Alias(short, long) for short, long in aliases if short and long and fold(short) != fold(long)
    ]
    folded: dict[str, str] = {}
    title_words = words(title)
    text_words = words(text)
    known = set(title_words) | set(text_words)
    extra = _folded_words(title_words, folded) + alias_words(title, prepared)
    extra += _folded_words(text_words, folded)
    return " ".join(w for w in dict.fromkeys(extra) if w not in known)


def with_hidden_variants(markdown: str, title: str, aliases: Iterable[tuple[str, str]]) -> str:
    """The page's Markdown with its variants in a `hidden` block at the end of its first section
    (before its first subheading): search finds the page by them, readers never see them."""
    variants = page_variants(title, markdown, aliases)
    if not variants:
        return markdown
    block = str(Markup('\n\n<div class="{}" hidden>{}</div>\n\n').format(VARIANTS_CLASS, variants))
    heading = _FIRST_SUBHEADING.search(markdown)
    at = heading.start() if heading else len(markdown)
    return markdown[:at].rstrip("\n") + block + markdown[at:]
