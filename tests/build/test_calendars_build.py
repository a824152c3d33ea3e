"""The .ics calendars of built sites, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import make_project, plain_mkdocs_build
from vademecum.cascade import load_catalog
from vademecum.cli import main
from vademecum.model import Period
from vademecum.school_year import SchoolYear

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


def uid_parts(uid: str, academy: str) -> tuple[str, Period]:
    match = re.fullmatch(
        rf"(.+)-({'|'.join(p.value for p in Period)})-2026-2027@{academy}\.vademecum", uid
    )
    assert match, uid
    return match.group(1), Period(match.group(2))


def test_site_calendar_has_one_event_per_task_and_period(sites):
    for academy, site in (("academie-test", sites["first"]), ("national", sites["national"])):
        tasks = tasks_of(sites["project"], academy)
        events = read(site / "calendrier.ics").walk("VEVENT")
        assert len(events) == sum(len(set(t.when)) for t in tasks)
        uids = [str(e["UID"]) for e in events]
        assert len(set(uids)) == len(uids)
        by_id = {t.id: t for t in tasks}
        for event in events:
            task_id, period = uid_parts(str(event["UID"]), academy)
            assert period in by_id[task_id].when
            assert str(event["SUMMARY"]) == by_id[task_id].title
            start, end = YEAR.period_range(period)
            assert event.decoded("DTSTART") == start and not isinstance(start, dt.datetime)
            assert event.decoded("DTEND") == end
            assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_dates_across_the_year_change(sites):
    events = {str(e["UID"]): e for e in read(sites["national"] / "calendrier.ics").walk("VEVENT")}
    december = events["suivre-ent-decembre-2026-2027@national.vademecum"]
    assert (december.decoded("DTSTART"), december.decoded("DTEND")) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
    )
    january = events["suivre-ent-janvier-2026-2027@national.vademecum"]
    assert january.decoded("DTSTART") == dt.date(2027, 1, 1)
    before = events["mettre-a-jour-stsweb-avant-la-rentree-2026-2027@national.vademecum"]
    assert (before.decoded("DTSTART"), before.decoded("DTEND")) == (
        dt.date(2026, 8, 16),
        dt.date(2026, 9, 1),
    )


def test_role_calendars_hold_only_their_tasks(sites):
    tasks = tasks_of(sites["project"], "academie-test")
    roles = sorted(p.parent.name for p in (sites["first"] / "roles").glob("*/calendrier.ics"))
    assert roles == ["chef-etablissement", "referent-cyber", "rupn"]
    for role in roles:
        events = read(sites["first"] / "roles" / role / "calendrier.ics").walk("VEVENT")
        expected = {
            (t.id, p) for t in tasks if role == t.who.lead or role in t.who.with_ for p in t.when
        }
        assert {uid_parts(str(e["UID"]), "academie-test") for e in events} == expected
    cyber = read(sites["first"] / "roles/referent-cyber/calendrier.ics")
    assert [str(e["SUMMARY"]) for e in cyber.walk("VEVENT")] == [
        "Désigner le RUPN avant les vacances de Toussaint"
    ]
    assert "Référent cybersécurité" in str(cyber["X-WR-CALNAME"])


def test_calendar_properties_and_links(sites):
    calendar = read(sites["first"] / "calendrier.ics")
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Vademecum du numérique — Académie de test — 2026-2027"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Paris"
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("designer-rupn"))
    assert str(event["URL"]) == f"{BASE_URL}academie-test/calendrier/septembre/#designer-rupn"
    description = str(event["DESCRIPTION"])
    assert (
        "Pilote : Chef d'établissement\nAvec : Référent numérique (RUPN), Référent" in description
    )
    assert "Choisir un ou plusieurs enseignants" in description
    assert "Source : Document national de test — Délégations" in description
    national = next(iter(read(sites["national"] / "calendrier.ics").walk("VEVENT")))
    assert "URL" not in national
    assert "Sur le site : calendrier/" in str(national["DESCRIPTION"])
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
