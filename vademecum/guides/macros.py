"""Functions the hand-written guides call (through mkdocs-macros) to list data, never copy it.

Each takes the SiteData first and returns an HTML fragment; an unknown id or filter value
raises ValueError with a French message, which fails the strict build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vademecum.checks.provenance import cited_documents
from vademecum.data.catalog import task_roles
from vademecum.data.labels import PROVIDER_LABELS
from vademecum.data.model import Flag, Level, Period, Service
from vademecum.guides.includes import include_folder
from vademecum.guides.sandbox import GuideRenderer
from vademecum.site.blocks import marker
from vademecum.site.render.html import esc, resolve_root
from vademecum.site.sites import SiteData


def _known(site: SiteData, kind: str, record_id: str, label: str) -> None:
    if not site.catalog.has(kind, record_id):
        raise ValueError(f"{label} « {record_id} » introuvable (appelé dans un guide)")


def task(site: SiteData, task_id: str) -> str:
    """One task, as on the calendar pages."""
    _known(site, "tasks", task_id, "tâche")
    return site.renderer.task_list([task_id])


def tasks(
    site: SiteData,
    theme: str | None = None,
    flag: str | None = None,
    period: str | None = None,
    role: str | None = None,
    service: str | None = None,
    level: str | None = None,
) -> str:
    """Every task matching all the given filters, in data order."""
    if theme:
        _known(site, "themes", theme, "thème")
    if role:
        _known(site, "roles", role, "rôle")
    if service:
        _known(site, "services", service, "service")
    wanted_flag = Flag(flag) if flag else None
    wanted_period = Period(period) if period else None
    wanted_level = Level(level) if level else None
    selected = [
        t.id
        for t in site.catalog.tasks
        if (theme is None or theme in t.themes)
        and (wanted_flag is None or wanted_flag in t.flags)
        and (wanted_period is None or wanted_period in t.when)
        and (role is None or role in task_roles(t))
        and (service is None or service in t.services)
        and (wanted_level is None or t.level in (wanted_level, Level.TOUS))
    ]
    return site.renderer.task_list(selected)


def role(site: SiteData, role_id: str) -> str:
    """A link to a role's page."""
    _known(site, "roles", role_id, "rôle")
    return site.renderer.role_link(role_id)


def service(site: SiteData, service_id: str) -> str:
    """A link to a service's page."""
    _known(site, "services", service_id, "service")
    return site.renderer.service_link(service_id)


def academy_name(site: SiteData) -> str:
    """The académie's name, escaped."""
    return esc(site.academy.name)


def ent_name(site: SiteData) -> str:
    """The name of the académie's ENT, or a generic one."""
    return esc(site.academy.ent_name or "l'ENT de l'établissement")


def services_by_provider(site: SiteData) -> str:
    """Services grouped by who provides them (État, académie, collectivité…)."""
    groups: dict[str, list[Service]] = {}
    for record in site.catalog.services:
        groups.setdefault(PROVIDER_LABELS[record.provider], []).append(record)
    return site.renderer.render("services_by_provider.html", groups=list(groups.items()))


@dataclass
class GuidePage:
    """Where a guide's macros write: its page's URL (their links are made relative to it) and,
    when given, the list their HTML is kept in (vademecum.site.blocks)."""

    url: str
    blocks: list[str] | None = None


def bound_macros(site: SiteData, page: Callable[[], GuidePage]) -> dict[str, Callable[..., str]]:
    """The guides' macros bound to `site`, each writing for the page `page()` returns when called.

    With blocks, each macro's HTML is kept there and the guide gets a marker instead: the HTML
    never goes through Markdown, so no text of the data can become Markdown syntax (a link,
    emphasis) in a guide.
    """

    def bind(function: Callable[..., str]) -> Callable[..., str]:
        def macro(*args: Any, **kwargs: Any) -> str:
            current = page()
            html = resolve_root(function(site, *args, **kwargs), current.url)
            if current.blocks is None:
                return html
            current.blocks.append(html)
            return marker(len(current.blocks) - 1)

        return macro

    return {name: bind(f) for name, f in MACROS.items()}


def guide_variables(site: SiteData) -> dict[str, Any]:
    """The variables a guide may read, escaped."""
    return {"academy": {"id": esc(site.academy.id), "name": esc(site.academy.name)}}


def guide_renderer(
    site: SiteData, page_url: str, blocks: list[str] | None = None, content: Path | None = None
) -> GuideRenderer:
    """The sandbox a guide at `page_url` runs in: the macros below, bound to this site, and
    the includes of `content`/_inclus/ (none without `content`)."""
    page = GuidePage(page_url, blocks)
    loader = include_folder(content) if content is not None else None
    return GuideRenderer(bound_macros(site, lambda: page), guide_variables(site), loader)


def sources(site: SiteData) -> str:
    """The guides and editions the site is built from, with a notice for the outdated ones."""
    return site.renderer.render("sources.html", documents=cited_documents(site.catalog))


def audience(site: SiteData) -> str:
    """For whom the site's content was written, as the académie declares it (academy.yml)."""
    return esc(site.academy.audience) if site.academy.audience else ""


MACROS: dict[str, Callable[..., str]] = {
    "audience": audience,
    "sources": sources,
    "task": task,
    "tasks": tasks,
    "role": role,
    "service": service,
    "academy_name": academy_name,
    "ent_name": ent_name,
    "services_by_provider": services_by_provider,
}
