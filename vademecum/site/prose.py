"""The French prose of the generated pages, kept in content/_textes/ where an editor changes it.

Each file is Markdown; `$name` placeholders are filled at build time with `string.Template`
(no attribute access, no code: a placeholder is a name or nothing).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from vademecum.checks.problems import DataError, Problem

PROSE_FOLDER = "_textes"


class Prose:
    def __init__(self, content: Path):
        self.folder = content / PROSE_FOLDER

    def text(self, name: str, **values: str) -> str:
        """The file `name`.md with its placeholders replaced (unknown ones left as written)."""
        path = self.folder / f"{name}.md"
        try:
            source = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            shown = f"content/{PROSE_FOLDER}/{name}.md"
            message = "texte d'une page générée introuvable ou illisible (UTF-8 attendu)"
            raise DataError([Problem(shown, 1, 1, "(fichier)", message)]) from None
        return Template(source).safe_substitute(values)
