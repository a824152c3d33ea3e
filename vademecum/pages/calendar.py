"""The calendar pages: the year at a glance, one page per period, subscription, booklet."""

from __future__ import annotations

import re

from vademecum.calendars import SITE_CALENDAR, role_calendar_path, role_tasks
from vademecum.model import Period
from vademecum.pages.base import BasePages, Page, html_block, make_page, period_slug, verified_line
from vademecum.render.html import esc
from vademecum.render.labels import (
    PERIOD_LABELS,
    PERIOD_ORDER,
)


class CalendarPages(BasePages):
    def calendar_index(self) -> Page:
        rows = [
            "| Période | Tâches | Dont prise de fonction | Faites |",
            "|---|---|---|---|",
        ]
        for period in PERIOD_ORDER:
            tasks = self.tasks_with("when", period.value)
            first = sum(1 for t in tasks if "prise-de-fonction" in t.flags)
            progress = f'<span class="vm-month-progress" data-vm-month="{period.value}"></span>'
            rows.append(
                f"| [{PERIOD_LABELS[period]}]({period_slug(period)}.md) | {len(tasks)} | {first} "
                f"| {progress} |"
            )
        body = (
            "L'année du numérique de l'établissement, période par période. Une tâche qui "
            "s'étend sur plusieurs mois figure sur chacun d'eux.\n\n"
            + "\n".join(rows)
            + "\n\n[S'abonner au calendrier](abonnement.md) : toutes ces tâches dans votre "
            "agenda (Outlook, Thunderbird, ENT, téléphone), mises à jour automatiquement.\n"
        )
        return make_page(
            "calendrier/index.md", "Calendrier de l'année", body, "data/national/tasks.yml"
        )

    def period(self, period: Period) -> Page:
        tasks = self.tasks_with("when", period.value)
        intro = f"{len(tasks)} tâche(s) pour cette période."
        body = (
            self.print_heading(PERIOD_LABELS[period])
            + intro
            + "\n\n"
            + (self.by_theme(tasks) or html_block(self.r.task_list([])))
        )
        body += verified_line(self.cited_dates(tasks))
        return make_page(f"calendrier/{period_slug(period)}.md", PERIOD_LABELS[period], body)

    def subscription(self) -> Page:
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
        for role in self.catalog.all("roles"):
            name = role.full_name
            count = len(role_tasks(self.catalog, role.id))
            if not count:  # no calendar for a role without tasks
                continue
            path = role_calendar_path(role.id)
            rows.append(
                f"| [{esc(name)}](../roles/{role.id}.md) | {count} | "
                f"[{esc(role.abbreviation or role.name)} — calendrier.ics](../{path}) |"
            )
        copy = (
            "Pour obtenir l'adresse à coller dans votre agenda, faites un clic droit sur le lien "
            "du calendrier et choisissez « Copier l'adresse du lien » (sur téléphone : appui long "
            "sur le lien)."
        )
        ent = self.catalog.academy.ent_name
        body = (
            "Les tâches de ce vademecum existent aussi sous forme de calendrier à ajouter à votre "
            "agenda (format iCalendar, fichier `.ics`), pour l'**année scolaire "
            f"{year}** : un seul rappel par mois, un événement « toute la journée » le premier "
            "jour ouvré du mois, intitulé avec le nombre de tâches (« Vademecum — octobre : "
            "8 tâches »). Le détail de l'événement liste les tâches du mois, avec qui les pilote "
            "et un lien vers chacune sur ce site. Les tâches « avant la rentrée » ont leur rappel "
            "le premier jour ouvré à partir du 16 août ; celles de toute l'année sont rappelées "
            "en septembre.\n\n"
            "**Abonnez-vous plutôt que d'importer le fichier** : un agenda abonné se met à jour "
            "tout seul quand le vademecum change (avec un délai de quelques heures à une "
            "journée, selon l'agenda), alors qu'un fichier importé est une copie figée. Les "
            "événements d'un calendrier abonné ne peuvent pas être modifiés dans votre agenda : "
            "c'est normal.\n\n"
            "## Calendrier de l'établissement\n\n"
            f"Toutes les tâches de l'année : [calendrier.ics](../{SITE_CALENDAR})"
            + address(SITE_CALENDAR)
            + f"\n\n{copy}\n\n"
            "## Calendriers par rôle\n\n"
            "Chaque rôle a son propre calendrier, limité aux tâches qu'il pilote ou auxquelles "
            "il est associé : abonnez-vous à celui de votre fonction, ou transmettez son adresse "
            "à la personne qui tient le rôle.\n\n" + "\n".join(rows) + "\n\n"
            "## Ajouter l'adresse à votre agenda\n\n"
            "### Outlook (sur le web et application de bureau)\n\n"
            "1. Ouvrez le calendrier, puis choisissez « Ajouter un calendrier ».\n"
            "2. Choisissez « À partir d'Internet » (Outlook sur le web : « S'abonner à partir "
            "du web »).\n"
            "3. Collez l'adresse du calendrier, donnez-lui un nom, puis validez.\n\n"
            "### Thunderbird\n\n"
            "1. Dans l'agenda, choisissez « Nouvel agenda », puis « Sur le réseau ».\n"
            "2. Collez l'adresse du calendrier, puis « Rechercher des agendas ».\n"
            "3. Cochez l'agenda trouvé et choisissez « S'abonner ».\n\n"
            "### L'agenda de l'ENT\n\n"
            f"Si l'agenda de l'ENT{f' ({esc(ent)})' if ent else ''} permet d'ajouter un agenda externe par son adresse (adresse "
            "« iCal », « ICS » ou « webcal »), collez-y l'adresse du calendrier. S'il ne propose "
            "que l'import d'un fichier, l'agenda ne se mettra pas à jour : préférez alors un "
            "autre agenda.\n\n"
            "### iPhone et iPad\n\n"
            "1. Ouvrez Réglages > Calendrier > Comptes > Ajouter un compte > Autre.\n"
            "2. Choisissez « Ajouter un calendrier avec abonnement ».\n"
            "3. Collez l'adresse du calendrier, puis « Suivant » et « Enregistrer ».\n\n"
            "### Android\n\n"
            "L'application Google Agenda ne sait pas s'abonner à une adresse : passez par Google "
            "Agenda sur le web, depuis un ordinateur.\n\n"
            "1. Dans Google Agenda sur le web, à côté de « Autres agendas », choisissez « + », "
            "puis « À partir de l'URL ».\n"
            "2. Collez l'adresse du calendrier, puis « Ajouter l'agenda ».\n"
            "3. Sur le téléphone, l'agenda apparaît après la synchronisation du compte Google "
            "(vérifiez qu'il est coché dans les paramètres de l'application).\n\n"
            "## À la rentrée suivante\n\n"
            f"Le calendrier couvre l'année scolaire {year}. Quand le site est mis à jour pour "
            "l'année suivante, le même abonnement passe à la nouvelle année : rien à refaire."
        )
        return make_page("calendrier/abonnement.md", "S'abonner au calendrier", body)

    def booklet(self) -> Page:
        academy = self.catalog.academy.name
        cover = (
            f'<div class="vm-booklet-cover"><h2>Vademecum du pilotage numérique</h2>'
            f"<p>{esc(academy)}</p><p>Année scolaire {self.year.label}</p></div>"
        )
        months = []
        for period in PERIOD_ORDER:
            ids = [t.id for t in self.tasks_with("when", period.value)]
            if not ids:
                continue
            fragments = "\n".join(self.r.task_copy(task_id, period.value) for task_id in ids)
            months.append(
                f'<section class="vm-booklet-month"><h2 id="livret-{period.value}">'
                f"{PERIOD_LABELS[period]}</h2>"
                f'<p class="vm-print-heading">{esc(academy)} — {PERIOD_LABELS[period]} — '
                f"année scolaire {self.year.label}</p>"
                f'<div class="vm-tasks">\n{fragments}\n</div></section>'
            )
        body = (
            "Toute l'année en un seul document : imprimez cette page (ou enregistrez-la en PDF) "
            "pour obtenir un livret, chaque mois commençant sur une nouvelle feuille.\n"
            + html_block(cover)
            + "\n".join(html_block(m) for m in months)
            + html_block(
                '<section class="vm-booklet-month"><h2 id="livret-contacts">Contacts</h2>'
                f"{self.contacts_html()}</section>"
            )
        )
        return make_page("livret.md", "Livret de l'année", body, search=False)
