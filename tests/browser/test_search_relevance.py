"""Search finds what a principal types, on every académie of the shipped data.

Each query is typed in the theme's search box of the built site; the expected page must be among
the first three pages of the results. Acronyms and their expansions, words typed without accents,
apostrophes (straight or typographic), and a typo in a two-word phrase.
"""

from __future__ import annotations

import pytest

ACADEMIES = ["besancon", "dijon", "limoges", "national", "versailles"]

# The ENT service or theme page (Besançon and Dijon rename the service « ENT ÉCLAT-BFC »).
ENT = ("services/ent/", "themes/ent/")
# (what a principal types, the page that must be in the first three results, or one of them)
QUERIES = [
    ("ENT", ENT),
    ("espace numerique de travail", ENT),
    ("l'ENT", ENT),
    ("RGPD", "themes/protection-des-donnees/"),
    ("reglement general sur la protection des donnees", "themes/protection-des-donnees/"),
    ("protection des donées", "themes/protection-des-donnees/"),  # typo
    ("educonnect", "services/educonnect/"),
    ("Educonnect", "services/educonnect/"),
    ("GAR", "services/gar/"),
    ("gestionnaire d'acces aux ressources", "services/gar/"),
    ("DPD", "roles/dpd/"),
    ("delegue a la protection des donnees", "roles/dpd/"),
    ("RUPN", "roles/rupn/"),
    ("DRANE", "roles/drane/"),
    ("conseil d'administration", "roles/conseil-administration/"),
    ("conseil d’administration", "roles/conseil-administration/"),
    ("conseil d'administation", "roles/conseil-administration/"),  # typo
    ("chef d'etablissement", "roles/chef-etablissement/"),
    ("secretaire general", "roles/secretaire-general/"),
    ("administrateur ENT", "roles/administrateur-ent/"),
    ("pix orga", "services/pix-orga/"),
    ("siecle", "services/siecle/"),
    ("elea", "services/elea/"),
    ("magistere", "services/magistere/"),
    ("arena", "services/arena/"),
    ("apps education", "services/apps-education/"),
    ("securite numerique", "themes/securite-numerique/"),
    ("competences numeriques", "themes/competences-numeriques/"),
    ("base eleves etablissement", "services/siecle/"),
    ("septembre", "calendrier/septembre/"),
    ("avant la rentree", "calendrier/avant-la-rentree/"),
    ("prise de fonction", "prise-de-fonction/"),
    ("textes officiels", "textes/"),
]
# Pages only some académies have.
LOCAL_QUERIES = {
    "besancon": [("IA", "themes/intelligence-artificielle/")],
    "dijon": [("IA", "themes/intelligence-artificielle/")],
}


PLACEHOLDER_SHOWN = (
    """() => /Taper/.test(document.querySelector('.md-search-result__meta').textContent)"""
)
RESULTS_SHOWN = (
    """() => /trouvé/.test(document.querySelector('.md-search-result__meta').textContent)"""
)


def top_pages(page, query: str) -> list[str]:
    """The links of the theme's search results for `query`, in order (a page, then its sections).

    The theme searches on each key released: the box is emptied (placeholder shown), then the
    whole query is written and one key released, so that one search only is under way."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("Backspace")
    page.wait_for_function(PLACEHOLDER_SHOWN)
    box.fill(query)
    box.press("End")
    page.wait_for_function(RESULTS_SHOWN)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => a.href)"
    )


def relative(href: str, base: str) -> str:
    return href.removeprefix(base).split("#")[0].split("?")[0]


def distinct(pages: list[str]) -> list[str]:
    return list(dict.fromkeys(pages))


@pytest.mark.parametrize("academy", ACADEMIES)
def test_each_query_finds_its_page_in_the_top_three(context, real_server, academy):
    page = context.new_page()
    base = f"{real_server}{academy}/"
    page.goto(base)
    page.locator(".md-search__input").click()
    misses = []
    for query, expected in QUERIES + LOCAL_QUERIES.get(academy, []):
        found = distinct([relative(href, base) for href in top_pages(page, query)])[:3]
        if not set(found) & ({expected} if isinstance(expected, str) else set(expected)):
            misses.append(f"« {query} » → {found} (attendu : {expected})")
    assert misses == [], "\n".join(misses)
