"""Calendars to subscribe to (iCalendar, RFC 5545): the whole site's, and one per role.

One all-day event per period that has tasks, on the first working day of the period (Monday to
Friday, not a public holiday): « Vademecum — octobre : 8 tâches », its description listing the
tasks with their links. The data gives no rentrée date, so « avant la rentrée » falls on the
first working day from 16 August, where the period starts (school_year.py). Tasks of « toute
l'année » are listed in September's event. Tasks have no date of their own in the data, so there
are no dated events.

The UID holds the académie, the period, the school year (and the role for a role's feed), so that
a subscribed agenda updates its events instead of duplicating them. Two builds of the same data
and year give the same bytes (DTSTAMP comes from the school year, or from SOURCE_DATE_EPOCH).

Written by hand (no dependency): CRLF line endings, lines folded at 75 octets, TEXT escaping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vademecum.data.catalog import Catalog
from vademecum.data.labels import PERIOD_LABELS, PERIOD_ORDER
from vademecum.data.model import Period, Task
from vademecum.data.school_year import SchoolYear
from vademecum.site.pages.declarations import page_url

SITE_CALENDAR = "calendrier.ics"
PRODID = "-//Vademecum du pilotage numerique//Calendrier//FR"
TIMEZONE = "Europe/Paris"
LINE_OCTETS = 75
CRLF = "\r\n"


def role_calendar_path(role_id: str) -> str:
    return page_url("role", role_id) + "calendrier.ics"


# -- RFC 5545 text ---------------------------------------------------------------------


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts: list[bytes] = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, LINE_OCTETS - 1  # the leading space of a continuation line counts
    parts.append(data[start:])
    return (CRLF + " ").join(part.decode("utf-8") for part in parts)


def dtstamp(year: SchoolYear, epoch: int | None = None) -> str:
    """Deterministic DTSTAMP: the build's SOURCE_DATE_EPOCH if given, else 1 August of the
    school year."""
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{year.start}0801T000000Z"


def uid(academy_id: str, period: Period, year: SchoolYear, role_id: str | None = None) -> str:
    role = f"-{role_id}" if role_id else ""
    return f"{period.value}-{year.label}{role}@{academy_id}.vademecum"


# -- working days ----------------------------------------------------------------------------


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m + 114) // 31
    day = (h + m + 114) % 31 + 1
    return dt.date(year, n, day)


def public_holidays(year: int) -> set[dt.date]:
    """France's public holidays (Code du travail, article L3133-1)."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [sunday + dt.timedelta(days=n) for n in (1, 39, 50)]  # Monday, Ascension, Pentecost
    return {dt.date(year, m, d) for m, d in fixed} | set(moving)


def first_working_day(day: dt.date) -> dt.date:
    """`day`, or the first day after it that is neither a weekend nor a public holiday."""
    while day.weekday() >= 5 or day in public_holidays(day.year):
        day += dt.timedelta(days=1)
    return day


def event_day(year: SchoolYear, period: Period) -> dt.date:
    """The day of a period's event (« toute l'année » goes with September)."""
    if period is Period.TOUTE_L_ANNEE:
        period = Period.SEPTEMBRE
    return first_working_day(year.period_range(period)[0])


# -- events and calendars ------------------------------------------------------------------


def _role_label(catalog: Catalog, role_id: str) -> str:
    return catalog.role(role_id).full_name


def month_link(period: Period) -> str:
    """A period's page, relative to the site root."""
    return page_url("period", period.value)


def _count(n: int) -> str:
    return f"{n} tâche" if n == 1 else f"{n} tâches"


def _task_lines(
    catalog: Catalog, tasks: list[Task], period: Period, site_url: str | None
) -> list[str]:
    lines = []
    for task in tasks:
        lines.append(f"- {task.title} (pilote : {_role_label(catalog, task.who.lead)})")
        if site_url:
            lines.append(f"  {site_url}{month_link(period)}#{task.id}")
    return lines


def _description(
    catalog: Catalog,
    period: Period,
    groups: dict[Period, list[Task]],
    site_url: str | None,
    scope: str,
) -> str:
    label = PERIOD_LABELS[period].lower()
    tasks = groups[period]
    lines = [f"{scope} — {label} : {_count(len(tasks))}."] if tasks else [f"{scope}."]
    if tasks:
        lines += [""] + _task_lines(catalog, tasks, period, site_url)
    if period is Period.SEPTEMBRE and groups.get(Period.TOUTE_L_ANNEE):
        year_long = groups[Period.TOUTE_L_ANNEE]
        lines += ["", f"Tout au long de l'année : {_count(len(year_long))}.", ""]
        lines += _task_lines(catalog, year_long, Period.TOUTE_L_ANNEE, site_url)
    lines.append("")
    if site_url:
        lines.append(f"Sur le site : {site_url}{month_link(period)}")
    else:
        lines.append(f"Sur le site : page « {PERIOD_LABELS[period]} » du calendrier.")
    return "\n".join(lines)


def _event(
    catalog: Catalog,
    period: Period,
    groups: dict[Period, list[Task]],
    year: SchoolYear,
    site_url: str | None,
    role_id: str | None,
    scope: str,
    stamp: str,
) -> list[str]:
    day = event_day(year, period)
    count = len(groups[period])
    if period is Period.SEPTEMBRE:
        count += len(groups.get(Period.TOUTE_L_ANNEE, []))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid(catalog.academy.id, period, year, role_id))}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(f'Vademecum — {PERIOD_LABELS[period].lower()} : {_count(count)}')}",
        f"DESCRIPTION:{escape_text(_description(catalog, period, groups, site_url, scope))}",
    ]
    if site_url:
        lines.append(f"URL:{site_url}{month_link(period)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar_text(
    catalog: Catalog,
    tasks: Iterable[Task],
    year: SchoolYear,
    site_url: str | None,
    name: str,
    description: str,
    role_id: str | None = None,
    epoch: int | None = None,
) -> str:
    """The iCalendar text of `tasks`: one all-day event per period that has tasks."""
    groups: dict[Period, list[Task]] = {p: [] for p in PERIOD_ORDER}
    for task in tasks:
        for period in set(task.when):
            groups[period].append(task)
    periods = [p for p in PERIOD_ORDER if groups[p] and p is not Period.TOUTE_L_ANNEE]
    if groups[Period.TOUTE_L_ANNEE] and Period.SEPTEMBRE not in periods:
        periods.append(Period.SEPTEMBRE)  # the year-long tasks are listed in September
    periods.sort(key=lambda p: event_day(year, p))
    scope = (
        f"Tâches du rôle « {_role_label(catalog, role_id)} »" if role_id else "Tâches du vademecum"
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-CALDESC:{escape_text(description)}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ]
    for period in periods:
        lines += _event(
            catalog, period, groups, year, site_url, role_id, scope, dtstamp(year, epoch)
        )
    return "".join(fold(line) + CRLF for line in lines) + "END:VCALENDAR" + CRLF


def calendar_name(catalog: Catalog, year: SchoolYear, role_id: str | None = None) -> str:
    parts = ["Vademecum du numérique"]
    if role_id:
        parts.append(_role_label(catalog, role_id))
    parts += [catalog.academy.name, year.label]
    return " — ".join(parts)


def calendar_files(
    catalog: Catalog, year: SchoolYear, site_url: str | None, epoch: int | None = None
) -> dict[str, str]:
    """Every calendar of the site: path (relative to the site root) → iCalendar text.

    `epoch` (the build's SOURCE_DATE_EPOCH) dates the events; by default, 1 August."""
    academy = catalog.academy.name
    files = {
        SITE_CALENDAR: calendar_text(
            catalog,
            catalog.tasks,
            year,
            site_url,
            calendar_name(catalog, year),
            f"Les tâches du pilotage numérique de l'établissement, un rappel par mois, pour "
            f"l'année scolaire {year.label} ({academy}).",
            epoch=epoch,
        )
    }
    for role in catalog.roles:
        tasks = catalog.tasks_of_role(role.id)
        if not tasks:  # no calendar without events (RFC 5545 wants at least one component)
            continue
        files[role_calendar_path(role.id)] = calendar_text(
            catalog,
            tasks,
            year,
            site_url,
            calendar_name(catalog, year, role.id),
            f"Les tâches que pilote le rôle « {_role_label(catalog, role.id)} » ou auxquelles il "
            f"est associé, un rappel par mois, pour l'année scolaire {year.label} ({academy}).",
            role.id,
            epoch,
        )
    return files
