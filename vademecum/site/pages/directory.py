"""Who and what: the pages of roles, themes and services, with their tasks."""

from __future__ import annotations

from markupsafe import Markup

from vademecum.data.labels import (
    PROVIDER_LABELS,
)
from vademecum.data.model import Role, Service
from vademecum.site.blocks import wrap
from vademecum.site.calendars import role_calendar_path
from vademecum.site.pages.base import ABOUT_BOOST, BasePages, Content
from vademecum.site.pages.declarations import page_path, page_url
from vademecum.site.render.html import esc


class DirectoryPages(BasePages):
    def card(self, text: str, facts: list[tuple[str, str]], record: Role | Service) -> str:
        """A role's or service's description, its facts (label, HTML), notes and source."""
        return self.r.component("card", text, facts, record)

    def roles_index(self) -> Content:
        rows = ["| Rôle | Tenu par défaut par | Délégable | Tâches pilotées |", "|---|---|---|---|"]
        for role in self.catalog.roles:
            count = len(self.tasks_with("lead", role.id))
            name = role.full_name
            rows.append(
                f"| [{esc(name)}](../{page_path('role', role.id)}) | {esc(role.default_holder)} | "
                f"{'oui' if role.delegable else 'non'} | {count} |"
            )
        return Content("\n".join(rows))

    def role(self, role_id: str) -> Content:
        entry = self.catalog.entry("roles", role_id)
        role = entry.record
        services = Markup(", ").join(Markup(self.r.service_link(s)) for s in role.services)
        aliases = [("Aussi appelé", ", ".join(role.aliases))] if role.aliases else []
        card = self.card(
            role.mission,
            [
                *aliases,
                ("Tenu par défaut par", role.default_holder),
                ("Délégable par le chef d'établissement", "oui" if role.delegable else "non"),
                ("Services administrés", services or "—"),
            ],
            role,
        )
        lead = self.tasks_with("lead", role_id)
        associated = self.tasks_with("with", role_id)
        title = role.full_name
        body = (
            self.print_heading(title)
            + wrap(self.r.local_badge(entry).strip() + card)
            + (
                f"[S'abonner au calendrier]({role_calendar_path(role_id).removeprefix(page_url('roles'))}) "
                "de ce rôle : ses tâches dans votre agenda "
                f"([comment s'abonner](../{page_path('subscription')})).\n\n"
                if lead or associated
                else ""
            )
            + f"## Tâches pilotées\n\n{self.by_period(lead) or 'Aucune.'}\n\n"
            + f"## Tâches où ce rôle est associé\n\n{self.by_period(associated) or 'Aucune.'}\n"
        )
        body += self.verified_line(self.cited_dates(lead + associated))
        return Content(body, boost=ABOUT_BOOST)

    def themes_index(self) -> Content:
        items = self.r.render("themes_index.html", themes=self.catalog.themes)
        return Content(wrap(items))

    def theme(self, theme_id: str) -> Content:
        entry = self.catalog.entry("themes", theme_id)
        theme = entry.record
        tasks = self.tasks_with("theme", theme_id)
        resources = [r for r in self.catalog.resources if theme_id in r.themes]
        body = self.print_heading(theme.name)
        if theme.description:
            body += wrap(self.r.markdown.block(theme.description))
        body += f"## Tâches\n\n{self.by_period(tasks) or 'Aucune.'}\n"
        if resources:
            body += "\n## Ressources\n" + wrap(self.resource_list(resources))
        body += self.verified_line(self.cited_dates(tasks) + [r.verified_on for r in resources])
        return Content(body, boost=ABOUT_BOOST)

    def services_index(self) -> Content:
        table = self.r.render("services_index.html", services=self.catalog.services)
        return Content(wrap(table))

    def service(self, service_id: str) -> Content:
        entry = self.catalog.entry("services", service_id)
        service = entry.record
        admins = Markup(", ").join(Markup(self.r.role_link(r)) for r in service.administered_by)
        address = (
            self.r.component("link", service.url, service.url, "vm-ext") if service.url else "—"
        )
        card = self.card(
            service.purpose,
            [
                ("Fourni par", PROVIDER_LABELS[service.provider]),
                ("Administré par", admins or "—"),
                ("Adresse", Markup(address)),
            ],
            service,
        )
        tasks = self.tasks_with("service", service_id)
        name = service.full_name
        body = (
            self.print_heading(name)
            + wrap(self.r.component("scope_badges", service).strip() + card)
            + f"## Tâches\n\n{self.by_period(tasks) or 'Aucune.'}\n"
        )
        body += self.verified_line(self.cited_dates(tasks))
        return Content(body, boost=ABOUT_BOOST)
