"""`vademecum check` renders each site's guides as the build does, macros and limits included."""

from __future__ import annotations

from pathlib import Path

from vademecum.checks.problems import Problem
from vademecum.data.catalog import Catalog
from vademecum.data.school_year import SchoolYear
from vademecum.guides.loading import guide_files, macros_off, split_front_matter
from vademecum.guides.macros import guide_renderer
from vademecum.guides.sandbox import GuideError
from vademecum.site.pages import Page
from vademecum.site.render.components import Renderer
from vademecum.site.sites import SiteData


def rendered_guide_problems(
    root: Path, catalogs: dict[str, Catalog], year: SchoolYear
) -> list[Problem]:
    """A problem for each guide that a site's build would stop on; a guide failing on some
    sites only names them (a task removed by one académie, for example)."""
    failing: dict[tuple[str, int, str], list[str]] = {}
    for academy, catalog in catalogs.items():
        for shown, line, message in _site_failures(root, catalog, year):
            failing.setdefault((shown, line, message), []).append(academy)
    problems = []
    for (shown, line, message), academies in failing.items():
        if len(academies) < len(catalogs):
            message += f" (site{'s' if len(academies) > 1 else ''} : {', '.join(academies)})"
        problems.append(Problem(shown, line, 1, "(macros)", message))
    return problems


def _site_failures(root: Path, catalog: Catalog, year: SchoolYear) -> list[tuple[str, int, str]]:
    site = SiteData(catalog, Renderer(catalog, year))
    academy = catalog.academy
    failures = []
    for relative, path in guide_files(root / "content", academy.id, academy.region).items():
        resolved = path.resolve()
        if root.resolve() not in resolved.parents:
            continue  # a link out of the project: said by guides.guide_problems
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # said by guides.guide_problems
        head, body = split_front_matter(text)
        if macros_off(head):
            continue  # published as written, like mkdocs-macros does
        shown = resolved.relative_to(root.resolve()).as_posix()
        renderer = guide_renderer(site, Page(relative, "", "").url, [], root / "content")
        try:
            renderer.render(body, shown, head.count("\n") + 1)
        except GuideError as error:
            failures.append((shown, error.line or 1, error.message))
    return failures
