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

    @property
    def url(self) -> str:
        """Directory URL of the page relative to the site root (e.g. calendrier/septembre/)."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


def period_slug(period: Period) -> str:
    return period.value


# How much more a page that is about a thing (its service, theme, role, the glossary) weighs in
# the search than a page that mentions it (the theme's `search: boost:` front matter).
ABOUT_BOOST = 2


def make_page(
    path: str,
    title: str,
    body: str,
    edit_file: str | None = None,
    search=True,
    boost: float | None = None,
) -> Page:
    if not search:
        options = "search:\n  exclude: true\n"
    elif boost:
        options = f"search:\n  boost: {boost}\n"
    else:
        options = ""
    front = "---\nrender_macros: false\n" + options + "---\n"
    return Page(path, title, f"{front}\n# {esc(title)}\n\n{body}\n", edit_file, search)


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
            f'<p class="vm-print-heading" data-search-exclude>{esc(self.catalog.academy.name)} — {esc(subject)} — '
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
            # Out of the search index like the list under it: the month page is the one found.
            f'### {PERIOD_LABELS[period]} {{: data-search-exclude="true" }}\n'
            + html_block(self.r.task_list(groups[period]))
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
