"""The generated pages of one site: (path, title, Markdown), built from the catalog in one place.

Pages grow with months, roles, themes and services, never one per task. A hand-written page in
content/ at the same path wins over a generated one (the adapters decide; see vademecum_mkdocs).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vademecum.calendars import SITE_CALENDAR, role_calendar_path, role_tasks
from vademecum.catalog import Catalog
from vademecum.changes import Changes
from vademecum.model import Period, Task
from vademecum.render.components import Renderer
from vademecum.render.html import esc, internal, link
from vademecum.render.labels import (
    LEGAL_KIND_LABELS,
    PERIOD_LABELS,
    PERIOD_ORDER,
    PROVIDER_LABELS,
    RESOURCE_KIND_LABELS,
    french_date,
)
from vademecum.school_year import SchoolYear


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "calendrier/septembre.md"
    title: str
    markdown: str
    edit_file: str | None = None  # data file an editor opens to change this page
    search: bool = True

    @property
    def url(self) -> str:
        """Directory URL of the page relative to the site root (e.g. calendrier/septembre/)."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


def period_slug(period: Period) -> str:
    return period.value


def _page(path: str, title: str, body: str, edit_file: str | None = None, search=True) -> Page:
    front = (
        "---\nrender_macros: false\n" + ("" if search else "search:\n  exclude: true\n") + "---\n"
    )
    return Page(path, title, f"{front}\n# {esc(title)}\n\n{body}\n", edit_file, search)


def _verified_line(dates: Iterable) -> str:
    """When the page's dated information (texts, resources, contacts) was last checked."""
    known = [d for d in dates if d is not None]
    if not known:
        return ""
    return _html_block(
        '<p class="vm-page-verified">Dernière vérification des textes, ressources et contacts '
        f"de cette page : {french_date(min(known))} (date la plus ancienne).</p>"
    )


def _html_block(html: str) -> str:
    return f"\n\n{html}\n\n"


class PageBuilder:
    def __init__(
        self,
        catalog: Catalog,
        renderer: Renderer,
        year: SchoolYear,
        site_url: str | None = None,  # public address of the site (absolute calendar links)
        changes: Changes | None = None,  # since the previous school year, for « Quoi de neuf »
    ):
        self.catalog = catalog
        self.r = renderer
        self.year = year
        self.site_url = site_url
        self.changes = changes or Changes(None)
        self.tasks: list[Task] = catalog.all("tasks")

    def print_heading(self, subject: str) -> str:
        """The line that heads a printed sheet (hidden on screen)."""
        return _html_block(
            f'<p class="vm-print-heading">{esc(self.catalog.academy.name)} — {esc(subject)} — '
            f"année scolaire {self.year.label}</p>"
        )

    # -- grouping ----------------------------------------------------------------
    def by_theme(self, tasks: Iterable[Task]) -> str:
        groups: dict[str, list[str]] = defaultdict(list)
        for task in tasks:
            groups[task.themes[0]].append(task.id)
        out = []
        for theme in self.catalog.all("themes"):
            if theme.id in groups:
                out.append(
                    f"## {esc(theme.name)}\n" + _html_block(self.r.task_list(groups[theme.id]))
                )
        return "\n".join(out)

    def by_period(self, tasks: Iterable[Task]) -> str:
        groups: dict[Period, list[str]] = defaultdict(list)
        for task in tasks:
            groups[min(task.when, key=PERIOD_ORDER.index)].append(task.id)
        return "\n".join(
            f"### {PERIOD_LABELS[period]}\n" + _html_block(self.r.task_list(groups[period]))
            for period in PERIOD_ORDER
            if period in groups
        )

    def cited_dates(self, tasks: Iterable[Task]) -> list:
        """Verification dates of the legal texts and resources the tasks cite."""
        dates = []
        for task in tasks:
            dates += [self.catalog.get("legal_texts", i).verified_on for i in task.legal_texts]
            dates += [self.catalog.get("resources", i).verified_on for i in task.resources]
        return dates

    def tasks_where(self, keep: Callable[[Task], bool]) -> list[Task]:
        return [task for task in self.tasks if keep(task)]

    # -- pages -------------------------------------------------------------------
    def all(self) -> list[Page]:
        pages = [self.calendar_index()]
        pages += [self.period(p) for p in PERIOD_ORDER]
        pages.append(self.subscription())
        pages += [self.roles_index(), *[self.role(r.id) for r in self.catalog.all("roles")]]
        pages += [self.themes_index(), *[self.theme(t.id) for t in self.catalog.all("themes")]]
        pages += [
            self.services_index(),
            *[self.service(s.id) for s in self.catalog.all("services")],
        ]
        pages += [self.legal_texts(), self.resources(), self.glossary(), self.contacts()]
        pages += [self.progress(), self.booklet(), self.whats_new()]
        pages += [self.scenario(s.id) for s in self.catalog.all("scenarios")]
        if self.catalog.all("assessment"):
            pages.append(self.assessment())
        return pages

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
            name = role.name + (f" ({role.abbreviation})" if role.abbreviation else "")
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
            "agenda (format iCalendar, fichier `.ics`). Chaque tâche y figure comme un événement "
            "« toute la journée » qui couvre le mois où elle se fait (ou la période : avant la "
            f"rentrée, toute l'année), pour l'**année scolaire {year}**. Le détail de l'événement "
            "dit qui la pilote, avec qui, et renvoie à la tâche sur ce site.\n\n"
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
        return _page("calendrier/abonnement.md", "S'abonner au calendrier", body)

    def whats_new(self) -> Page:
        changes = self.changes
        if changes.since is None:
            body = (
                f"Les données de ce site datent toutes de l'année scolaire {self.year.label} : "
                "il n'y a pas encore d'année précédente à comparer."
                if changes.history
                else "L'historique des données n'est pas disponible pour cette construction (copie "
                "sans historique git) : la liste des changements apparaît sur le site publié."
            )
            return _page("nouveautes.md", "Quoi de neuf", body)

        def task_link(task) -> str:
            first = min(task.when, key=PERIOD_ORDER.index).value
            return internal(f"calendrier/{first}/#{task.id}", task.title)

        def section(title: str, items: list[str]) -> str:
            listed = "".join(f"<li>{item}</li>" for item in items) or "<li>Aucune.</li>"
            return f"## {title} ({len(items)})\n" + _html_block(
                f'<ul class="vm-list">{listed}</ul>'
            )

        previous = self.year.start - 1
        body = (
            f"Les tâches qui ont changé depuis l'année scolaire {previous}-{previous + 1} "
            f"(données au 31 juillet {self.year.start}, version {esc(changes.since)}).\n\n"
            + section("Tâches ajoutées", [task_link(t) for t in changes.added])
            + section(
                "Tâches modifiées",
                [f"{task_link(t)} — {esc(', '.join(fields))}" for t, fields in changes.modified],
            )
            + section("Tâches retirées", [esc(t.title) for t in changes.removed])
        )
        return _page("nouveautes.md", "Quoi de neuf", body)

    def booklet(self) -> Page:
        academy = self.catalog.academy.name
        cover = (
            f'<div class="vm-booklet-cover"><h2>Vademecum du pilotage numérique</h2>'
            f"<p>{esc(academy)}</p><p>Année scolaire {self.year.label}</p></div>"
        )
        months = []
        for period in PERIOD_ORDER:
            ids = [t.id for t in self.tasks if period in t.when]
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
            + _html_block(cover)
            + "\n".join(_html_block(m) for m in months)
            + _html_block(
                '<section class="vm-booklet-month"><h2 id="livret-contacts">Contacts</h2>'
                f"{self.contacts_html()}</section>"
            )
        )
        return _page("livret.md", "Livret de l'année", body)

    def progress(self) -> Page:
        body = (
            "Cochez les tâches faites sur n'importe quelle page : elles restent cochées dans ce "
            "navigateur, pour cette académie et cette année scolaire (l'année change le 1er août). "
            "Rien n'est envoyé sur un serveur.\n\n"
            + _html_block(
                '<p class="vm-year-progress" data-vm="year-progress"></p>'
                '<div class="vm-tools" data-vm="tools"><p>Le suivi des tâches, les filtres et '
                "l'export de la progression demandent JavaScript. Sans lui, les listes restent "
                "lisibles et imprimables.</p></div>"
            )
        )
        return _page("suivi.md", "Mon suivi", body)

    def scenario(self, scenario_id: str) -> Page:
        entry = self.catalog.entry("scenarios", scenario_id)
        scenario = entry.record
        steps = "".join(
            f'<li class="vm-step">{self.r.task(task_id)}</li>' for task_id in scenario.steps
        )
        body = (
            _html_block(self.r.markdown.block(scenario.intro)) if scenario.intro else ""
        ) + _html_block(f'<ol class="vm-steps">{steps}</ol>{self.r.source(scenario)}')
        return _page(f"scenarios/{scenario_id}.md", scenario.title, body, entry.edit_file)

    def assessment(self) -> Page:
        sections = []
        for entry in self.catalog.entries("assessment"):
            domain = entry.record
            cells = "".join(
                f'<tr><th scope="row">{index}. {esc(level.name)}</th>'
                f"<td>{self.r.markdown.block(level.description)}</td></tr>"
                for index, level in enumerate(domain.levels, start=1)
            )
            sections.append(
                f"## {esc(domain.name)}\n"
                + _html_block(
                    (self.r.markdown.block(domain.description) if domain.description else "")
                    + '<table class="vm-assessment"><thead><tr><th scope="col">Niveau</th>'
                    f'<th scope="col">Ce qui le caractérise</th></tr></thead><tbody>{cells}'
                    f"</tbody></table>{self.r.source(domain)}"
                )
            )
        body = (
            "Situez l'établissement, domaine par domaine, du niveau le plus simple au plus "
            "avancé.\n\n" + "\n".join(sections)
        )
        first = self.catalog.entries("assessment")[0]
        return _page("autoevaluation.md", "Autoévaluation du numérique", body, first.edit_file)

    def calendar_index(self) -> Page:
        rows = [
            "| Période | Tâches | Dont prise de fonction | Faites |",
            "|---|---|---|---|",
        ]
        for period in PERIOD_ORDER:
            tasks = self.tasks_where(lambda t, p=period: p in t.when)
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
        return _page(
            "calendrier/index.md", "Calendrier de l'année", body, "data/national/tasks.yml"
        )

    def period(self, period: Period) -> Page:
        tasks = self.tasks_where(lambda t: period in t.when)
        intro = f"{len(tasks)} tâche(s) pour cette période."
        body = (
            self.print_heading(PERIOD_LABELS[period])
            + intro
            + "\n\n"
            + (self.by_theme(tasks) or _html_block(self.r.task_list([])))
        )
        body += _verified_line(self.cited_dates(tasks))
        return _page(f"calendrier/{period_slug(period)}.md", PERIOD_LABELS[period], body)

    def roles_index(self) -> Page:
        rows = ["| Rôle | Tenu par défaut par | Délégable | Tâches pilotées |", "|---|---|---|---|"]
        for role in self.catalog.all("roles"):
            count = len(self.tasks_where(lambda t, r=role.id: t.who.lead == r))
            name = role.name + (f" ({role.abbreviation})" if role.abbreviation else "")
            rows.append(
                f"| [{esc(name)}]({role.id}.md) | {esc(role.default_holder)} | "
                f"{'oui' if role.delegable else 'non'} | {count} |"
            )
        return _page("roles/index.md", "Rôles et délégations", "\n".join(rows))

    def role(self, role_id: str) -> Page:
        entry = self.catalog.entry("roles", role_id)
        role = entry.record
        services = ", ".join(self.r.service_link(s) for s in role.services) or "—"
        card = (
            f'<div class="vm-card">{self.r.markdown.block(role.mission)}'
            f'<dl class="vm-task__meta"><dt>Tenu par défaut par</dt><dd>{esc(role.default_holder)}</dd>'
            f"<dt>Délégable par le chef d'établissement</dt><dd>{'oui' if role.delegable else 'non'}</dd>"
            f"<dt>Services administrés</dt><dd>{services}</dd></dl>"
            f"{self.r.notes(role.notes)}{self.r.source(role)}</div>"
        )
        lead = self.tasks_where(lambda t: t.who.lead == role_id)
        associated = self.tasks_where(lambda t: role_id in t.who.with_)
        title = role.name + (f" ({role.abbreviation})" if role.abbreviation else "")
        body = (
            self.print_heading(title)
            + _html_block(self.r.local_badge(entry).strip() + card)
            + (
                f"[S'abonner au calendrier]({role_calendar_path(role_id).removeprefix('roles/')}) "
                "de ce rôle : ses tâches dans votre agenda "
                "([comment s'abonner](../calendrier/abonnement.md)).\n\n"
                if lead or associated
                else ""
            )
            + f"## Tâches pilotées\n\n{self.by_period(lead) or 'Aucune.'}\n\n"
            + f"## Tâches où ce rôle est associé\n\n{self.by_period(associated) or 'Aucune.'}\n"
        )
        body += _verified_line(self.cited_dates(lead + associated))
        return _page(f"roles/{role_id}.md", title, body, entry.edit_file, search=True)

    def themes_index(self) -> Page:
        items = [
            f"- [{esc(theme.name)}]({theme.id}.md) — {esc(theme.description)}"
            for theme in self.catalog.all("themes")
        ]
        return _page("themes/index.md", "Thèmes", "\n".join(items))

    def theme(self, theme_id: str) -> Page:
        entry = self.catalog.entry("themes", theme_id)
        theme = entry.record
        tasks = self.tasks_where(lambda t: theme_id in t.themes)
        resources = [r for r in self.catalog.all("resources") if theme_id in r.themes]
        body = self.r.markdown.block(theme.description) and _html_block(
            self.r.markdown.block(theme.description)
        )
        body = self.print_heading(theme.name) + body
        body += f"## Tâches\n\n{self.by_period(tasks) or 'Aucune.'}\n"
        if resources:
            body += "\n## Ressources\n" + _html_block(self.resource_list(resources))
        body += _verified_line(self.cited_dates(tasks) + [r.verified_on for r in resources])
        return _page(f"themes/{theme_id}.md", theme.name, body, entry.edit_file)

    def services_index(self) -> Page:
        rows = ["| Service | Fourni par | À quoi il sert |", "|---|---|---|"]
        for service in self.catalog.all("services"):
            purpose = service.purpose.replace("\n", " ").replace("|", "\\|")
            rows.append(
                f"| [{esc(service.name)}]({service.id}.md) | {PROVIDER_LABELS[service.provider]} | "
                f"{esc(purpose)} |"
            )
        return _page("services/index.md", "Services et applications", "\n".join(rows))

    def service(self, service_id: str) -> Page:
        entry = self.catalog.entry("services", service_id)
        service = entry.record
        admins = ", ".join(self.r.role_link(r) for r in service.administered_by) or "—"
        address = link(service.url, service.url, "vm-ext") if service.url else "—"
        card = (
            f'<div class="vm-card">{self.r.markdown.block(service.purpose)}'
            f'<dl class="vm-task__meta"><dt>Fourni par</dt><dd>{PROVIDER_LABELS[service.provider]}</dd>'
            f"<dt>Administré par</dt><dd>{admins}</dd><dt>Adresse</dt><dd>{address}</dd></dl>"
            f"{self.r.notes(service.notes)}{self.r.source(service)}</div>"
        )
        tasks = self.tasks_where(lambda t: service_id in t.services)
        name = service.name + (
            f" ({service.abbreviation})"
            if service.abbreviation and service.abbreviation != service.name
            else ""
        )
        body = (
            self.print_heading(name)
            + _html_block(card)
            + f"## Tâches\n\n{self.by_period(tasks) or 'Aucune.'}\n"
        )
        body += _verified_line(self.cited_dates(tasks))
        return _page(f"services/{service_id}.md", name, body, entry.edit_file)

    def legal_texts(self) -> Page:
        groups: dict[str, list[str]] = defaultdict(list)
        order = list(LEGAL_KIND_LABELS)
        entries = sorted(
            self.catalog.entries("legal_texts"), key=lambda e: order.index(e.record.kind)
        )
        for entry in entries:
            text = entry.record
            citing = self.tasks_where(lambda t, i=text.id: i in t.legal_texts)
            used = ", ".join(
                internal(f"calendrier/{t.when[0].value}/#{t.id}", t.title) for t in citing
            )
            date = f" du {french_date(text.date)}" if text.date else ""
            groups[LEGAL_KIND_LABELS[text.kind]].append(
                f'<li id="{esc(text.id)}"><strong>{link(text.url, text.reference, "vm-ext")}</strong>'
                f"{esc(date)} — {self.r.text(text.title)}{self.r.local_badge(entry)}"
                f"<br>{self.r.text(text.summary)} {self.r.verified(text.verified_on)}"
                + (f'<br><span class="vm-used">Cité par : {used}</span>' if used else "")
                + "</li>"
            )
        body = (
            "Les textes officiels cités par les tâches, avec leur lien officiel.\n\n"
            + "\n".join(
                f"## {label}\n" + _html_block(f'<ul class="vm-list">{"".join(items)}</ul>')
                for label, items in groups.items()
            )
        )
        body += _verified_line(t.verified_on for t in self.catalog.all("legal_texts"))
        return _page("textes.md", "Textes officiels", body, "data/national/legal_texts.yml")

    def resource_list(self, resources) -> str:
        items = []
        for resource in resources:
            entry = self.catalog.entry("resources", resource.id)
            description = (
                self.r.markdown.inline(resource.description) if resource.description else ""
            )
            items.append(
                f'<li id="{esc(resource.id)}">{link(resource.url, resource.title, "vm-ext")}'
                f" — {esc(resource.publisher)}, {RESOURCE_KIND_LABELS[resource.kind].lower()}"
                f"{self.r.local_badge(entry)}"
                + (f"<br>{description}" if description else "")
                + "</li>"
            )
        return f'<ul class="vm-list">{"".join(items)}</ul>'

    def resources(self) -> Page:
        by_theme: dict[str, list] = defaultdict(list)
        for resource in self.catalog.all("resources"):
            by_theme[resource.themes[0] if resource.themes else ""].append(resource)
        sections = []
        for theme in self.catalog.all("themes"):
            if theme.id in by_theme:
                sections.append(
                    f"## {esc(theme.name)}\n" + _html_block(self.resource_list(by_theme[theme.id]))
                )
        if by_theme.get(""):
            sections.append(
                "## Autres ressources\n" + _html_block(self.resource_list(by_theme[""]))
            )
        body = "\n".join(sections) or "Aucune ressource."
        body += _verified_line(r.verified_on for r in self.catalog.all("resources"))
        return _page("ressources.md", "Ressources", body, "data/national/resources.yml")

    def glossary(self) -> Page:
        items = []
        for term in sorted(self.catalog.all("glossary"), key=lambda t: t.term.casefold()):
            expansion = f" — {esc(term.expansion)}" if term.expansion else ""
            items.append(
                f'<dt id="{esc(term.id)}"><strong>{esc(term.term)}</strong>{expansion}</dt>'
                f"<dd>{self.r.markdown.block(term.definition)}</dd>"
            )
        body = _html_block(f'<dl class="vm-glossary">{"".join(items)}</dl>')
        return _page("glossaire.md", "Glossaire", body, "data/national/glossary.yml")

    def contacts_html(self) -> str:
        items = []
        for entry in self.catalog.entries("contacts"):
            contact = entry.record
            ways = []
            if contact.email:
                ways.append(link(f"mailto:{contact.email}", contact.email))
            if contact.phone:
                ways.append(esc(contact.phone))
            if contact.url:
                ways.append(link(contact.url, contact.url, "vm-ext"))
            person = f" ({esc(contact.person)})" if contact.person else ""
            items.append(
                f'<li id="{esc(contact.id)}"><strong>{esc(contact.name)}</strong>{person}'
                f"{self.r.local_badge(entry)} — {esc(contact.purpose)}<br>{' · '.join(ways)} "
                f"{self.r.verified(contact.verified_on)}</li>"
            )
        if not items:
            return "<p>Aucun contact n'est encore renseigné pour ce site.</p>"
        return f'<ul class="vm-list">{"".join(items)}</ul>'

    def contacts(self) -> Page:
        body = _html_block(self.contacts_html())
        body += _verified_line(c.verified_on for c in self.catalog.all("contacts"))
        return _page("contacts.md", "Contacts et assistance", body)
