"""Tool pages: progress (« Mon suivi »), « Quoi de neuf », scenarios, self-assessment."""

from __future__ import annotations

from vademecum.pages.base import BasePages, Page, html_block, make_page
from vademecum.provenance import cited_documents, edition_label, review_notice
from vademecum.render.html import esc, internal
from vademecum.render.labels import (
    PERIOD_ORDER,
)


class ToolPages(BasePages):
    def progress(self) -> Page:
        body = (
            "Cochez les tâches faites sur n'importe quelle page : elles restent cochées dans ce "
            "navigateur, pour cette académie et cette année scolaire (l'année change le 1er août). "
            "Rien n'est envoyé sur un serveur.\n\n"
            + html_block(
                '<p class="vm-year-progress" data-vm="year-progress"></p>'
                '<div class="vm-tools" data-vm="tools"><p>Le suivi des tâches, les filtres et '
                "l'export de la progression demandent JavaScript. Sans lui, les listes restent "
                "lisibles et imprimables.</p></div>"
            )
        )
        return make_page("suivi.md", "Mon suivi", body)

    def whats_new(self) -> Page:
        changes = self.changes
        if changes.since is None:
            body = (
                "Aucune version des données antérieure à l'année scolaire "
                f"{self.year.label} n'est disponible : il n'y a pas de version précédente à "
                "comparer."
                if changes.history
                else "L'historique des données n'est pas disponible pour cette construction (copie "
                "sans historique git) : la liste des changements apparaît sur le site publié."
            )
            body += "\n\n" + self.editions_section()
            return make_page("nouveautes.md", "Quoi de neuf", body)

        def task_link(task) -> str:
            first = min(task.when, key=PERIOD_ORDER.index).value
            return internal(f"calendrier/{first}/#{task.id}", task.title)

        def section(title: str, items: list[str]) -> str:
            listed = "".join(f"<li>{item}</li>" for item in items) or "<li>Aucune.</li>"
            return f"## {title} ({len(items)})\n" + html_block(f'<ul class="vm-list">{listed}</ul>')

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
            + self.editions_section()
        )
        return make_page("nouveautes.md", "Quoi de neuf", body)

    def editions_section(self) -> str:
        """The guides' editions the content comes from, against last year's when known."""
        items = []
        for document in cited_documents(self.catalog):
            current = edition_label(document)
            if self.changes.since is not None and document.id in self.changes.previous_editions:
                before = self.changes.previous_editions[document.id]
                if before is None:
                    current += " — nouvelle source"
                elif before == (document.edition or "édition non précisée"):
                    current += " — même édition que l'an dernier"
                else:
                    current += f" — l'an dernier : {esc(before)}"
            notice = review_notice(document, self.year)
            items.append(f"<li>{current}" + (f"<br>{notice}" if notice else "") + "</li>")
        return "## Éditions des guides\n" + html_block(f'<ul class="vm-list">{"".join(items)}</ul>')

    def scenario(self, scenario_id: str) -> Page:
        entry = self.catalog.entry("scenarios", scenario_id)
        scenario = entry.record
        steps = "".join(
            f'<li class="vm-step">{self.r.task(task_id)}</li>' for task_id in scenario.steps
        )
        body = (
            html_block(self.r.markdown.block(scenario.intro)) if scenario.intro else ""
        ) + html_block(
            f'<section data-search-exclude><ol class="vm-steps">{steps}</ol></section>{self.r.source(scenario)}'
        )
        return make_page(f"scenarios/{scenario_id}.md", scenario.title, body, entry.edit_file)

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
                + html_block(
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
        return make_page("autoevaluation.md", "Autoévaluation du numérique", body, first.edit_file)
