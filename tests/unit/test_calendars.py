"""The iCalendar feeds: UIDs, dates of each period, escaping, folding and line endings."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MINISITE
from vademecum.calendars import (
    SITE_CALENDAR,
    calendar_files,
    escape_text,
    fold,
    plain_text,
    role_calendar_path,
)
from vademecum.cascade import load_catalog
from vademecum.catalog import Catalog
from vademecum.model import Period
from vademecum.school_year import (
    SchoolYear,
    SchoolYearError,
    chosen_school_year,
    parse_school_year,
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


def test_events_carry_the_dates_of_their_period():
    text = calendar_files(catalog("national"), YEAR, None)[SITE_CALENDAR]
    by_uid = {e["UID"]: e for e in events(text)}
    december = by_uid["suivre-ent-decembre-2026-2027@national.vademecum"]
    assert december["DTSTART;VALUE=DATE"] == "20261201"
    assert december["DTEND;VALUE=DATE"] == "20270101"
    january = by_uid["suivre-ent-janvier-2026-2027@national.vademecum"]
    assert (january["DTSTART;VALUE=DATE"], january["DTEND;VALUE=DATE"]) == ("20270101", "20270201")
    before = by_uid["mettre-a-jour-stsweb-avant-la-rentree-2026-2027@national.vademecum"]
    assert (before["DTSTART;VALUE=DATE"], before["DTEND;VALUE=DATE"]) == ("20260816", "20260901")
    assert december["SUMMARY"] == "Suivre la fréquentation de l'ENT"
    assert december["DTSTAMP"] == "20260801T000000Z"


def test_all_year_task(monkeypatch):
    site = catalog("national")
    task = site.get("tasks", "bilan-ca").model_copy(update={"when": [Period.TOUTE_L_ANNEE]})
    site.records["tasks"]["bilan-ca"].record = task
    found = events(calendar_files(site, YEAR, None)[SITE_CALENDAR])
    event = next(e for e in found if e["UID"].startswith("bilan-ca-"))
    assert event["UID"] == "bilan-ca-toute-l-annee-2026-2027@national.vademecum"
    assert (event["DTSTART;VALUE=DATE"], event["DTEND;VALUE=DATE"]) == ("20260901", "20270701")


def test_uids_are_stable_unique_and_name_academy_task_and_year():
    site = catalog("academie-test")
    first = calendar_files(site, YEAR, None)
    assert first == calendar_files(catalog("academie-test"), YEAR, None)
    uids = [e["UID"] for e in events(first[SITE_CALENDAR])]
    assert len(uids) == len(set(uids)) == sum(len(set(t.when)) for t in site.all("tasks"))
    assert all(u.endswith("-2026-2027@academie-test.vademecum") for u in uids)
    assert "bilan-ca-mai-2026-2027@academie-test.vademecum" in uids
    # Another school year gives other events, not the same ones redated.
    other = calendar_files(site, SchoolYear(2027), None)[SITE_CALENDAR]
    assert not set(uids) & {e["UID"] for e in events(other)}


def test_role_feed_holds_only_the_role_tasks():
    site = catalog("academie-test")
    files = calendar_files(site, YEAR, None)
    assert set(files) == {SITE_CALENDAR} | {role_calendar_path(r.id) for r in site.all("roles")}
    cyber = {
        e["UID"].split("-2026")[0] for e in events(files["roles/referent-cyber/calendrier.ics"])
    }
    assert cyber == {"designer-rupn-septembre"}
    rupn = {e["UID"] for e in events(files["roles/rupn/calendrier.ics"])}
    assert "cybermois-octobre-2026-2027@academie-test.vademecum" in rupn  # leads
    assert "designer-rupn-septembre-2026-2027@academie-test.vademecum" in rupn  # associated
    assert not any(u.startswith("mettre-a-jour-stsweb") for u in rupn)


def test_description_url_and_calendar_name():
    site = catalog("academie-test")
    text = calendar_files(site, YEAR, "https://example.org/v/academie-test/")[SITE_CALENDAR]
    event = next(e for e in events(text) if e["UID"].startswith("designer-rupn-"))
    assert event["URL"] == "https://example.org/v/academie-test/calendrier/septembre/#designer-rupn"
    assert "Pilote : Chef d'établissement\\n" in event["DESCRIPTION"]
    assert "Avec : Référent numérique (RUPN)\\, Référent cybersécurité" in event["DESCRIPTION"]
    assert "Source : Document national de test — Délégations" in event["DESCRIPTION"]
    assert "X-WR-CALNAME:Vademecum du numérique — Académie de test — 2026-2027" in unfold(text)
    assert "X-WR-TIMEZONE:Europe/Paris" in unfold(text)
    relative = calendar_files(site, YEAR, None)[SITE_CALENDAR]
    event = next(e for e in events(relative) if e["UID"].startswith("designer-rupn-"))
    assert "URL" not in event
    assert "Sur le site : calendrier/septembre/#designer-rupn" in event["DESCRIPTION"]


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


def test_dtstamp_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    text = calendar_files(catalog("national"), YEAR, None)[SITE_CALENDAR]
    assert {e["DTSTAMP"] for e in events(text)} == {"20260921T141320Z"}


def test_plain_text_from_markdown():
    text = plain_text(
        "**Vérifier** les *comptes* dans [ÉduConnect](https://educonnect.education.gouv.fr) :\n\n"
        "* élèves\n* `parents`\n\n## Titre\n\nVoir <https://example.org> et mon_fichier_x."
    )
    assert text == (
        "Vérifier les comptes dans ÉduConnect (https://educonnect.education.gouv.fr) :\n\n"
        "- élèves\n- parents\n\nTitre\n\nVoir https://example.org et mon_fichier_x."
    )


def test_school_year_choice():
    assert chosen_school_year(None, dt.date(2027, 7, 31)) == SchoolYear(2026)
    assert chosen_school_year("", dt.date(2027, 8, 1)) == SchoolYear(2027)
    assert chosen_school_year("2030-2031", dt.date(2027, 8, 1)) == SchoolYear(2030)
    with pytest.raises(SchoolYearError, match="année scolaire invalide « 2030 »"):
        chosen_school_year("2030")
    with pytest.raises(SchoolYearError, match="année scolaire invalide"):
        parse_school_year("2026-2028")


def test_role_without_tasks_has_no_calendar_and_no_link():
    from vademecum.pages import PageBuilder
    from vademecum.render.components import Renderer

    site = catalog("academie-test")
    entry = site.records["tasks"]["designer-rupn"]
    entry.record = entry.record.model_copy(
        update={"who": entry.record.who.model_copy(update={"with_": ["rupn"]})}
    )
    files = calendar_files(site, YEAR, None)
    assert "roles/referent-cyber/calendrier.ics" not in files
    assert "roles/rupn/calendrier.ics" in files
    builder = PageBuilder(site, Renderer(site), YEAR)
    page = builder.subscription().markdown
    assert "../roles/rupn/calendrier.ics" in page and "referent-cyber/calendrier.ics" not in page
    assert "calendrier.ics" not in builder.role("referent-cyber").markdown
    assert "(rupn/calendrier.ics)" in builder.role("rupn").markdown
    assert "année scolaire 2026-2027" in page
