"""The one folder guides may include from: `{% include "nom.md" %}` reads content/_inclus/nom.md.

An included file runs in the guide's sandbox (same macros, same refusals); it includes nothing
itself, and a name outside the folder (`..`, an absolute path, a symbolic link) is not found.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateNotFound, nodes

INCLUDES_FOLDER = "_inclus"  # in content/; not a page of the site
SHOWN = f"content/{INCLUDES_FOLDER}/"
_NESTED = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class IncludeFolder(FileSystemLoader):
    def __init__(self, content: Path):
        self.folder = (content / INCLUDES_FOLDER).resolve()
        super().__init__(str(self.folder))

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        refused = TemplateNotFound(
            template,
            f"« {template} » n'est pas dans {SHOWN} : inclure tout autre fichier est interdit",
        )
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except TemplateNotFound:
            raise refused from None
        path = Path(filename)
        if path.is_symlink() or self.folder not in path.resolve().parents:
            raise refused
        if any(True for _ in environment.parse(source).find_all(_NESTED)):
            raise TemplateNotFound(
                template, f"{SHOWN}{template} inclut à son tour un fichier, ce qui est interdit"
            )
        return source, filename, uptodate


def include_folder(content: Path) -> IncludeFolder | None:
    """The loader of content/_inclus/, or None (includes refused) when the folder is absent."""
    return IncludeFolder(content) if (content / INCLUDES_FOLDER).is_dir() else None
