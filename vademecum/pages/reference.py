"""Reference pages: legal texts, resources, glossary and contacts."""

from __future__ import annotations

from collections import defaultdict

from vademecum.edit_files import files_note, kind_files
from vademecum.pages.base import BasePages, Page, html_block, make_page, verified_line
from vademecum.render.html import esc, internal, link
from vademecum.render.labels import (
    LEGAL_KIND_LABELS,
    RESOURCE_KIND_LABELS,
    french_date,
)


class ReferencePages(BasePages):
    def gathered(self, path: str, title: str, body: str, kind: str) -> Page:
        """A page of one kind of record: it edits the most local file and lists them all."""
        files = kind_files(self.catalog, kind) or [f"data/national/{kind}.yml"]
        note = files_note(files)
        body += html_block(note) if note else ""
        return make_page(path, title, body, files[0], edit_files=tuple(files))

    def legal_texts(self) -> Page:
        groups: dict[str, list[str]] = defaultdict(list)
        order = list(LEGAL_KIND_LABELS)
        entries = sorted(
            self.catalog.entries("legal_texts"), key=lambda e: order.index(e.record.kind)
        )
        for entry in entries:
            text = entry.record
            citing = self.tasks_with("legal_text", text.id)
            used = ", ".join(
                internal(f"calendrier/{t.when[0].value}/#{t.id}", t.title) for t in citing
            )
            date = f" du {french_date(text.date)}" if text.date else ""
            groups[LEGAL_KIND_LABELS[text.kind]].append(
                f'<li id="{esc(text.id)}"><strong>{link(text.url, text.reference, "vm-ext")}</strong>'
                f"{esc(date)} — {self.r.text(text.title)}{self.r.local_badge(entry)}"
                f"<br>{self.r.text(text.summary)} {self.r.verified(text.verified_on)}"
                + (f'<br><span class="vm-used">Cité par : {used}</span>' if used else "")
                + "</li>"
            )
        body = (
            "Les textes officiels cités par les tâches, avec leur lien officiel.\n\n"
            + "\n".join(
                f"## {label}\n" + html_block(f'<ul class="vm-list">{"".join(items)}</ul>')
                for label, items in groups.items()
            )
        )
        body += verified_line(t.verified_on for t in self.catalog.all("legal_texts"))
        return self.gathered("textes.md", "Textes officiels", body, "legal_texts")

    def resource_list(self, resources) -> str:
        items = []
        for resource in resources:
            entry = self.catalog.entry("resources", resource.id)
            description = (
                self.r.markdown.inline(resource.description) if resource.description else ""
            )
            items.append(
                f'<li id="{esc(resource.id)}">{link(resource.url, resource.title, "vm-ext")}'
                f" — {esc(resource.publisher)}, {RESOURCE_KIND_LABELS[resource.kind].lower()}"
                f"{self.r.local_badge(entry)}"
                + (f"<br>{description}" if description else "")
                + "</li>"
            )
        return f'<ul class="vm-list">{"".join(items)}</ul>'

    def resources(self) -> Page:
        by_theme: dict[str, list] = defaultdict(list)
        for resource in self.catalog.all("resources"):
            by_theme[resource.themes[0] if resource.themes else ""].append(resource)
        sections = []
        for theme in self.catalog.all("themes"):
            if theme.id in by_theme:
                sections.append(
                    f"## {esc(theme.name)}\n" + html_block(self.resource_list(by_theme[theme.id]))
                )
        if by_theme.get(""):
            sections.append("## Autres ressources\n" + html_block(self.resource_list(by_theme[""])))
        body = "\n".join(sections) or "Aucune ressource."
        body += verified_line(r.verified_on for r in self.catalog.all("resources"))
        return self.gathered("ressources.md", "Ressources", body, "resources")

    def glossary(self) -> Page:
        items = []
        for term in sorted(self.catalog.all("glossary"), key=lambda t: t.term.casefold()):
            expansion = f" — {esc(term.expansion)}" if term.expansion else ""
            items.append(
                f'<dt id="{esc(term.id)}"><strong>{esc(term.term)}</strong>{expansion}</dt>'
                f"<dd>{self.r.markdown.block(term.definition)}</dd>"
            )
        body = html_block(f'<dl class="vm-glossary">{"".join(items)}</dl>')
        return self.gathered("glossaire.md", "Glossaire", body, "glossary")

    def contacts_html(self) -> str:
        items = []
        for entry in self.catalog.entries("contacts"):
            contact = entry.record
            ways = []
            if contact.email:
                ways.append(link(f"mailto:{contact.email}", contact.email))
            if contact.phone:
                ways.append(esc(contact.phone))
            if contact.url:
                ways.append(link(contact.url, contact.url, "vm-ext"))
            person = f" ({esc(contact.person)})" if contact.person else ""
            items.append(
                f'<li id="{esc(contact.id)}"><strong>{esc(contact.name)}</strong>{person}'
                f"{self.r.local_badge(entry)} — {esc(contact.purpose)}<br>{' · '.join(ways)} "
                f"{self.r.verified(contact.verified_on)}</li>"
            )
        if not items:
            return "<p>Aucun contact n'est encore renseigné pour ce site.</p>"
        return f'<ul class="vm-list">{"".join(items)}</ul>'

    def contacts(self) -> Page:
        body = html_block(self.contacts_html())
        body += verified_line(c.verified_on for c in self.catalog.all("contacts"))
        return self.gathered("contacts.md", "Contacts et assistance", body, "contacts")
