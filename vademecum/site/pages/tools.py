"""Tool pages: progress (« Mon suivi »), « Mon bilan », « Quoi de neuf », scenarios, self-assessment."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from vademecum.checks.provenance import cited_documents
from vademecum.site.blocks import wrap
from vademecum.site.pages.base import BasePages, Content
from vademecum.site.pages.declarations import declared
from vademecum.site.render.html import esc


class ToolPages(BasePages):
    def progress(self) -> Content:
        body = self.prose.text("suivi") + "\n\n" + wrap(self.r.render("progress.html", module=declared("progress").module))
        return Content(body)

    def report(self) -> Content:
        """« Mon bilan »: the browser builds the CA's report from the year's ticks (bilan.js)."""
        body = self.prose.text("bilan") + "\n\n" + wrap(self.r.render("report.html", module=declared("report").module))
        return Content(body)

    def whats_new(self) -> Content:
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
            return Content(body)

        def section(title: str, items: list[dict[str, Any]]) -> str:
            listed = self.r.render("link_list.html", items=items)
            return f"## {title} ({len(items)})\n" + wrap(listed)

        previous = self.year.start - 1
        body = (
            f"Les tâches qui ont changé depuis l'année scolaire {previous}-{previous + 1} "
            f"(données au 31 juillet {self.year.start}, version {esc(changes.since)}).\n\n"
            + section("Tâches ajoutées", [{"task": t} for t in changes.added])
            + section(
                "Tâches modifiées",
                [{"task": t, "note": ", ".join(fields)} for t, fields in changes.modified],
            )
            + section("Tâches retirées", [{"task": None, "text": t.title} for t in changes.removed])
            + self.editions_section()
        )
        return Content(body)

    def editions_section(self) -> str:
        """The guides' editions the content comes from, against last year's when known."""
        items = []
        for document in cited_documents(self.catalog):
            compared = ""
            if self.changes.since is not None and document.id in self.changes.previous_editions:
                before = self.changes.previous_editions[document.id]
                if before is None:
                    compared = "nouvelle source"
                elif before == (document.edition or "édition non précisée"):
                    compared = "même édition que l'an dernier"
                else:
                    compared = f"l'an dernier : {before}"
            items.append({"document": document, "compared": compared})
        return "## Éditions des guides\n" + wrap(self.r.render("editions.html", items=items))

    def scenario(self, scenario_id: str) -> Content:
        entry = self.catalog.entry("scenarios", scenario_id)
        scenario = entry.record
        steps = [Markup(self.r.task(task_id)) for task_id in scenario.steps]
        body = wrap(self.r.render("scenario.html", scenario=scenario, steps=steps))
        return Content(body)

    def assessment(self) -> Content:
        sections = []
        for entry in self.catalog.entries("assessment"):
            domain = entry.record
            sections.append(
                f"## {esc(domain.name)}\n"
                + wrap(self.r.render("assessment_domain.html", domain=domain))
            )
        body = (
            "Situez l'établissement, domaine par domaine, du niveau le plus simple au plus "
            "avancé.\n\n" + "\n".join(sections)
        )
        first = self.catalog.entries("assessment")[0]
        return Content(body, first.edit_file)
