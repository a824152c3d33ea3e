"""Which data files hold what a page shows, for « Modifier cette page ».

A page made of one kind of record (Contacts, Ressources…) gathers records from every level:
the national file, the région's, the académie's. The edit button opens the most local of
them (where this site's editors add and change records); when there are several, the page
also lists them all (template edit_files.html), each with its own edit link.
"""

from __future__ import annotations

from vademecum.data.catalog import Catalog

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


def page_edit_files(catalog: Catalog, kind: str, key: str | None = None) -> list[str]:
    """A declared page's edit files (its declaration's `data`): a record's own file on the
    record's page, every file of the kind on a page that gathers them."""
    if key is not None:
        return [catalog.entry(kind, key).edit_file]
    return kind_files(catalog, kind) or [f"data/national/{kind}.yml"]
