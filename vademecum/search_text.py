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

from vademecum.catalog import Catalog

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
    """Lower case without accents or ligatures: « ÉduConnect » → « educonnect »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The lower-case words of an index field (its HTML tags and entities removed)."""
    return [html.unescape(w).lower() for w in re.split(SEPARATOR, _TAG.sub(" ", text)) if w]


def _folded_words(text: str) -> list[str]:
    """The accent-free form of each word that has an accent, once each."""
    return list(dict.fromkeys(fold(w) for w in words(text) if fold(w) != w))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return size > 0 and any(
        haystack[i : i + size] == needle for i in range(len(haystack) - size + 1)
    )


def _ends_with_acronym(title: str, short: str) -> bool:
    """« Protection des données (RGPD) »: the title names the thing, then its acronym."""
    return re.search(rf"\(\s*{re.escape(short)}\s*\)\s*$", title) is not None


def alias_words(title: str, aliases: Iterable[tuple[str, str]]) -> list[str]:
    """For a title that is (or ends with) an acronym, its expansion's words; for a title holding
    an expansion, its acronym."""
    folded = [fold(w) for w in words(title)]
    extra: list[str] = []
    for short, long in aliases:
        short_words, long_words = [fold(w) for w in words(short)], [fold(w) for w in words(long)]
        # A title that is the acronym, ends with it in parentheses or holds the expansion is the
        # page about the thing; one that only mentions the acronym (« Administrateur de l'ENT »)
        # gets no expansion, so that the page about it ranks first.
        if _contains(folded, long_words):
            extra += short_words
        elif folded == short_words or _ends_with_acronym(title, short):
            extra += long_words
    return extra


def enrich_index(index: dict, aliases: Iterable[tuple[str, str]]) -> dict:
    """Add the variant fields to every entry of the theme's search index (the dict of its JSON)."""
    aliases = [(s, long) for s, long in aliases if s and long and fold(s) != fold(long)]
    for entry in index.get("docs", []):
        title_extra = _folded_words(entry.get("title", "")) + alias_words(
            entry.get("title", ""), aliases
        )
        title_extra = list(dict.fromkeys(title_extra))
        text_words = set(words(entry.get("text", "")))
        text_extra = [w for w in _folded_words(entry.get("text", "")) if w not in text_words]
        if title_extra:
            entry[TITLE_VARIANTS] = " ".join(title_extra)
        if text_extra:
            entry[TEXT_VARIANTS] = " ".join(text_extra)
    return index


def search_aliases(catalog: Catalog) -> list[tuple[str, str]]:
    """Acronyms and their expansions the data knows: glossary, services and roles."""
    pairs = [(t.term, t.expansion) for t in catalog.all("glossary") if t.expansion]
    for kind in ("services", "roles"):
        pairs += [(r.abbreviation, r.name) for r in catalog.all(kind) if r.abbreviation]
    return pairs
