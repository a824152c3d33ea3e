"""HTML fragments of the records, rendered once per build and reused on every page.

Fragments link with the ROOT marker (see html.resolve_root), so that one fragment serves pages
at any depth. Markdown pages embed them as raw HTML blocks.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from vademecum.catalog import Catalog, Entry
from vademecum.model import Note, Task
from vademecum.provenance import edition_label, review_notice
from vademecum.render.html import esc, internal, link
from vademecum.render.labels import (
    FLAG_LABELS,
    LEVEL_LABELS,
    LOCAL_LABELS,
    NOTE_LABELS,
    PERIOD_ORDER,
    french_date,
    period_list,
)
from vademecum.render.markdown import MarkdownRenderer

if TYPE_CHECKING:
    from vademecum.school_year import SchoolYear


class Renderer:
    def __init__(self, catalog: Catalog, year: SchoolYear | None = None):
        self.catalog = catalog
        self.year = year  # the school year built: older source editions get a review notice
        self.markdown = MarkdownRenderer(self.glossary)
        self._tasks: dict[str, str] = {}

    # -- shared bits ---------------------------------------------------------------
    @cached_property
    def glossary(self) -> dict[str, str]:
        return {
            name: term.expansion
            for term in self.catalog.all("glossary")
            for name in (term.term, *term.aliases)
            if term.expansion and name != term.expansion
        }

    @cached_property
    def _abbr_pattern(self) -> re.Pattern[str] | None:
        terms = sorted((esc(t) for t in self.glossary), key=len, reverse=True)
        if not terms:
            return None
        return re.compile(r"(?<![\w&#])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")

    @cached_property
    def _escaped_glossary(self) -> dict[str, str]:
        return {esc(term): esc(expansion) for term, expansion in self.glossary.items()}

    def text(self, value: str) -> str:
        """Escape a plain-text field and mark the glossary's abbreviations."""
        escaped = esc(value)
        if self._abbr_pattern is None:
            return escaped
        return self._abbr_pattern.sub(
            lambda m: f'<abbr title="{self._escaped_glossary[m.group(1)]}">{m.group(1)}</abbr>',
            escaped,
        )

    def local_badge(self, entry: Entry) -> str:
        if not entry.is_local:
            return ""
        label = LOCAL_LABELS[entry.level]
        where = (
            self.catalog.region.name
            if entry.level == "region" and self.catalog.region
            else (self.catalog.academy.name)
        )
        return (
            f' <span class="vm-badge vm-badge--{entry.level}" title="Spécifique : {esc(where)}">'
            f"{esc(label)}</span>"
        )

    def role_link(self, role_id: str) -> str:
        role = self.catalog.get("roles", role_id)
        label = role.abbreviation or role.name
        return internal(f"roles/{role.id}/", label)

    def service_link(self, service_id: str) -> str:
        service = self.catalog.get("services", service_id)
        return internal(f"services/{service.id}/", service.abbreviation or service.name)

    def _citation(self, source) -> str:
        document = self.catalog.get("documents", source.document)
        page = f", p. {source.page}" if source.page else ""
        notice = review_notice(document, self.year) if self.year else ""
        return (
            f"{edition_label(document)} — {esc(source.section)}{page}"
            f" ({esc(document.publisher)})" + (f" {notice}" if notice else "")
        )

    def source(self, record) -> str:
        """« D'après : <guide>, <édition> — section », for each source of the record."""
        sources = [record.source, *getattr(record, "other_sources", [])]
        parts, seen = [], set()
        for source in sources:
            if source.document in seen:  # same guide, another section: no need to repeat it
                page = f", p. {source.page}" if source.page else ""
                parts.append(f"même document — {esc(source.section)}{page}")
            else:
                parts.append(self._citation(source))
                seen.add(source.document)
        cited = "<br>et ".join(parts)
        return f'<p class="vm-source">D\'après : {cited}</p>'

    def notes(self, notes: list[Note]) -> str:
        return "".join(
            f'<div class="admonition vm-{note.kind.value}">'
            f'<p class="admonition-title">{NOTE_LABELS[note.kind]}</p>'
            f"{self.markdown.block(note.text)}</div>"
            for note in notes
        )

    def verified(self, day) -> str:
        if day is None:
            return ""
        return f'<span class="vm-verified">vérifié le {french_date(day)}</span>'

    # -- tasks ---------------------------------------------------------------------
    def task(self, task_id: str) -> str:
        """The task's fragment, rendered once per build."""
        cached = self._tasks.get(task_id)
        if cached is None:
            cached = self._render_task(self.catalog.entry("tasks", task_id))
            self._tasks[task_id] = cached
        return cached

    def _render_task(self, entry: Entry) -> str:
        task: Task = entry.record
        roles = [task.who.lead, *task.who.with_]
        months = " ".join(p.value for p in sorted(set(task.when), key=PERIOD_ORDER.index))
        flags = "".join(
            f' <span class="vm-badge vm-badge--{flag.value}">{FLAG_LABELS[flag]}</span>'
            for flag in task.flags
        )
        who = self.role_link(task.who.lead)
        if task.who.with_:
            who += " avec " + ", ".join(self.role_link(r) for r in task.who.with_)
        rows = [
            ("Quand", esc(period_list(task.when))),
            ("Qui", who),
            ("Niveau", esc(LEVEL_LABELS[task.level])),
        ]
        if task.services:
            rows.append(("Services", ", ".join(self.service_link(s) for s in task.services)))
        if task.target:
            rows.append(("Objectif chiffré", self.text(task.target)))
        meta = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
        refs = []
        for text_id in task.legal_texts:
            legal = self.catalog.get("legal_texts", text_id)
            refs.append(
                f"<li>{link(legal.url, legal.reference, 'vm-ext')} — {self.text(legal.title)}</li>"
            )
        for resource_id in task.resources:
            resource = self.catalog.get("resources", resource_id)
            refs.append(
                f"<li>{link(resource.url, resource.title, 'vm-ext')} ({esc(resource.publisher)})</li>"
            )
        refs_html = f'<ul class="vm-task__refs">{"".join(refs)}</ul>' if refs else ""
        return (
            f'<article class="vm-task" id="{esc(task.id)}" data-task="{esc(task.id)}" '
            f'data-roles="{esc(" ".join(roles))}" data-level="{task.level.value}" '
            f'data-when="{months}">'
            f'<h3 class="vm-task__title"><input type="checkbox" class="vm-done" '
            f'id="vm-done-{esc(task.id)}" data-task="{esc(task.id)}">'
            f'<label for="vm-done-{esc(task.id)}">{self.text(task.title)}</label>'
            f"{self.local_badge(entry)}{flags}</h3>"
            f'<dl class="vm-task__meta">{meta}</dl>'
            f'<div class="vm-task__details">{self.markdown.block(task.details)}</div>'
            f"{self.notes(task.notes)}{refs_html}{self.source(task)}</article>"
        )

    def task_copy(self, task_id: str, suffix: str) -> str:
        """The task again on a page that already shows it (the booklet): ids made unique."""
        html = self.task(task_id)
        for attribute in ("id", "for"):
            for prefix in ("", "vm-done-"):
                old = f'{attribute}="{prefix}{esc(task_id)}"'
                html = html.replace(old, f'{attribute}="{prefix}{esc(task_id)}--{suffix}"', 1)
        return html

    def task_list(self, task_ids: list[str], indexed: bool = False) -> str:
        """Tasks in a list; only their month pages put them in the search index (`indexed`),
        elsewhere they would only repeat the same results."""
        if not task_ids:
            return '<p class="vm-empty">Aucune tâche.</p>'
        body = "\n".join(self.task(task_id) for task_id in task_ids)
        if indexed:
            return f'<div class="vm-tasks">\n{body}\n</div>'
        # <section>, not <div>: Material's search parser matches the excluded element by tag
        # name, so an inner </div> would end the exclusion early.
        return f'<section class="vm-tasks" data-search-exclude>\n{body}\n</section>'
