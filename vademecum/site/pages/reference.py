"""Reference pages: legal texts, resources, glossary and contacts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from vademecum.data.labels import (
    LEGAL_KIND_LABELS,
    french_sort_key,
)
from vademecum.data.model import Resource
from vademecum.site.blocks import wrap
from vademecum.site.pages.base import ABOUT_BOOST, BasePages, Content
from vademecum.site.render.html import esc


class ReferencePages(BasePages):
    def legal_texts(self) -> Content:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        order = list(LEGAL_KIND_LABELS)
        entries = sorted(
            self.catalog.entries("legal_texts"), key=lambda e: order.index(e.record.kind)
        )
        for entry in entries:
            citing = self.tasks_with("legal_text", entry.record.id)
            groups[LEGAL_KIND_LABELS[entry.record.kind]].append({"entry": entry, "citing": citing})
        body = (
            "Les textes officiels cités par les tâches, avec leur lien officiel.\n\n"
            + "\n".join(
                f"## {label}\n" + wrap(self.r.render("legal_texts.html", items=items))
                for label, items in groups.items()
            )
        )
        body += self.sources_line(self.catalog.legal_texts)
        body += self.verified_line(t.verified_on for t in self.catalog.legal_texts)
        return Content(body)

    def resources(self) -> Content:
        by_theme: dict[str, list[Resource]] = defaultdict(list)
        for resource in self.catalog.resources:
            by_theme[resource.themes[0] if resource.themes else ""].append(resource)
        sections = []
        for theme in self.catalog.themes:
            if theme.id in by_theme:
                sections.append(
                    f"## {esc(theme.name)}\n" + wrap(self.resource_list(by_theme[theme.id]))
                )
        if by_theme.get(""):
            sections.append("## Autres ressources\n" + wrap(self.resource_list(by_theme[""])))
        body = "\n".join(sections) or "Aucune ressource."
        body += self.sources_line(self.catalog.resources)
        body += self.verified_line(r.verified_on for r in self.catalog.resources)
        return Content(body)

    def glossary(self) -> Content:
        terms = sorted(self.catalog.glossary, key=lambda t: french_sort_key(t.term))
        body = wrap(self.r.render("glossary.html", terms=terms))
        body += self.sources_line(terms)
        return Content(body, boost=ABOUT_BOOST)

    def contacts(self) -> Content:
        body = wrap(self.contacts_html())
        body += self.sources_line(self.catalog.contacts)
        body += self.verified_line(c.verified_on for c in self.catalog.contacts)
        return Content(body)
