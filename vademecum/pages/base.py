"""Shared pieces of the generated pages: the Page record and the grouping helpers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from vademecum.blocks import wrap
from vademecum.catalog import Catalog
from vademecum.changes import Changes
from vademecum.model import Period, Task
from vademecum.render.components import Renderer
from vademecum.render.html import esc
from vademecum.render.labels import (
    PERIOD_LABELS,
    PERIOD_ORDER,
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
    blocks: tuple[str, ...] = ()  # HTML put back in place of the markers (vademecum.blocks)
    edit_files: tuple[str, ...] = ()  # every data file the page gathers, most local first

    @property
    def url(self) -> str:
        """Directory URL of the page relative to the site root (e.g. calendrier/septembre/)."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


def period_slug(period: Period) -> str:
    return period.value


def make_page(
    path: str,
    title: str,
    body: str,
    edit_file: str | None = None,
    search=True,
    edit_files: tuple[str, ...] = (),
) -> Page:
    front = "" if search else "---\nsearch:\n  exclude: true\n---\n"
    markdown = f"{front}\n# {esc(title)}\n\n{body}\n"
    return Page(path, title, markdown, edit_file, search, edit_files=edit_files)


def verified_line(dates: Iterable) -> str:
    """When the page's dated information (texts, resources, contacts) was last checked."""
    known = [d for d in dates if d is not None]
    if not known:
        return ""
    return html_block(
        '<p class="vm-page-verified">Dernière vérification des textes, ressources et contacts '
        f"de cette page : {french_date(min(known))} (date la plus ancienne).</p>"
    )


def html_block(html: str) -> str:
    return wrap(html)


class BasePages:
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
        return html_block(
            f'<p class="vm-print-heading">{esc(self.catalog.academy.name)} — {esc(subject)} — '
            f"année scolaire {self.year.label}</p>"
        )

    def by_theme(self, tasks: Iterable[Task]) -> str:
        groups: dict[str, list[str]] = defaultdict(list)
        for task in tasks:
            groups[task.themes[0]].append(task.id)
        out = []
        for theme in self.catalog.all("themes"):
            if theme.id in groups:
                out.append(
                    f"## {esc(theme.name)}\n"
                    + html_block(self.r.task_list(groups[theme.id], indexed=True))
                )
        return "\n".join(out)

    def by_period(self, tasks: Iterable[Task]) -> str:
        groups: dict[Period, list[str]] = defaultdict(list)
        for task in tasks:
            groups[min(task.when, key=PERIOD_ORDER.index)].append(task.id)
        return "\n".join(
            f"### {PERIOD_LABELS[period]}\n" + html_block(self.r.task_list(groups[period]))
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

    @cached_property
    def _task_index(self) -> dict[tuple[str, str], list[Task]]:
        """Tasks by (field, value), in data order: built in one pass, so that pages never
        scan every task (no pages × tasks work)."""
        index: dict[tuple[str, str], list[Task]] = defaultdict(list)
        for task in self.tasks:
            keys = [("when", p.value) for p in task.when] + [("lead", task.who.lead)]
            keys += [("with", r) for r in task.who.with_] + [("theme", t) for t in task.themes]
            keys += [("service", s) for s in task.services]
            keys += [("legal_text", t) for t in task.legal_texts]
            for key in dict.fromkeys(keys):
                index[key].append(task)
        return index

    def tasks_with(self, field: str, value: str) -> list[Task]:
        """Tasks whose `field` (when, lead, with, theme, service, legal_text) holds `value`."""
        return self._task_index.get((field, value), [])
