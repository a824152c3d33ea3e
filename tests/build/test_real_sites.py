"""The shipped data: every académie builds strictly, with its guide's content, behind one landing page."""

from __future__ import annotations

import datetime as dt
import gzip
import html
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
