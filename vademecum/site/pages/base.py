"""Shared pieces of the generated pages: the Page record and the grouping helpers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from vademecum.data.catalog import Catalog
from vademecum.data.labels import PERIOD_LABELS, PERIOD_ORDER
from vademecum.data.model import Period, Resource, Task
from vademecum.data.school_year import SchoolYear
from vademecum.site.blocks import wrap
from vademecum.site.changes import Changes
from vademecum.site.prose import Prose
from vademecum.site.render.components import Renderer
from vademecum.site.render.html import esc

# The project's own guides: the pages' prose when a caller names no other content folder.
DEFAULT_CONTENT = Path(__file__).resolve().parents[3] / "content"


@dataclass(frozen=True)
class Page:
    path: str  # source path, e.g. "calendrier/septembre.md"
    title: str
    markdown: str
    edit_file: str | None = None  # data file an editor opens to change this page
    search: bool = True
    blocks: tuple[str, ...] = ()  # HTML put back in place of the markers (vademecum.site.blocks)
    edit_files: tuple[str, ...] = ()  # every data file the page gathers, most local first

    @property
    def url(self) -> str:
        """Directory URL of the page relative to the site root (e.g. calendrier/septembre/)."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


# How much more a page that is about a thing (its service, theme, role, the glossary) weighs in
# the search than a page that mentions it (the theme's `search: boost:` front matter).
ABOUT_BOOST = 2


def make_page(
    path: str,
    title: str,
    body: str,
    edit_file: str | None = None,
    search: bool = True,
    boost: float | None = None,
    edit_files: tuple[str, ...] = (),
) -> Page:
    if not search:
        front = "---\nsearch:\n  exclude: true\n---\n"
    elif boost:
        front = f"---\nsearch:\n  boost: {boost}\n---\n"
    else:
        front = ""
    markdown = f"{front}\n# {esc(title)}\n\n{body}\n"
    return Page(path, title, markdown, edit_file, search, edit_files=edit_files)


@dataclass(frozen=True)
class Content:
    """What a builder method writes; its declaration (pages/declarations.py) gives the path and
    title."""

    body: str
    edit_file: str | None = None
    search: bool = True
    boost: float | None = None
    edit_files: tuple[str, ...] = ()


def oldest(dates: Iterable[dt.date | None]) -> dt.date | None:
    """The oldest of the dates given (None when there is none)."""
    known = [d for d in dates if d is not None]
    return min(known) if known else None


class BasePages:
    def __init__(
        self,
        catalog: Catalog,
        renderer: Renderer,
        year: SchoolYear,
        site_url: str | None = None,  # public address of the site (absolute calendar links)
        changes: Changes | None = None,  # since the previous school year, for « Quoi de neuf »
        prose: Prose | None = None,  # the pages' French text (content/_textes/)
        edit_base: str | None = None,  # forge editor at the repository root (data file links)
    ):
        self.edit_base = edit_base
        self.catalog = catalog
        self.r = renderer
        self.year = year
        self.site_url = site_url
        self.changes = changes or Changes(None)
        self.prose = prose or Prose(DEFAULT_CONTENT)
        self.tasks: list[Task] = catalog.tasks

    def print_heading(self, subject: str) -> str:
        """The line that heads a printed sheet (hidden on screen)."""
        return wrap(
            self.r.component("print_heading", self.catalog.academy.name, subject, self.year.label)
        )

    def verified_line(self, dates: Iterable[dt.date | None]) -> str:
        """When the page's dated information (texts, resources, contacts) was last checked."""
        day = oldest(dates)
        return wrap(self.r.component("verified_line", day)) if day else ""

    def in_work_order(self, tasks: Iterable[Task]) -> list[Task]:
        return self.catalog.in_work_order(tasks)

    def by_period(self, tasks: Iterable[Task]) -> str:
        groups: dict[Period, list[str]] = defaultdict(list)
        for task in tasks:
            groups[min(task.when, key=PERIOD_ORDER.index)].append(task.id)
        return "\n".join(
            # Out of the search index like the list under it: the month page is the one found.
            f'### {PERIOD_LABELS[period]} {{: data-search-exclude="true" }}\n'
            + wrap(self.r.task_list(groups[period]))
            for period in PERIOD_ORDER
            if period in groups
        )

    def cited_dates(self, tasks: Iterable[Task]) -> list[dt.date | None]:
        """Verification dates of the legal texts and resources the tasks cite."""
        dates = []
        for task in tasks:
            dates += [self.catalog.legal_text(i).verified_on for i in task.legal_texts]
            dates += [self.catalog.resource(i).verified_on for i in task.resources]
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

    def resource_list(self, resources: Iterable[Resource]) -> str:
        entries = [self.catalog.entry("resources", r.id) for r in resources]
        return self.r.component("resource_list", entries)

    def contacts_html(self) -> str:
        return self.r.component("contacts", self.catalog.entries("contacts"))

    def sources_line(self, records: Iterable[Any]) -> str:
        """« D'après : <guide>, <édition> ; … » for the records of a reference page."""
        cited = {r.source.document for r in records}
        documents = [d for d in self.catalog.documents if d.id in cited]
        if not documents:
            return ""
        return wrap(self.r.render("sources_line.html", documents=documents))

    def tasks_with(self, field: str, value: str) -> list[Task]:
        """Tasks whose `field` (when, lead, with, theme, service, legal_text) holds `value`."""
        return self._task_index.get((field, value), [])
