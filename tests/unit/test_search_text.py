"""What the search index holds besides the page text: accent-free forms, acronyms, spaced cells."""

from __future__ import annotations

import yaml

from tests.conftest import REPO
from vademecum.site.search_text import (
    SEPARATOR,
    TEXT_VARIANTS,
    TITLE_VARIANTS,
    alias_words,
    enrich_index,
    fold,
    spaced,
    words,
)

ALIASES = [
    ("ENT", "Espace numérique de travail"),
    ("RGPD", "Règlement général sur la protection des données"),
]


def test_the_theme_cuts_words_where_the_engine_does():
    loader = type("Loader", (yaml.SafeLoader,), {})  # mkdocs.yml's !ENV values, read as lists
    loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["separator"] == SEPARATOR
    assert set(search["fields"]) >= {"title", "text", TITLE_VARIANTS, TEXT_VARIANTS}


def test_fold_removes_accents_and_ligatures():
    assert fold("ÉduConnect") == "educonnect"
    assert fold("élève") == "eleve"
    assert fold("Œuvre cœur") == "oeuvre coeur"


def test_words_cut_on_apostrophes_parentheses_slashes_and_dots():
    assert words("l'ENT (RGPD) et/ou l’IA") == ["ent", "rgpd", "et", "ou", "ia"]
    assert words("<p>la DRANE.assistance&amp;co</p>") == ["la", "drane", "assistance", "co"]
    assert words("conseil d'administration") == ["conseil", "administration"]
    assert words("version 2.5") == ["version", "2.5"]


def test_a_title_that_is_the_acronym_gets_its_expansion():
    assert alias_words("ENT", ALIASES) == ["espace", "numerique", "de", "travail"]


def test_a_title_holding_the_expansion_gets_its_acronym():
    assert alias_words("Espace numérique de travail", ALIASES) == ["ent"]
    assert alias_words("Espace numérique de travail (ENT)", ALIASES) == ["ent"]
    assert alias_words("Protection des données (RGPD)", ALIASES) == [
        "reglement",
        "general",
        "sur",
        "la",
        "protection",
        "des",
        "donnees",
    ]


def test_a_title_that_only_mentions_the_acronym_gets_nothing():
    assert alias_words("Administrateur de l'ENT", ALIASES) == []
    assert alias_words("Entrée en fonction", ALIASES) == []


def test_enrich_index_adds_accent_free_forms_once():
    index = {
        "config": {},
        "docs": [
            {
                "location": "services/educonnect/",
                "title": "ÉduConnect",
                "text": "<p>Les élèves et les élèves, l'ENT.</p>",
            },
            {"location": "plain/", "title": "Plain", "text": "<p>nothing to fold</p>"},
        ],
    }
    docs = enrich_index(index, ALIASES)["docs"]
    assert docs[0][TITLE_VARIANTS] == "educonnect"
    assert docs[0][TEXT_VARIANTS] == "eleves"
    assert TITLE_VARIANTS not in docs[1] and TEXT_VARIANTS not in docs[1]


def test_spaced_keeps_words_of_adjacent_cells_apart():
    html = "<dl><dt>Fourni par</dt><dd>État</dd></dl><table><tr><td>A</td><td>B</td></tr></table>x<br>y<br><b>z</b>"
    assert spaced(html) == (
        "<dl><dt>Fourni par<span hidden> :</span></dt>\n<dd>État</dd>\n</dl>\n<table><tr><td>A</td>\n<td>B</td>\n</tr>\n</table>"
        "x<br>y<br>\n<b>z</b>"
    )


def test_a_stylised_at_sign_is_searchable_as_its_letter():
    from vademecum.site.search_text import fold

    assert fold("M@gistère") == "magistere"


def test_export_pages_carry_their_variants_hidden_at_the_end_of_the_first_section():
    from vademecum.site.search_text import VARIANTS_CLASS, with_hidden_variants

    markdown = "# Élèves et ÉduConnect\n\nAccès à l'ENT.\n\n## Suite\n\nFin.\n"
    out = with_hidden_variants(markdown, "Élèves et ÉduConnect", [("ENT", "Espace numérique")])
    hidden = f'<div class="{VARIANTS_CLASS}" hidden>'
    assert out.index(hidden) < out.index("## Suite")
    words = out.split(hidden)[1].split("</div>")[0].split()
    assert {"eleves", "educonnect", "acces"} <= set(words)
    assert with_hidden_variants("# Sans accent\n\ntexte\n", "Sans accent", []) == (
        "# Sans accent\n\ntexte\n"
    )
    # Variants are text: a hostile word cannot become markup.
    out = with_hidden_variants("# <b>É</b>\n", "x", [])
    assert "<b>" not in out.split(hidden)[1]
