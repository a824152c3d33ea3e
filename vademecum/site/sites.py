"""One site's data and pages, loaded once per build and shared by every adapter.

The adapter (the MkDocs plugin) holds the result for the length of a build, and across the
rebuilds of `mkdocs serve` while `source_fingerprint` does not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from vademecum.checks.problems import DataError
from vademecum.data.cascade import academy_ids, load_catalog
from vademecum.data.catalog import Catalog
from vademecum.data.model import Academy
from vademecum.data.school_year import SchoolYear
from vademecum.data.yamlload import load_file
from vademecum.editors.cms_site import Forge, admin_files
from vademecum.site.blocks import extract
from vademecum.site.calendars import calendar_files
from vademecum.site.changes import changes_since_previous_year
from vademecum.site.checklist_index import CHECKLIST_INDEX, checklist_index
from vademecum.site.pages.base import Page
from vademecum.site.pages.builder import PageBuilder
from vademecum.site.pages.declarations import PageDeclaration, declarations
from vademecum.site.prose import PROSE_FOLDER, Prose
from vademecum.site.render.components import Renderer
from vademecum.site.render.html import menu_text, resolve_root

DEFAULT_ACADEMY = "national"


@dataclass(frozen=True)
class SiteSettings:
    """What a build is asked for (the plugin's configuration, or the CLI's options)."""

    academy: str
    school_year: SchoolYear
    base_url: str | None = None  # deployment address; each académie is under <id>/
    edit_url: str | None = None  # forge editor at the repository root (« Modifier cette page »)
    cms: Forge | None = None  # the forge the form editor (/admin/) saves to; None: no /admin/
    source_date_epoch: int | None = None  # reproducible builds: the date written in calendars

    @property
    def site_url(self) -> str | None:
        """Public address of this académie's site, when the deployment's address is known."""
        base = (self.base_url or "").strip()
        return base.rstrip("/") + f"/{self.academy}/" if base else None

    @property
    def edit_base(self) -> str | None:
        base = (self.edit_url or "").strip()
        return base.rstrip("/") + "/" if base else None


@dataclass
class SiteData:
    catalog: Catalog
    renderer: Renderer
    pages: list[Page] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)  # other outputs: path → content
    default_edit_file: str = "data/national/tasks.yml"  # for pages that gather many files

    @cached_property
    def page_by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    @property
    def academy(self) -> Academy:
        return self.catalog.academy

    @property
    def title(self) -> str:
        if self.academy.id == "national":
            return "Vademecum du numérique — socle national"
        return f"Vademecum du numérique — {self.academy.name}"


def unknown_address_warning(base_url: str | None) -> str | None:
    """What `vademecum build` says when the public address is unknown (links in the .ics)."""
    if base_url and base_url.strip():
        return None
    return (
        "Attention : adresse publique du site inconnue (variable VADEMECUM_SITE_URL, par exemple "
        "https://drane.example.org/vademecum/) : les calendriers .ics ne contiendront pas de "
        "liens vers les tâches."
    )


# What load_site reads from the project: the data, and the generated pages' prose.
SOURCE_FOLDERS = ("data", f"content/{PROSE_FOLDER}")


def source_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Paths, sizes and modification times of every file load_site reads (SOURCE_FOLDERS):
    equal means nothing it depends on changed."""
    return tuple(
        sorted(
            (str(p), p.stat().st_size, p.stat().st_mtime_ns)
            for folder in SOURCE_FOLDERS
            for p in (root / folder).rglob("*")
            if p.is_file()
        )
    )


def load_site(root: Path, settings: SiteSettings) -> SiteData:
    """The académie's validated data and pages; raises DataError listing every problem."""
    catalog, problems = load_catalog(root, settings.academy)
    if catalog is None:
        raise DataError(problems)
    year = settings.school_year
    renderer = Renderer(catalog, year)
    url = settings.site_url
    builder = PageBuilder(
        catalog,
        renderer,
        year,
        site_url=url,
        changes=changes_since_previous_year(root, catalog, year),
        prose=Prose(root / "content"),
        edit_base=settings.edit_base,
    )
    pages = []
    for page in builder.all():
        markdown, blocks = extract(resolve_root(page.markdown, page.url))
        pages.append(replace(page, markdown=markdown, blocks=blocks))
    files: dict[str, str | bytes] = {
        CHECKLIST_INDEX: checklist_index(catalog),
        **calendar_files(catalog, year, url, settings.source_date_epoch),
    }
    files.update(admin_files(root, catalog, settings.cms, url))  # the form editor, if named
    return SiteData(catalog, renderer, pages, files, _most_local_tasks_file(root, catalog))


def _most_local_tasks_file(root: Path, catalog: Catalog) -> str:
    """Where an editor of this site changes its tasks: its own overlay when it has one."""
    candidates = [f"data/academies/{catalog.academy.id}/tasks.yml"]
    if catalog.region:
        candidates.append(f"data/regions/{catalog.region.id}/tasks.yml")
    return next((c for c in candidates if (root / c).is_file()), "data/national/tasks.yml")


def nav(
    site: SiteData,
    guides: dict[str, str],
    declared: Iterable[PageDeclaration] | None = None,
) -> list[Any]:
    """MkDocs-style navigation; `guides` maps hand-written page paths to their titles.

    The declared pages in their order, each in its section; the guides right after the home page
    (the first declaration), the two the newcomer reads first at their head."""
    first = [p for p in ("prise-de-fonction.md", "ecosysteme.md") if p in guides]
    extra = sorted(p for p in guides if p not in ("index.md", *first))
    guide_entries = [{menu_text(guides[path]): path} for path in first + extra]
    out: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for declaration in declarations() if declared is None else declared:
        for key, record in declaration.entries(site.catalog):
            path = declaration.path_for(key)
            label = declaration.nav_label(record)
            entry = path if label is None else {label: path}
            if declaration.section is None:
                out.append(entry)
            else:
                if declaration.section not in sections:
                    sections[declaration.section] = []
                    out.append({declaration.section: sections[declaration.section]})
                sections[declaration.section].append(entry)
        if not out:
            continue
        if guide_entries:
            out += guide_entries
            guide_entries = []
    return out


def site_list(root: Path) -> list[dict[str, str | None]]:
    """Every académie with its région, for `vademecum list` and the landing page."""
    out = []
    for academy_id in academy_ids(root):
        path = root / "data" / "academies" / academy_id / "academy.yml"
        value = load_file(path, str(path)).value or {}
        region_id = value.get("region")
        region_name = None
        if region_id:
            region_file = root / "data" / "regions" / region_id / "region.yml"
            if region_file.is_file():
                region_name = (load_file(region_file, str(region_file)).value or {}).get("name")
        out.append(
            {
                "id": academy_id,
                "name": value.get("name", academy_id),
                "region": region_id,
                "region_name": region_name,
            }
        )
    return out
