"""The shipped data: every académie builds strictly, with its guide's content, behind one landing page."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import BuiltSite

ACADEMIES = ["besancon", "dijon", "limoges", "national", "versailles"]


@pytest.fixture(scope="module")
def real(real_site: BuiltSite) -> Path:
    return real_site.site


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
    article = html.split('<article class="md-content__inner', 1)[-1]  # the article, not the menus
    # Without what only the search snippets use: a hidden colon, line breaks between blocks.
    return article.replace("<span hidden> :</span>", "").replace(">\n<", "><")


def test_legal_texts_print_each_date_once(real):
    html = page(real, "national", "textes")
    # The RGPD: no seed gives its number, date or address, so only its name.
    assert "<strong>RGPD</strong> — Règlement général sur la protection des données" in html
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
    assert "pour :</p><ul><li>les personnels de l'Éducation nationale" in task


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
    from vademecum.data.school_year import chosen_school_year

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


SEARCH_BUDGET = 100_000  # bytes of the gzipped search index, per académie


def search_index(real: Path, academy: str) -> dict:
    return json.loads((real / academy / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("academy", ACADEMIES)
def test_search_index_within_budget(real, academy):
    raw = (real / academy / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 9)) <= SEARCH_BUDGET


@pytest.mark.parametrize("academy", ACADEMIES)
def test_search_index_is_readable_and_finds_unaccented_words(real, academy):
    docs = search_index(real, academy)["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    # The print-only heading (« Académie de … — … — année scolaire … ») is not in any snippet.
    assert not [
        d["location"] for d in docs if re.search(r"— année scolaire \d{4}-\d{4}", d["text"])
    ]
    # Labels and values of a card are apart (« Fourni par : État », not « Fourni parÉtat »).
    assert "Fourni par : État (ministère)" in by_location["services/educonnect/"]["text"]
    assert "educonnect" in by_location["services/educonnect/"]["title_variants"].split()
    assert "ent" in by_location["themes/ent/"]["title_variants"].split()
    for about in ("services/educonnect/", "themes/ent/", "roles/dpd/", "glossaire/"):
        assert by_location[about].get("boost", 1) > 1, about
    assert "boost" not in by_location["calendrier/septembre/"]


@pytest.mark.parametrize("academy", ACADEMIES)
def test_task_bodies_are_indexed_on_their_month_pages_only(real, academy):
    docs = search_index(real, academy)["docs"]
    tasks = json.loads((real / academy / "taches.json").read_text(encoding="utf-8"))["tasks"]
    elsewhere = ("roles/", "themes/", "services/", "livret/", "suivi/")
    for task in tasks:
        title = html.escape(task["title"], quote=False)
        pages = {d["location"].split("#")[0] for d in docs if title in d["text"]}
        for period in task["when"]:
            assert f"calendrier/{period}/" in pages, (task["id"], period)
        assert not [p for p in pages if p.startswith(elsewhere)], (task["id"], pages)


@pytest.mark.parametrize("academy", ACADEMIES)
def test_calendar_feeds_hold_one_one_day_event_per_period(real, academy):
    from icalendar import Calendar

    feeds = [
        real / academy / "calendrier.ics",
        *(real / academy / "roles").glob("*/calendrier.ics"),
    ]
    assert len(feeds) > 1
    for path in feeds:
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert events, path
        days = [event.decoded("DTSTART") for event in events]
        assert all(
            e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(days=1) for e in events
        )
        assert all(day.weekday() < 5 for day in days), path
        periods = [str(e["UID"]).split("-20")[0] for e in events]
        assert len(periods) == len(set(periods)), path  # one event per period
        assert all(re.fullmatch(r"Vademecum — .+ : \d+ tâches?", str(e["SUMMARY"])) for e in events)
