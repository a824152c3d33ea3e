"""All the generated pages of one site, in one place."""

from __future__ import annotations

from vademecum.labels import PERIOD_ORDER
from vademecum.pages.base import Page
from vademecum.pages.calendar import CalendarPages
from vademecum.pages.directory import DirectoryPages
from vademecum.pages.reference import ReferencePages
from vademecum.pages.tools import ToolPages


class PageBuilder(CalendarPages, DirectoryPages, ReferencePages, ToolPages):
    def all(self) -> list[Page]:
        pages = [self.calendar_index()]
        pages += [self.period(p) for p in PERIOD_ORDER]
        pages.append(self.subscription())
        pages += [self.roles_index(), *[self.role(r.id) for r in self.catalog.roles]]
        pages += [self.themes_index(), *[self.theme(t.id) for t in self.catalog.themes]]
        pages += [
            self.services_index(),
            *[self.service(s.id) for s in self.catalog.services],
        ]
        pages += [self.legal_texts(), self.resources(), self.glossary(), self.contacts()]
        pages += [self.progress(), self.report(), self.booklet(), self.whats_new()]
        pages += [self.scenario(s.id) for s in self.catalog.scenarios]
        if self.catalog.assessment:
            pages.append(self.assessment())
        return pages
