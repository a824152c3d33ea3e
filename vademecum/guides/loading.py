"""Hand-written guides: national ones in content/, overridden per région and per académie."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from vademecum.checks.problems import Problem
from vademecum.guides.includes import INCLUDES_FOLDER
from vademecum.guides.macros import MACROS
from vademecum.guides.sandbox import GuideError, GuideRenderer
from vademecum.site.content_files import content_problems, refusal
from vademecum.site.prose import PROSE_FOLDER

# MkDocs' own rule (mkdocs.utils.meta): YAML between two `---` lines at the very top.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def split_front_matter(text: str) -> tuple[str, str]:
    """The front matter (with the blank lines MkDocs drops after it) and the guide's body."""
    front = _FRONT_MATTER.match(text)
    if not front:
        return "", text
    body = text[front.end() :].lstrip("\n")
    return text[: len(text) - len(body)], body


def macros_off(front_matter: str) -> bool:
    """The front matter says `render_macros: false` (mkdocs-macros' switch for one page)."""
    match = _FRONT_MATTER.match(front_matter)
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("render_macros") is False


def guide_files(content: Path, academy: str, region: str | None) -> dict[str, Path]:
    """Source path → file, the most local version winning (académie > région > national)."""
    layers = [content]
    if region:
        layers.append(content / "regions" / region)
    layers.append(content / "academies" / academy)
    found: dict[str, Path] = {}
    for layer in layers:
        if not layer.is_dir():
            continue
        for path in sorted(layer.rglob("*.md")):
            relative_path = path.relative_to(layer).as_posix()
            if layer == content and relative_path.startswith(("regions/", "academies/")):
                continue
            if relative_path.startswith((f"{PROSE_FOLDER}/", f"{INCLUDES_FOLDER}/")):
                continue  # the generated pages' prose, the guides' includes: not pages
            found[relative_path] = path
    return found


def guide_titles(files: dict[str, Path]) -> dict[str, str]:
    """Each guide's title: its first level-one heading, else its file name."""
    titles = {}
    for relative_path, path in files.items():
        title = Path(relative_path).stem.replace("-", " ").capitalize()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""  # reported by guide_problems
        for line in text.splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                break
        titles[relative_path] = title
    return titles


def guide_problems(root: Path) -> list[Problem]:
    """Guides that cannot be built (unreadable, not UTF-8, bad macro syntax), and the files of
    content/ that must not be published (vademecum.site.content_files). What needs a site's data,
    the macros' output and the limits, is vademecum.guides.check's."""
    content = root / "content"
    if not content.is_dir():
        return []
    syntax = GuideRenderer(MACROS, {"academy": {}})
    problems = []
    for path in sorted(content.rglob("*")):
        shown = path.relative_to(root).as_posix()
        if path.is_symlink() and refusal(content, path):
            continue  # reported by content_problems
        if path.suffix != ".md" or not path.is_file():
            continue
        problem = _guide_problem(path, shown, syntax)
        if problem:
            problems.append(problem)
    return [*problems, *content_problems(root)]


def _guide_problem(path: Path, shown: str, syntax: GuideRenderer) -> Problem | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(shown, 1, 1, "(fichier)", f"guide illisible ({error.strerror})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(
            shown, line, column, "(fichier)", "encodage invalide : enregistrez le guide en UTF-8"
        )
    if macros_off(split_front_matter(text)[0]):
        return None  # published as written, like mkdocs-macros does
    try:
        syntax.check(text, shown)
    except GuideError as error:
        return Problem(shown, error.line or 1, 1, "(macros)", error.message)
    return None
