"""Which data files hold what a page shows, for « Modifier cette page ».

A page made of one kind of record (Contacts, Ressources…) gathers records from every level:
the national file, the région's, the académie's. The edit button opens the most local of
them (where this site's editors add and change records); when there are several, the page
also lists them all, each with its own edit link.
"""

from __future__ import annotations

import os

from vademecum.catalog import Catalog
from vademecum.render.html import esc, link

EDIT_URL_ENV = "VADEMECUM_EDIT_URL"  # read here too: the pages are built before the adapter runs
_LEVEL_ORDER = {"academies": 0, "regions": 1, "national": 2}


def _rank(path: str) -> tuple[int, str]:
    parts = path.split("/")
    return (_LEVEL_ORDER.get(parts[1], 3) if len(parts) > 1 else 3, path)


def kind_files(catalog: Catalog, kind: str) -> list[str]:
    """The files that add or change the records of `kind` on this site, most local first."""
    files = set()
    for entry in catalog.entries(kind):
        files.add(entry.defined_in)
        files.update(entry.changed_in)
    return sorted(files, key=_rank)


def page_edit_file(catalog: Catalog, kind: str) -> str | None:
    """The file the edit button opens: the most local one holding records of `kind`."""
    files = kind_files(catalog, kind)
    return files[0] if files else None


def files_note(files: list[str]) -> str:
    """HTML listing the files a page gathers, linked to the forge's editor when it is known."""
    if len(files) < 2:
        return ""
    base = os.environ.get(EDIT_URL_ENV, "").strip()
    base = base.rstrip("/") + "/" if base else ""
    items = ", ".join(
        link(base + path, path) if base else f"<code>{esc(path)}</code>" for path in files
    )
    return (
        '<p class="vm-edit-files">Cette page rassemble plusieurs fichiers de données '
        f"(le plus local d'abord) : {items}.</p>"
    )
