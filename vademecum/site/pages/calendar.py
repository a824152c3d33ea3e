"""The calendar pages: the year at a glance, one page per period, subscription, booklet."""

from __future__ import annotations

import re

from markupsafe import Markup

from vademecum.data.labels import (
    PERIOD_LABELS,
    PERIOD_ORDER,
)
from vademecum.data.model import Period
from vademecum.site.blocks import wrap
from vademecum.site.calendars import SITE_CALENDAR, role_calendar_path
from vademecum.site.pages.base import BasePages, Content
from vademecum.site.pages.declarations import page_path
from vademecum.site.render.html import esc


class CalendarPages(BasePages):
    def calendar_index(self) -> Content:
        rows = []
        for period in PERIOD_ORDER:
            tasks = self.tasks_with("when", period.value)
            first = sum(1 for t in tasks if "prise-de-fonction" in t.flags)
            rows.append(
                {
                    "period": period,
                    "label": PERIOD_LABELS[period],
                    "count": len(tasks),
                    "first": first,
                }
            )
        table = wrap(self.r.render("calendar_index.html", rows=rows))
        body = self.prose.text("calendrier", tableau_des_periodes=table)
        return Content(body, "data/national/tasks.yml")

    def period(self, key: str) -> Content:
        period = Period(key)
        tasks = self.in_work_order(self.tasks_with("when", period.value))
        intro = self.r.render(
            "period_intro.html", count=len(tasks), scenarios=bool(self.catalog.scenarios)
        )
        if period is Period.AVANT_LA_RENTREE:  # whose year its ticks are, in June and July
            intro += self.r.render("preparation_hint.html")
        body = (
            self.print_heading(PERIOD_LABELS[period])
            + wrap(intro)
            + "\n\n"
            + wrap(self.r.task_list([t.id for t in tasks], indexed=True))
        )
        body += self.verified_line(self.cited_dates(tasks))
        return Content(body)

    def subscription(self) -> Content:
        """How to subscribe to the site's calendar and to each role's (files of calendars.py)."""
        year = self.year.label

        def address(path: str) -> str:
            if not self.site_url:
                return ""
            url = self.site_url + path
            webcal = re.sub(r"^https?://", "webcal://", url)
            return f"\n\nAdresse à copier : `{url}`" + (
                f" ([ouvrir dans l'agenda]({webcal}))" if webcal != url else ""
            )

        rows = ["| Rôle | Tâches | Calendrier |", "|---|---|---|"]
        for role in self.catalog.roles:
            name = role.full_name
            count = len(self.catalog.tasks_of_role(role.id))
            if not count:  # no calendar for a role without tasks
                continue
            path = role_calendar_path(role.id)
            rows.append(
                f"| [{esc(name)}](../{page_path('role', role.id)}) | {count} | "
                f"[{esc(role.abbreviation or role.name)} — calendrier.ics](../{path}) |"
            )
        ent = self.catalog.academy.ent_name
        body = self.prose.text(
            "abonnement",
            annee=year,
            nom_ent=f" ({esc(ent)})" if ent else "",
            calendrier_etablissement=f"[calendrier.ics](../{SITE_CALENDAR})"
            + address(SITE_CALENDAR),
            calendriers_des_roles="\n".join(rows),
        )
        return Content(body)

    def booklet(self) -> Content:
        """The whole year on one page: printed as a checklist (« liste », one line per task, the
        default) or with every task's details (« détaillée »), chosen in the print bar."""
        academy = self.catalog.academy.name
        year = self.year.label
        cover = self.r.render("booklet_cover.html", academy=academy, year=year)
        months: list[str] = []
        entries: list[dict[str, str | int | None]] = []
        for period in PERIOD_ORDER:
            ids = [t.id for t in self.tasks_with("when", period.value)]
            if not ids:
                continue
            entries.append(
                {"anchor": period.value, "title": PERIOD_LABELS[period], "count": len(ids)}
            )
            tasks = Markup("\n").join(Markup(self.r.task(i, period.value)) for i in ids)
            months.append(
                self.r.render(
                    "booklet_month.html",
                    anchor=period.value,
                    title=PERIOD_LABELS[period],
                    academy=academy,
                    year=year,
                    tasks=tasks,
                )
            )
        entries.append({"anchor": "contacts", "title": "Contacts", "count": None})
        toc = self.r.render("booklet_toc.html", entries=entries)
        instructions = self.r.render("screen_only.html", text=self.prose.text("livret"))
        body = (
            wrap(instructions)
            + wrap(cover)
            + wrap(toc)
            + "\n".join(wrap(m) for m in months)
            + wrap(
                self.r.render(
                    "booklet_month.html",
                    anchor="contacts",
                    title="Contacts",
                    tasks=None,
                    content=Markup(self.contacts_html()),
                )
            )
        )
        return Content(body, search=False)
