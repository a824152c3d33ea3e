"""All the generated pages of one site, in the order and at the paths their declarations give."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vademecum.site.blocks import wrap
from vademecum.site.edit_files import page_edit_files
from vademecum.site.pages.base import Page, make_page
from vademecum.site.pages.calendar import CalendarPages
from vademecum.site.pages.declarations import PageDeclaration, declarations
from vademecum.site.pages.directory import DirectoryPages
from vademecum.site.pages.reference import ReferencePages
from vademecum.site.pages.tools import ToolPages


class PageBuilder(CalendarPages, DirectoryPages, ReferencePages, ToolPages):
    def all(self, declared: Iterable[PageDeclaration] | None = None) -> list[Page]:
        """Every generated page of the site: one per declaration and record, when present."""
        return [
            self.page(declaration, key, record)
            for declaration in (declarations() if declared is None else declared)
            if declaration.builder
            for key, record in declaration.entries(self.catalog)
        ]

    def page(self, declaration: PageDeclaration, key: str | None, record: Any) -> Page:
        assert declaration.builder
        build = getattr(self, declaration.builder)
        content = build(key) if declaration.records is not None else build()
        body, edit_file, edit_files = content.body, content.edit_file, content.edit_files
        if edit_file is None and declaration.data:
            files = page_edit_files(self.catalog, declaration.data, key)
            edit_file = files[0]
            if key is None:  # records from every level: the page edits the most local file
                edit_files = tuple(files)
                if len(files) > 1:
                    base = self.edit_base or ""
                    body += wrap(self.r.render("edit_files.html", files=files, base=base))
        return make_page(
            declaration.path_for(key),
            declaration.title_for(record),
            body,
            edit_file,
            content.search,
            content.boost,
            edit_files,
        )
