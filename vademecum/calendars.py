"""Calendars to subscribe to (iCalendar, RFC 5545): the whole site's, and one per role.

One all-day event per task and per period of its `when`, dated in the chosen school year. The
UID holds the académie, the task, the period and the school year, so that a subscribed agenda
updates its events instead of duplicating them. Two builds of the same data and year give the
same bytes (DTSTAMP comes from the school year, or from SOURCE_DATE_EPOCH).

Written by hand (no dependency): CRLF line endings, lines folded at 75 octets, TEXT escaping.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Iterable

from vademecum.catalog import Catalog
from vademecum.labels import LEVEL_LABELS, PERIOD_ORDER, period_list
from vademecum.model import Period, Task
from vademecum.school_year import SchoolYear

SITE_CALENDAR = "calendrier.ics"
PRODID = "-//Vademecum du pilotage numerique//Calendrier//FR"
TIMEZONE = "Europe/Paris"
LINE_OCTETS = 75
CRLF = "\r\n"


def role_calendar_path(role_id: str) -> str:
    return f"roles/{role_id}/calendrier.ics"


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


def plain_text(markdown: str) -> str:
    """A Markdown field as readable plain text: links keep their address, marks go away.

    Every pattern stops at the next delimiter it cannot contain, so the work is linear in the
    length of the text (a field made of thousands of `**a ` must not take minutes).
    """
    text = markdown.replace("\r\n", "\n").strip()
    text = re.sub(r"!\[([^\[\]\n]*)\]\([^()\s]*\)", r"\1", text)  # images: their text

    def _link(match: re.Match[str]) -> str:
        label, url = match.group(1).strip(), match.group(2).strip()
        return label if not url or url == label or url.startswith("#") else f"{label} ({url})"

    text = re.sub(r"\[([^\[\]\n]+)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)", _link, text)
    text = re.sub(r"<((?:https?://|mailto:)[^<>\s]+)>", r"\1", text)  # autolinks
    # Emphasis: the opening and closing marks are removed where they stand, never paired up.
    text = re.sub(r"(?<![\w*])\*{1,2}(?=[^\s*])|(?<=[^\s*])\*{1,2}(?![\w*])", "", text)
    text = re.sub(r"(?<![\w_])_{1,2}(?=[^\s_])|(?<=[^\s_])_{1,2}(?![\w_])", "", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)  # code
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+", "", text, flags=re.M)  # headings
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.M)  # quotes
    text = re.sub(r"^([ \t]*)[*+][ \t]+", r"\1- ", text, flags=re.M)  # bullets
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)  # backslash escapes
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text)


def dtstamp(year: SchoolYear) -> str:
    """Deterministic DTSTAMP: SOURCE_DATE_EPOCH if set, else 1 August of the school year."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return moment.strftime("%Y%m%dT%H%M%SZ")
    return f"{year.start}0801T000000Z"


def uid(academy_id: str, task_id: str, period: Period, year: SchoolYear) -> str:
    return f"{task_id}-{period.value}-{year.label}@{academy_id}.vademecum"


# -- events and calendars ------------------------------------------------------------------


def _role_label(catalog: Catalog, role_id: str) -> str:
    role = catalog.get("roles", role_id)
    return role.full_name


def _periods(task: Task) -> list[Period]:
    return sorted(set(task.when), key=PERIOD_ORDER.index)


def task_link(task: Task, period: Period) -> str:
    """The task on its month page, relative to the site root."""
    return f"calendrier/{period.value}/#{task.id}"


def _description(catalog: Catalog, task: Task, period: Period, site_url: str | None) -> str:
    lines = [
        f"Quand : {period_list(task.when)}",
        f"Pilote : {_role_label(catalog, task.who.lead)}",
    ]
    if task.who.with_:
        lines.append("Avec : " + ", ".join(_role_label(catalog, r) for r in task.who.with_))
    lines += [
        f"Niveau : {LEVEL_LABELS[task.level]}",
    ]
    if task.services:
        names = []
        for service_id in task.services:
            service = catalog.get("services", service_id)
            names.append(service.abbreviation or service.name)
        lines.append(f"Services : {', '.join(names)}")
    details = plain_text(task.details) if task.details else ""
    if details:
        lines += ["", details]
    source = task.source
    document = catalog.get("documents", source.document)
    page = f", p. {source.page}" if source.page else ""
    lines += ["", f"Source : {document.title} — {source.section}{page} ({document.publisher})"]
    link = task_link(task, period)
    lines.append(f"Sur le site : {site_url + link if site_url else link}")
    return "\n".join(lines)


def _event(
    catalog: Catalog, task: Task, period: Period, year: SchoolYear, site_url: str | None
) -> list[str]:
    start, end = year.period_range(period)
    themes = [catalog.get("themes", t).name for t in task.themes if catalog.has("themes", t)]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid(catalog.academy.id, task.id, period, year))}",
        f"DTSTAMP:{dtstamp(year)}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{escape_text(task.title)}",
        f"DESCRIPTION:{escape_text(_description(catalog, task, period, site_url))}",
    ]
    if themes:
        lines.append("CATEGORIES:" + ",".join(escape_text(name) for name in themes))
    if site_url:
        lines.append(f"URL:{site_url}{task_link(task, period)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar_text(
    catalog: Catalog,
    tasks: Iterable[Task],
    year: SchoolYear,
    site_url: str | None,
    name: str,
    description: str,
    folded_events: dict[tuple[str, Period], str] | None = None,
) -> str:
    """The iCalendar text of `tasks`: one all-day event per task and period, in date order."""
    events = []
    for index, task in enumerate(tasks):
        for period in _periods(task):
            events.append((year.period_range(period)[0], index, PERIOD_ORDER.index(period), task))
    events.sort(key=lambda e: e[:3])
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
    cache = {} if folded_events is None else folded_events  # an event reads the same everywhere
    head = "".join(fold(line) + CRLF for line in lines)
    body = []
    for _start, _index, order, task in events:
        key = (task.id, PERIOD_ORDER[order])
        if key not in cache:
            event = _event(catalog, task, key[1], year, site_url)
            cache[key] = "".join(fold(line) + CRLF for line in event)
        body.append(cache[key])
    return head + "".join(body) + "END:VCALENDAR" + CRLF


def role_tasks(catalog: Catalog, role_id: str) -> list[Task]:
    """The tasks a role leads or is associated with."""
    return [t for t in catalog.all("tasks") if t.who.lead == role_id or role_id in t.who.with_]


def calendar_name(catalog: Catalog, year: SchoolYear, role_id: str | None = None) -> str:
    parts = ["Vademecum du numérique"]
    if role_id:
        parts.append(_role_label(catalog, role_id))
    parts += [catalog.academy.name, year.label]
    return " — ".join(parts)


def calendar_files(catalog: Catalog, year: SchoolYear, site_url: str | None) -> dict[str, str]:
    """Every calendar of the site: path (relative to the site root) → iCalendar text."""
    academy = catalog.academy.name
    folded: dict[tuple[str, Period], str] = {}
    files = {
        SITE_CALENDAR: calendar_text(
            catalog,
            catalog.all("tasks"),
            year,
            site_url,
            calendar_name(catalog, year),
            f"Les tâches du pilotage numérique de l'établissement, mois par mois, pour l'année "
            f"scolaire {year.label} ({academy}).",
            folded,
        )
    }
    for role in catalog.all("roles"):
        tasks = role_tasks(catalog, role.id)
        if not tasks:  # no calendar without events (RFC 5545 wants at least one component)
            continue
        files[role_calendar_path(role.id)] = calendar_text(
            catalog,
            tasks,
            year,
            site_url,
            calendar_name(catalog, year, role.id),
            f"Les tâches que pilote le rôle « {_role_label(catalog, role.id)} » ou auxquelles il "
            f"est associé, pour l'année scolaire {year.label} ({academy}).",
            folded,
        )
    return files
