"""The iCalendar feeds: UIDs, dates of each period, escaping, folding and line endings."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MINISITE
from vademecum.data.cascade import load_catalog
from vademecum.data.catalog import Catalog
from vademecum.data.model import Period
from vademecum.data.school_year import (
    SchoolYear,
    SchoolYearError,
    chosen_school_year,
    parse_school_year,
)
from vademecum.site.calendars import (
    SITE_CALENDAR,
    calendar_files,
    easter,
    escape_text,
    event_day,
    first_working_day,
    fold,
    role_calendar_path,
)

YEAR = SchoolYear(2026)


def catalog(academy: str) -> Catalog:
    loaded, problems = load_catalog(MINISITE, academy)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            out.append({})
        elif out and line != "END:VEVENT" and ":" in line:
            name, value = line.split(":", 1)
            out[-1].setdefault(name, value)
    return [e for e in out if e]


def day(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%Y%m%d").date()


def test_dates_of_every_period():
    assert YEAR.period_range(Period.AOUT) == (dt.date(2026, 8, 1), dt.date(2026, 9, 1))
    assert YEAR.period_range(Period.SEPTEMBRE) == (dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    assert YEAR.period_range(Period.DECEMBRE) == (dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    assert YEAR.period_range(Period.JANVIER) == (dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    assert YEAR.period_range(Period.FEVRIER) == (dt.date(2027, 2, 1), dt.date(2027, 3, 1))
    assert YEAR.period_range(Period.JUILLET) == (dt.date(2027, 7, 1), dt.date(2027, 8, 1))
    assert YEAR.period_range(Period.AVANT_LA_RENTREE) == (
        dt.date(2026, 8, 16),
        dt.date(2026, 9, 1),
    )
    assert YEAR.period_range(Period.TOUTE_L_ANNEE) == (dt.date(2026, 9, 1), dt.date(2027, 7, 1))


def test_first_working_day_skips_weekends_and_public_holidays():
    assert easter(2026) == dt.date(2026, 4, 5) and easter(2027) == dt.date(2027, 3, 28)
    assert first_working_day(dt.date(2026, 9, 1)) == dt.date(2026, 9, 1)  # a Tuesday
    assert first_working_day(dt.date(2026, 11, 1)) == dt.date(2026, 11, 2)  # Toussaint, a Sunday
    assert first_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # Friday 1 January
    assert first_working_day(dt.date(2027, 5, 1)) == dt.date(2027, 5, 3)  # Saturday 1 May
    assert first_working_day(dt.date(2024, 4, 1)) == dt.date(2024, 4, 2)  # Easter Monday
    assert first_working_day(dt.date(2027, 5, 6)) == dt.date(2027, 5, 7)  # Ascension
    assert event_day(YEAR, Period.AVANT_LA_RENTREE) == dt.date(2026, 8, 17)  # from 16 August
    assert event_day(YEAR, Period.TOUTE_L_ANNEE) == event_day(YEAR, Period.SEPTEMBRE)


def test_one_event_per_period_with_tasks_on_its_first_working_day():
    site = catalog("national")
    found = events(calendar_files(site, YEAR, None)[SITE_CALENDAR])
    periods = {p for t in site.all("tasks") for p in t.when} - {Period.TOUTE_L_ANNEE}
    assert [e["UID"] for e in found] == [
        f"{p.value}-2026-2027@national.vademecum"
        for p in sorted(periods, key=lambda p: event_day(YEAR, p))
    ]
    for event in found:
        start, end = day(event["DTSTART;VALUE=DATE"]), day(event["DTEND;VALUE=DATE"])
        assert end - start == dt.timedelta(days=1)
        assert start == first_working_day(start)
    by_uid = {e["UID"]: e for e in found}
    january = by_uid["janvier-2026-2027@national.vademecum"]
    assert january["DTSTART;VALUE=DATE"] == "20270104"
    december = by_uid["decembre-2026-2027@national.vademecum"]
    count = sum(Period.DECEMBRE in t.when for t in site.all("tasks"))
    assert december["SUMMARY"] == f"Vademecum — décembre : {count} tâche" + (
        "s" if count > 1 else ""
    )
    assert december["DTSTAMP"] == "20260801T000000Z"


def test_year_long_tasks_are_listed_in_september():
    site = catalog("national")
    task = site.get("tasks", "bilan-ca").model_copy(update={"when": [Period.TOUTE_L_ANNEE]})
    site.records["tasks"]["bilan-ca"].record = task
    found = events(calendar_files(site, YEAR, None)[SITE_CALENDAR])
    assert not [e for e in found if "toute-l-annee" in e["UID"]]
    september = next(e for e in found if e["UID"].startswith("septembre-"))
    description = september["DESCRIPTION"].replace("\\n", "\n").replace("\\,", ",")
    assert "Tout au long de l'année : 1 tâche." in description
    assert task.title in description
    september_tasks = sum(Period.SEPTEMBRE in t.when for t in site.all("tasks"))
    assert september["SUMMARY"].endswith(f": {september_tasks + 1} tâches")


def test_uids_are_stable_unique_and_name_academy_period_and_year():
    site = catalog("academie-test")
    first = calendar_files(site, YEAR, None)
    assert first == calendar_files(catalog("academie-test"), YEAR, None)
    uids = [e["UID"] for e in events(first[SITE_CALENDAR])]
    assert len(uids) == len(set(uids))
    assert all(u.endswith("-2026-2027@academie-test.vademecum") for u in uids)
    assert "mai-2026-2027@academie-test.vademecum" in uids
    rupn = [e["UID"] for e in events(first["roles/rupn/calendrier.ics"])]
    assert "mai-2026-2027-rupn@academie-test.vademecum" in rupn
    # Another school year gives other events, not the same ones redated.
    other = calendar_files(site, SchoolYear(2027), None)[SITE_CALENDAR]
    assert not set(uids) & {e["UID"] for e in events(other)}


def test_role_feed_holds_only_the_role_tasks():
    site = catalog("academie-test")
    files = calendar_files(site, YEAR, None)
    assert set(files) == {SITE_CALENDAR} | {role_calendar_path(r.id) for r in site.all("roles")}
    cyber = events(files["roles/referent-cyber/calendrier.ics"])
    assert [e["SUMMARY"] for e in cyber] == ["Vademecum — septembre : 1 tâche"]
    assert "Désigner le RUPN avant les vacances de Toussaint" in cyber[0]["DESCRIPTION"]
    assert "Mettre à jour STSweb" not in cyber[0]["DESCRIPTION"]
    rupn = {e["UID"]: e for e in events(files["roles/rupn/calendrier.ics"])}
    assert (
        "Organiser le Cybermois"
        in rupn["octobre-2026-2027-rupn@academie-test.vademecum"]["DESCRIPTION"]
    )  # leads
    assert (
        "Désigner le RUPN"
        in rupn["septembre-2026-2027-rupn@academie-test.vademecum"]["DESCRIPTION"]
    )  # associated
    assert not any(u.startswith("avant-la-rentree") for u in rupn)


def test_description_lists_the_tasks_with_absolute_links():
    site = catalog("academie-test")
    text = calendar_files(site, YEAR, "https://example.org/v/academie-test/")[SITE_CALENDAR]
    event = next(e for e in events(text) if e["UID"].startswith("septembre-"))
    assert event["URL"] == "https://example.org/v/academie-test/calendrier/septembre/"
    description = event["DESCRIPTION"]
    assert (
        "- Désigner le RUPN avant les vacances de Toussaint (pilote : Chef d'établissement)\\n"
        in description
    )
    assert "https://example.org/v/academie-test/calendrier/septembre/#designer-rupn" in description
    assert "X-WR-CALNAME:Vademecum du numérique — Académie de test — 2026-2027" in unfold(text)
    assert "X-WR-TIMEZONE:Europe/Paris" in unfold(text)
    unknown = calendar_files(site, YEAR, None)[SITE_CALENDAR]
    event = next(e for e in events(unknown) if e["UID"].startswith("septembre-"))
    assert "URL" not in event
    assert "calendrier/" not in event["DESCRIPTION"]  # no relative path an agenda cannot open
    assert "Sur le site : page « Septembre » du calendrier." in event["DESCRIPTION"]


def test_escaping():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_folding_at_75_octets_without_cutting_a_character():
    line = "DESCRIPTION:" + "Délégué à la protection des données — ÉÀÇ😀 " * 10
    folded = fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    for part in physical:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line
    assert fold("SUMMARY:court") == "SUMMARY:court"


def test_crlf_line_endings_and_envelope():
    text = calendar_files(catalog("academie-test"), YEAR, None)[SITE_CALENDAR]
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        lines[2],
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert lines[2].startswith("PRODID:")
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")


def test_dtstamp_follows_source_date_epoch():
    text = calendar_files(catalog("national"), YEAR, None, epoch=1790000000)[SITE_CALENDAR]
    assert {e["DTSTAMP"] for e in events(text)} == {"20260921T141320Z"}


def test_school_year_choice():
    assert chosen_school_year(None, dt.date(2027, 7, 31)) == SchoolYear(2026)
    assert chosen_school_year("", dt.date(2027, 8, 1)) == SchoolYear(2027)
    assert chosen_school_year("2030-2031", dt.date(2027, 8, 1)) == SchoolYear(2030)
    with pytest.raises(SchoolYearError, match="année scolaire invalide « 2030 »"):
        chosen_school_year("2030")
    with pytest.raises(SchoolYearError, match="année scolaire invalide"):
        parse_school_year("2026-2028")


def test_role_without_tasks_has_no_calendar_and_no_link():
    from vademecum.site.pages import PageBuilder
    from vademecum.site.render.components import Renderer

    site = catalog("academie-test")
    entry = site.records["tasks"]["designer-rupn"]
    entry.record = entry.record.model_copy(
        update={"who": entry.record.who.model_copy(update={"with_": ["rupn"]})}
    )
    files = calendar_files(site, YEAR, None)
    assert "roles/referent-cyber/calendrier.ics" not in files
    assert "roles/rupn/calendrier.ics" in files
    builder = PageBuilder(site, Renderer(site), YEAR)
    page = builder.subscription().body
    assert "../roles/rupn/calendrier.ics" in page and "referent-cyber/calendrier.ics" not in page
    assert "calendrier.ics" not in builder.role("referent-cyber").body
    assert "(rupn/calendrier.ics)" in builder.role("rupn").body
    assert "année scolaire 2026-2027" in page


def test_the_avant_la_rentree_page_says_whose_year_its_ticks_are():
    """Its checkboxes are the current year's until 31 July; the coming rentrée has its own list."""
    from vademecum.data.model import Period
    from vademecum.site.pages import PageBuilder
    from vademecum.site.render.components import Renderer

    site = catalog("academie-test")
    builder = PageBuilder(site, Renderer(site), YEAR)
    hint = "la préparation de la rentrée suivante se coche dans sa propre liste"
    assert hint in builder.period(Period.AVANT_LA_RENTREE).body
    assert hint not in builder.period(Period.SEPTEMBRE).body
