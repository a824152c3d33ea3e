"""HTML fragments of the records, from the templates in vademecum/templates/.

Python gathers what a fragment needs; the templates write the markup, with autoescape on.
Fragments link with the ROOT marker (see html.resolve_root), so that one fragment serves pages
at any depth. Markdown pages embed them as raw HTML blocks.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from vademecum.checks.provenance import is_outdated
from vademecum.data.catalog import Catalog, Entry, task_periods, task_roles, task_url
from vademecum.data.labels import (
    FLAG_LABELS,
    LEVEL_LABELS,
    LOCAL_LABELS,
    NOTE_LABELS,
    PROVIDER_LABELS,
    RESOURCE_KIND_LABELS,
    french_date,
    period_list,
)
from vademecum.data.school_year import SchoolYear
from vademecum.site.pages.declarations import page_url
from vademecum.site.render.html import ROOT, is_safe_url
from vademecum.site.render.markdown import MarkdownRenderer
from vademecum.site.render.template_cache import use_template_cache

LABELS = {
    "flag": FLAG_LABELS,
    "level": LEVEL_LABELS,
    "local": LOCAL_LABELS,
    "note": NOTE_LABELS,
    "provider": PROVIDER_LABELS,
    "resource_kind": RESOURCE_KIND_LABELS,
}


COMPONENT_MACROS = (
    "link",
    "internal",
    "role_link",
    "service_link",
    "local_badge",
    "source",
    "notes",
    "verified",
    "print_heading",
    "card",
    "scope_badges",
    "edition_label",
    "review_notice",
    "resource_list",
    "contacts",
)


class Renderer:
    def __init__(self, catalog: Catalog, year: SchoolYear | None = None):
        self.catalog = catalog
        self.year = year  # the school year built: older source editions get a review notice
        self.markdown = MarkdownRenderer(self.glossary)
        self._tasks: dict[tuple[str, str], str] = {}
        self._task_parts: dict[str, dict[str, Markup]] = {}
        self.env = self._environment()
        # Jinja's macros are attributes of the template module, unknown to a type checker.
        self._components: Any = self.env.get_template("components.html").module
        # Every page template may call the components' macros.
        self.env.globals.update(
            {name: getattr(self._components, name) for name in COMPONENT_MACROS}
        )

    def _environment(self) -> Environment:
        env = Environment(
            loader=PackageLoader("vademecum", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=False,
        )
        use_template_cache(env)
        # The only ways markup enters a template: Markdown fields after their filtering
        # (render/markdown.py), and plain text with the glossary's <abbr> around escaped words.
        env.filters["markdown"] = lambda text: Markup(self.markdown.block(text))
        env.filters["inline_markdown"] = lambda text: Markup(self.markdown.inline(text))
        env.filters["abbr"] = self.text
        env.filters["french_date"] = french_date
        env.filters["period_list"] = period_list
        env.tests["safe_url"] = lambda url: isinstance(url, str) and is_safe_url(url)
        env.globals.update(
            root=ROOT,
            labels=LABELS,
            lookup=self.catalog.get,
            local_place=self.local_place,
            task_roles=task_roles,
            task_periods=task_periods,
            task_url=task_url,
            page_url=page_url,
            task_parts=self.task_parts,
            is_outdated=lambda document: self.year is not None and is_outdated(document, self.year),
            year_label=self.year.label if self.year else "",
            territory_name=self.territory_name,
        )
        return env

    def render(self, template: str, **context: Any) -> str:
        """A whole template of vademecum/templates/ (a page fragment)."""
        return self.env.get_template(template).render(**context)

    def component(self, name: str, *args: Any, **kwargs: Any) -> str:
        """One macro of components.html."""
        return str(getattr(self._components, name)(*args, **kwargs))

    # -- shared bits ---------------------------------------------------------------
    @cached_property
    def glossary(self) -> dict[str, str]:
        return {
            name: term.expansion
            for term in self.catalog.glossary
            for name in (term.term, *term.aliases)
            if term.expansion and name != term.expansion
        }

    @cached_property
    def _abbr_pattern(self) -> re.Pattern[str] | None:
        terms = sorted((str(escape(t)) for t in self.glossary), key=len, reverse=True)
        if not terms:
            return None
        return re.compile(r"(?<![\w&#])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")

    @cached_property
    def _escaped_glossary(self) -> dict[str, str]:
        return {str(escape(t)): str(escape(e)) for t, e in self.glossary.items()}

    def text(self, value: str) -> Markup:
        """Escape a plain-text field and mark the glossary's abbreviations."""
        escaped = str(escape(value))
        if self._abbr_pattern is None:
            return Markup(escaped)
        abbr = Markup('<abbr title="{}">{}</abbr>')
        return Markup(
            self._abbr_pattern.sub(
                lambda m: abbr.format(
                    Markup(self._escaped_glossary[m.group(1)]), Markup(m.group(1))
                ),
                escaped,
            )
        )

    def local_place(self, entry: Entry) -> str:
        if entry.level == "region" and self.catalog.region:
            return self.catalog.region.name
        return self.catalog.academy.name

    def territory_name(self, territory_id: str) -> str:
        names = {t.id: t.name for t in self.catalog.academy.territories}
        return names.get(territory_id, territory_id)

    def local_badge(self, entry: Entry) -> str:
        return self.component("local_badge", entry)

    def role_link(self, role_id: str) -> str:
        return self.component("role_link", role_id)

    def service_link(self, service_id: str) -> str:
        return self.component("service_link", service_id)

    def source(self, record: Any) -> str:
        return self.component("source", record)

    # -- tasks ---------------------------------------------------------------------
    def task(self, task_id: str, suffix: str = "") -> str:
        """The task's fragment, rendered once per build (per id suffix)."""
        key = (task_id, suffix)
        cached = self._tasks.get(key)
        if cached is None:
            cached = self.component("task", self.catalog.entry("tasks", task_id), suffix)
            self._tasks[key] = cached
        return cached

    def task_parts(self, entry: Entry) -> dict[str, Markup]:
        """What every copy of a task's fragment shares (all but its ids), rendered once per
        build: the booklet shows each task a second time with other ids (macro `task`)."""
        parts = self._task_parts.get(entry.record.id)
        if parts is None:
            parts = self._task_parts[entry.record.id] = {
                "attributes": self._components.task_attributes(entry.record),
                "title": self.text(entry.record.title),
                "line": self._components.task_line(entry),
                "details": self._components.task_details(entry),
            }
        return parts

    def task_list(self, task_ids: list[str], indexed: bool = False, suffix: str = "") -> str:
        """Tasks in a list; only their month pages put them in the search index (`indexed`),
        elsewhere they would only repeat the same results."""
        tasks = Markup("\n").join(Markup(self.task(task_id, suffix)) for task_id in task_ids)
        return self.render("task_list.html", tasks=tasks, indexed=indexed)
