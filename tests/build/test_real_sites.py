"""The shipped data: every académie builds strictly, with its guide's content, behind one landing page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project
from vademecum.cli import main

ACADEMIES = ["besancon", "dijon", "limoges", "national", "versailles"]


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "data")
    site = project / "site"
    assert main(["--root", str(project), "build", "--all", "--site-dir", str(site)]) == 0
    return site


def test_every_academy_and_the_landing_page(real):
    assert sorted(p.name for p in real.iterdir() if p.is_dir()) == ACADEMIES
    landing = (real / "index.html").read_text(encoding="utf-8")
    for region in ("Bourgogne-Franche-Comté", "Île-de-France", "Nouvelle-Aquitaine"):
        assert region in landing
    assert landing.index("Bourgogne-Franche-Comté") < landing.index("Académie de Besançon")


@pytest.mark.parametrize("academy", ACADEMIES)
def test_every_task_is_on_each_of_its_month_pages(real, academy):
    index = json.loads((real / academy / "taches.json").read_text(encoding="utf-8"))
    assert index["academy"] == academy and index["tasks"]
    pages = {}
    for task in index["tasks"]:
        for period in task["when"]:
            if period not in pages:
                html = (real / academy / "calendrier" / period / "index.html").read_text(
                    encoding="utf-8"
                )
                pages[period] = set(re.findall(r'<article class="vm-task" id="([^"]+)"', html))
            assert task["id"] in pages[period], (task["id"], period)


def test_local_content_is_marked_and_contacts_listed(real):
    september = (real / "besancon" / "calendrier" / "septembre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--region" in september
    assert "dpd@ac-besancon.fr" in (real / "besancon" / "contacts" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--academy" in (
        real / "limoges" / "calendrier" / "octobre" / "index.html"
    ).read_text(encoding="utf-8")
    assert (real / "limoges" / "strategie" / "index.html").is_file()
    assert (real / "limoges" / "autoevaluation" / "index.html").is_file()
    assert list((real / "versailles" / "scenarios").iterdir())
    national = (real / "national" / "calendrier" / "septembre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--region" not in national and "vm-badge--academy" not in national


def page(real: Path, academy: str, path: str) -> str:
    html = (real / academy / path / "index.html").read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner', 1)[-1]  # the article, not the menus


def test_legal_texts_print_each_date_once(real):
    html = page(real, "national", "textes")
    assert "Règlement (UE) 2016/679 du 27 avril 2016</a></strong>" in html
    assert "27 avril 2016 du 27 avril 2016" not in re.sub(r"<[^>]+>", "", html)
    assert "Décret n° 2019-919 du 30 août 2019" in html
    assert "2019 du 30 août 2019" not in re.sub(r"<[^>]+>", "", html)
    # the page names the guides and editions its texts come from
    sources = html.split('<p class="vm-source">D\'après : ', 1)[1].split("</p>", 1)[0]
    assert "fiche publiée le 17 février 2025" in sources


def test_a_list_in_task_details_is_a_list(real):
    html = page(real, "national", "calendrier/septembre")
    task = html.split('id="organiser-securite-numerique"', 1)[1].split("</article>", 1)[0]
    for notion in ("disponibilité", "intégrité", "confidentialité", "traçabilité"):
        assert f"<li><strong>{notion}</strong>" in task, notion
    assert "; - " not in task
    # « … pour :\n- … » with no blank line before the list (CommonMark's reading, not Markdown's)
    html = page(real, "versailles", "calendrier/septembre")
    task = html.split('id="creer-comptes-manuels-ent-moncollege"', 1)[1].split("</article>", 1)[0]
    assert "pour :</p>\n<ul>\n<li>les personnels de l'Éducation nationale" in task


def test_glossary_in_french_order_without_social_networks(real):
    html = page(real, "versailles", "glossaire")
    terms = re.findall(r'<dt id="[^"]+"><strong>([^<]+)</strong>', html)
    assert terms.index("Édifice") < terms.index("EDT") < terms.index("ÉduConnect")
    assert terms.index("Éléa") < terms.index("EMI") < terms.index("GAR")
    for network in ("LinkedIn", "Mastodon", "X (ex-Twitter)"):
        assert network not in terms
    resources = page(real, "versailles", "ressources")
    assert "linkedin.com/company/daneversailles" in resources  # still there, as a resource


def test_one_role_and_one_term_with_the_local_name(real):
    besancon = page(real, "besancon", "roles/rupn")
    assert "RUPN" in besancon and "<dt>Aussi appelé</dt><dd>RRUPN</dd>" in besancon
    versailles = page(real, "versailles", "roles/rupn")
    assert "(RRUPN)" in versailles and "<dt>Aussi appelé</dt><dd>RUPN</dd>" in versailles
    glossary = page(real, "besancon", "glossaire")
    assert glossary.count('<dt id="rrupn">') == 1 and 'id="rupn"' not in glossary
    assert "<strong>RUPN</strong>" in glossary and "(aussi : RRUPN)" in glossary


def test_home_page_names_the_guides_editions_and_what_to_review(real):
    from vademecum.school_year import chosen_school_year

    year = chosen_school_year(None)
    home = page(real, "versailles", "")
    sources = home.split('<ul class="vm-sources">', 1)[1].split("</ul>", 1)[0]
    assert "Livret de rentrée 2024" in sources and "rentrée 2024 (2 septembre 2024)" in sources
    assert "mise à jour du 16 janvier 2026" in sources  # the national tasks cite the BFC guide
    # Every edition here was written for 2025-2026 or earlier: built later, each says so.
    assert year.start >= 2026
    assert sources.count(f"à revoir pour {year.label}") == sources.count("<li>") >= 3
    task = page(real, "versailles", "calendrier/septembre")
    assert "D'après : " in task and f"à revoir pour {year.label}" in task
