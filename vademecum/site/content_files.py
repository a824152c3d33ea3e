"""Which files of content/ may be published: guides in Markdown, and static files that cannot run.

A file under content/ is served from the site's own address, where the form editor keeps its
sign-in token: a page, a script or an SVG image there would run with the site's rights. So only
the types below are published; every other file, and every symbolic link that leads out of
content/, is a problem that `vademecum check` reports and that fails the build and the export.
A guide may not hold a `<script>` element either: the policy trusts scripts from the site's own
address, and only the project's own may be loaded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from vademecum.checks.problems import Problem

GUIDE_SUFFIX = ".md"
# Static files published as they are: raster images, PDF, office documents, fonts.
STATIC_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".pdf",
    ".odt",
    ".ods",
    ".odp",
    ".docx",
    ".xlsx",
    ".pptx",
    ".csv",
    ".woff",
    ".woff2",
)
_REFUSED = {
    ".html": "une page HTML s'exécuterait sur le site ; écrivez un guide en Markdown (.md)",
    ".htm": "une page HTML s'exécuterait sur le site ; écrivez un guide en Markdown (.md)",
    ".xhtml": "une page XHTML s'exécuterait sur le site ; écrivez un guide en Markdown (.md)",
    ".xml": "un navigateur peut afficher un fichier XML comme une page et y exécuter du code",
    ".svg": "une image SVG peut contenir du code ; enregistrez-la en PNG ou en WebP",
    ".js": "un script ne peut pas être ajouté par content/ (ceux du site sont dans overrides/)",
    ".mjs": "un script ne peut pas être ajouté par content/ (ceux du site sont dans overrides/)",
}
_SCRIPT = re.compile(r"<\s*script\b", re.I)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refusal(content: Path, path: Path) -> str | None:
    """Why the file at `path`, found under `content`, must not be published, or None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "lien symbolique cassé : supprimez-le"
    if not _inside(real, content.resolve()):
        return "lien symbolique vers un fichier hors de content/ : copiez le fichier dans content/"
    if real.is_dir():
        return None
    if path.suffix == GUIDE_SUFFIX:
        return None
    suffix = path.suffix.lower()
    if suffix in STATIC_SUFFIXES:
        return None
    reason = _REFUSED.get(suffix)
    if reason is None:
        kind = f"de type « {suffix} »" if suffix else "sans extension"
        reason = f"fichier {kind} non publié ; types acceptés : {accepted_types()}"
    return f"fichier refusé : {reason}"


def accepted_types() -> str:
    return ", ".join(suffix[1:] for suffix in (GUIDE_SUFFIX, *STATIC_SUFFIXES))


def published(content: Path, path: Path) -> bool:
    """A file that the site (and the export) may publish: neither hidden nor refused."""
    relative = path.relative_to(content)
    return not any(part.startswith(".") for part in relative.parts) and not refusal(content, path)


def content_problems(root: Path) -> list[Problem]:
    """Every file and link under content/ that must not be published, and every guide that
    writes a `<script>` element. Hidden files (`.gitkeep`) are never published: not reported."""
    content = root / "content"
    if not content.is_dir():
        return []
    problems = []
    for folder, dirs, files in os.walk(content):  # links to folders are checked, not followed
        here = Path(folder)
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in [*dirs, *sorted(files)]:
            path = here / name
            if name.startswith(".") or (name in dirs and not path.is_symlink()):
                continue
            shown = path.relative_to(root).as_posix()
            reason = refusal(content, path)
            if reason:
                problems.append(Problem(shown, 1, 1, "(fichier)", reason))
            elif path.suffix == GUIDE_SUFFIX and path.is_file():
                problems.extend(_script_problems(path, shown))
    return problems


def script_line(text: str) -> int | None:
    """The line of the first `<script` in `text` (Markdown or HTML), or None."""
    found = _SCRIPT.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


SCRIPT_REFUSED = (
    "élément <script> interdit : un guide ne peut pas charger de code, le site n'exécute que "
    "les scripts du projet (pour montrer la balise, écrivez &lt;script>)"
)


def _script_problems(path: Path, shown: str) -> list[Problem]:
    """A `<script` anywhere in a guide, code included: Markdown without fenced blocks tells raw
    HTML from code in ways a line scan cannot follow, and `&lt;script>` shows the tag."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return []  # reported by guide_problems
    line = script_line(text)
    return [] if line is None else [Problem(shown, line, 1, "(guide)", SCRIPT_REFUSED)]
