"""The .ics calendars of built sites, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import make_project, plain_mkdocs_build
from vademecum.cli import main
from vademecum.data.cascade import load_catalog
from vademecum.data.model import Period
from vademecum.data.school_year import SchoolYear

SCHOOL_YEAR_ENV = "VADEMECUM_SCHOOL_YEAR"  # the plugin option's default (mkdocs.yml)

YEAR = SchoolYear(2026)
BASE_URL = "https://drane.example.org/vademecum/"


def build(project: Path, academy: str, site: Path, *extra: str) -> int:
    return main(
        ["--root", str(project), "build", "--academy", academy, "--site-dir", str(site), *extra]
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """academie-test built twice (two projects, so nothing is cached), national without URL."""
    base = tmp_path_factory.mktemp("calendars")
    out = {}
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv(SCHOOL_YEAR_ENV, raising=False)
        env.setenv("VADEMECUM_SITE_URL", BASE_URL)
        for name in ("first", "second"):
            project = make_project(base / name)
            out[name] = base / name / "site"
            assert build(project, "academie-test", out[name], "--school-year", "2026-2027") == 0
        env.delenv("VADEMECUM_SITE_URL")
        out["national"] = base / "first" / "national-site"
        assert build(base / "first", "national", out["national"], "--school-year", "2026-2027") == 0
        assert SCHOOL_YEAR_ENV not in os.environ  # the option holds for its build only
    out["project"] = base / "first"
    return out


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def tasks_of(project: Path, academy: str) -> list:
    catalog, problems = load_catalog(project, academy)
    assert catalog is not None, problems
    return catalog.all("tasks")


def periods_with_tasks(tasks) -> set[Period]:
    """Periods that get an event: the year-long tasks go with September."""
    periods = {p for t in tasks for p in t.when}
    if Period.TOUTE_L_ANNEE in periods:
        periods = (periods - {Period.TOUTE_L_ANNEE}) | {Period.SEPTEMBRE}
    return periods


def test_every_feed_has_one_one_day_event_per_period_with_tasks(sites):
    for academy, site in (("academie-test", sites["first"]), ("national", sites["national"])):
        tasks = tasks_of(sites["project"], academy)
        feeds = {None: site / "calendrier.ics"}
        feeds |= {p.parent.name: p for p in (site / "roles").glob("*/calendrier.ics")}
        for role, path in feeds.items():
            mine = [t for t in tasks if role is None or role == t.who.lead or role in t.who.with_]
            events = read(path).walk("VEVENT")
            starts = [e.decoded("DTSTART") for e in events]
            assert all(not isinstance(s, dt.datetime) for s in starts)
            assert all(
                e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(days=1) for e in events
            )
            suffix = f"-{role}" if role else ""
            assert {str(e["UID"]) for e in events} == {
                f"{p.value}-2026-2027{suffix}@{academy}.vademecum" for p in periods_with_tasks(mine)
            }
            months = [(s.year, s.month) for s in starts]  # « avant la rentrée » is in August too
            assert len(set(months)) >= len(months) - 1
            assert starts == sorted(starts)
            for event in events:
                count = int(re.search(r": (\d+) tâches?$", str(event["SUMMARY"])).group(1))
                assert str(event["DESCRIPTION"]).count("\n- ") == count


def test_event_days(sites):
    events = {str(e["UID"]): e for e in read(sites["national"] / "calendrier.ics").walk("VEVENT")}
    assert events["decembre-2026-2027@national.vademecum"].decoded("DTSTART") == dt.date(
        2026, 12, 1
    )
    assert events["janvier-2026-2027@national.vademecum"].decoded("DTSTART") == dt.date(2027, 1, 4)
    before = events["avant-la-rentree-2026-2027@national.vademecum"]
    assert before.decoded("DTSTART") == dt.date(2026, 8, 17)
    assert str(before["SUMMARY"]).startswith("Vademecum — avant la rentrée : ")


def test_role_calendars_hold_only_their_tasks(sites):
    roles = sorted(p.parent.name for p in (sites["first"] / "roles").glob("*/calendrier.ics"))
    assert roles == ["chef-etablissement", "referent-cyber", "rupn"]
    cyber = read(sites["first"] / "roles/referent-cyber/calendrier.ics")
    assert [str(e["SUMMARY"]) for e in cyber.walk("VEVENT")] == ["Vademecum — septembre : 1 tâche"]
    assert "Désigner le RUPN avant les vacances de Toussaint" in str(
        cyber.walk("VEVENT")[0]["DESCRIPTION"]
    )
    assert "Référent cybersécurité" in str(cyber["X-WR-CALNAME"])


def test_calendar_properties_and_links(sites):
    calendar = read(sites["first"] / "calendrier.ics")
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Vademecum du numérique — Académie de test — 2026-2027"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Paris"
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("septembre-"))
    assert str(event["URL"]) == f"{BASE_URL}academie-test/calendrier/septembre/"
    description = str(event["DESCRIPTION"])
    assert (
        "- Désigner le RUPN avant les vacances de Toussaint (pilote : Chef d'établissement)"
        in description
    )
    assert f"{BASE_URL}academie-test/calendrier/septembre/#designer-rupn" in description
    national = next(iter(read(sites["national"] / "calendrier.ics").walk("VEVENT")))
    assert "URL" not in national
    assert "calendrier/" not in str(national["DESCRIPTION"])
    raw = (sites["first"] / "calendrier.ics").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75


def test_two_builds_give_identical_calendars(sites):
    first = sorted(p.relative_to(sites["first"]) for p in sites["first"].rglob("*.ics"))
    second = sorted(p.relative_to(sites["second"]) for p in sites["second"].rglob("*.ics"))
    assert first == second and len(first) == 4
    for path in first:
        assert (sites["first"] / path).read_bytes() == (sites["second"] / path).read_bytes(), path


def test_subscription_page_and_links(sites):
    html = (sites["first"] / "calendrier/abonnement/index.html").read_text(encoding="utf-8")
    assert "S&#x27;abonner au calendrier" in html or "S'abonner au calendrier" in html
    assert "année scolaire 2026-2027" in html
    assert 'href="../../calendrier.ics"' in html
    for role in ("chef-etablissement", "rupn", "referent-cyber"):
        assert f'href="../../roles/{role}/calendrier.ics"' in html
    assert f"{BASE_URL}academie-test/calendrier.ics" in html
    for words in (
        "Outlook",
        "À partir d'Internet",
        "Thunderbird",
        "Sur le réseau",
        "ENT",
        "Ajouter un calendrier avec abonnement",
        "À partir de l'URL",
    ):
        assert words in html, words
    index = (sites["first"] / "calendrier/index.html").read_text(encoding="utf-8")
    assert 'href="abonnement/"' in index
    role = (sites["first"] / "roles/rupn/index.html").read_text(encoding="utf-8")
    assert 'href="calendrier.ics"' in role and 'href="../../calendrier/abonnement/"' in role
    nav = (sites["first"] / "index.html").read_text(encoding="utf-8")
    assert "calendrier/abonnement/" in nav


def test_bad_school_year_is_refused_in_french(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(SCHOOL_YEAR_ENV, raising=False)
    project = make_project(tmp_path / "p")
    assert build(project, "national", tmp_path / "site", "--school-year", "2026-2028") == 2
    err = capsys.readouterr().err
    assert "année scolaire invalide « 2026-2028 »" in err and "2026-2027" in err
    assert not (tmp_path / "site").exists()
    assert SCHOOL_YEAR_ENV not in os.environ
    monkeypatch.setenv(SCHOOL_YEAR_ENV, "l'an prochain")
    assert build(project, "national", tmp_path / "site") == 1
    assert (
        "option school_year : année scolaire invalide « l'an prochain »" in capsys.readouterr().err
    )


def test_plain_mkdocs_build_reports_a_bad_school_year_in_french(tmp_path):
    project = make_project(tmp_path / "p")
    result = plain_mkdocs_build(project, tmp_path / "out", **{SCHOOL_YEAR_ENV: "2026"})
    assert result.returncode != 0
    assert "année scolaire invalide « 2026 »" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_warns_in_french_when_the_address_is_unknown(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path / "p")
    monkeypatch.delenv("VADEMECUM_SITE_URL", raising=False)
    assert build(project, "national", tmp_path / "site") == 0
    assert (
        "adresse publique du site inconnue (variable VADEMECUM_SITE_URL" in capsys.readouterr().err
    )
    monkeypatch.setenv("VADEMECUM_SITE_URL", BASE_URL)
    assert build(project, "national", tmp_path / "site") == 0
    assert "adresse publique" not in capsys.readouterr().err
