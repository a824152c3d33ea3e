"""Menu titles and the site name: plain text where the themes' search shows them, never markup
where the themes write them as HTML."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from vademecum.site.render.html import menu_text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


@pytest.mark.parametrize(
    "title",
    [
        "L'écosystème numérique de l'établissement",
        'Le « guide " du chef',
        "Pix & co",
        "R&D",
        "a &amp; b",
        "<script>alert(1)</script>",
        "x <b>gras</b> &lt;",
    ],
)
def test_menu_text_reads_as_the_title_in_html_and_is_never_markup(title):
    parser = _Text()
    parser.feed(f"<span>{menu_text(title)}</span>")
    parser.close()
    assert parser.tags == ["span"]
    assert parser.text == title


def test_apostrophes_quotes_and_a_lone_ampersand_stay_plain():
    # Zensical's search breadcrumbs show the nav title as text: no entity may reach them.
    for title in ("L'écosystème", 'le "socle"', "Pix & co", "Élèves — accès"):
        assert menu_text(title) == title
    assert html.unescape(menu_text("R&D")) == "R&D"
