"""Projects generated for the benchmark: temp copies with more tasks, and a bare Material site.

Nothing here touches the real project: every project is written under a temporary folder.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

# What a build of the real project reads (the engine itself is installed in .venv).
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides", "data", "macros")
ACADEMY = "limoges"
TASKS_FILE = f"data/academies/{ACADEMY}/tasks.yml"
SLUG_MAX = 80  # vademecum.data.model: ids are at most 80 characters


class _TagsAsNone(yaml.SafeLoader):
    """mkdocs.yml without running its tags (`!ENV` of the plugin's options): they read as None."""


_TagsAsNone.add_multi_constructor("!", lambda loader, suffix, node: None)


def _mkdocs_config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagsAsNone) or {}


def _watched(root: Path) -> list[str]:
    """Paths named under `watch:` in mkdocs.yml: MkDocs refuses a config whose path is missing."""
    try:
        config = _mkdocs_config(root)
    except yaml.YAMLError:
        return []
    return [str(p) for p in config.get("watch") or [] if not Path(str(p)).is_absolute()]


def copy_project(root: Path, target: Path) -> Path:
    """A copy of what the build reads (no git history: « Quoi de neuf » then says so)."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in dict.fromkeys([*PROJECT_PARTS, *_watched(root)]):
        if (target / part).exists():
            continue
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


# -- more tasks -----------------------------------------------------------------------------------
_RECORD_START = re.compile(r"^  - ")
_ID_LINE = re.compile(r"^(  - |    )id: *(\S+)\s*$")


def _task_records(text: str) -> tuple[list[str], list[str], list[str]]:
    """Split a tasks.yml into (lines before the records, record blocks, lines after)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "tasks:")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"^\S", lines[i])),
        len(lines),
    )
    head = lines[: start + 1]
    blocks: list[list[str]] = []
    for line in lines[start + 1 : end]:
        if _RECORD_START.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:  # comments before the first record
            head.append(line)
    return head, ["".join(b) for b in blocks], lines[end:]


def _copy_id(task_id: str, n: int) -> str:
    suffix = f"-copie-{n}"
    return task_id[: SLUG_MAX - len(suffix)].rstrip("-") + suffix


def _renamed(block: str, n: int) -> str:
    out = []
    renamed = False
    for line in block.splitlines(keepends=True):
        match = _ID_LINE.match(line.rstrip("\n"))
        if match and not renamed:
            line = f"{match.group(1)}id: {_copy_id(match.group(2), n)}\n"
            renamed = True
        out.append(line)
    if not renamed:
        raise ValueError("enregistrement de tâche sans id : " + block[:80])
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"


def multiply_tasks(project: Path, extra: int) -> int:
    """Append `extra` copies of the académie's own task records (ids `<id>-copie-<n>`)."""
    path = project / TASKS_FILE
    head, blocks, tail = _task_records(path.read_text(encoding="utf-8"))
    if not blocks:
        raise ValueError(f"aucune tâche dans {TASKS_FILE}")
    copies = [_renamed(blocks[k % len(blocks)], k // len(blocks) + 1) for k in range(extra)]
    body = "".join(blocks)
    if not body.endswith("\n"):
        body += "\n"
    path.write_text("".join(head) + body + "".join(copies) + "".join(tail), encoding="utf-8")
    return extra


def task_count(project: Path) -> int:
    """The académie's task count after the cascade; raises with the problems if invalid."""
    from vademecum.data.cascade import load_catalog

    catalog, problems = load_catalog(project, ACADEMY)
    if catalog is None:
        shown = "\n".join(str(p) for p in problems[:10])
        raise RuntimeError(f"données synthétiques invalides :\n{shown}")
    return catalog.counts()["tasks"]


# -- the bare Material baseline ------------------------------------------------------------------
@dataclass
class SiteShape:
    """What the bare site copies from the real one: page paths, sizes, titles and nav."""

    sizes: dict[str, int]  # source path → Markdown characters
    titles: dict[str, str]
    nav: list
    busiest_month: str  # period slug of the month page with the most tasks
    month_tasks: dict[str, int]

    @property
    def pages(self) -> int:
        return len(self.sizes)

    @property
    def characters(self) -> int:
        return sum(self.sizes.values())


def site_shape(root: Path, academy: str = ACADEMY) -> SiteShape:
    from vademecum.data.labels import PERIOD_ORDER
    from vademecum.data.school_year import chosen_school_year
    from vademecum.guides.loading import guide_files, guide_titles
    from vademecum.site.blocks import expand
    from vademecum.site.sites import SiteSettings, load_site, nav

    site = load_site(root, SiteSettings(academy, chosen_school_year(None)))
    # The content of a page is its Markdown with its pre-rendered HTML blocks put back.
    sizes = {page.path: len(expand(page.markdown, page.blocks)) for page in site.pages}
    titles = {page.path: page.title for page in site.pages}
    guides = guide_files(root / "content", site.academy.id, site.academy.region)
    guide_names = guide_titles(guides)
    for path, file in guides.items():  # a hand-written guide wins over a generated page
        sizes[path] = len(file.read_text(encoding="utf-8"))
        titles[path] = guide_names[path]
    tasks = site.catalog.all("tasks")
    months = {p.value: sum(1 for t in tasks if p in t.when) for p in PERIOD_ORDER}
    busiest = max(months, key=months.get)
    return SiteShape(sizes, titles, nav(site, guide_names), busiest, months)


_TEXT = (
    "le chef d'établissement pilote le numérique avec son équipe de direction et les référents "
    "pour organiser l'année scolaire les comptes les services l'espace numérique de travail les "
    "ressources du GAR la campagne Pix la sécurité des données la protection des élèves le conseil "
    "pédagogique la commission numérique le bilan annuel présenté au conseil d'administration"
)
_WORDS = _TEXT.split()


def _plain_page(title: str, size: int, rng: random.Random) -> str:
    """Plain Markdown (headings and paragraphs) of exactly `size` characters when possible."""
    text = f"# {title}\n\n"
    section = 1
    while len(text) < size:
        text += f"## Partie {section}\n\n"
        for _ in range(3):
            words = rng.choices(_WORDS, k=rng.randint(40, 90))
            text += " ".join(words).capitalize() + ".\n\n"
        section += 1
    return text[: size - 1].rstrip() + "\n" if len(text) > size else text


def bare_project(root: Path, shape: SiteShape, target: Path) -> Path:
    """A Material project with the theme settings of mkdocs.yml and none of our additions."""
    config = _mkdocs_config(root)
    theme = dict(config.get("theme") or {})
    theme.pop("custom_dir", None)
    plugins = []
    for plugin in config.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "privacy"):
            plugins.append(plugin)
    bare = {
        "site_name": "Site Material nu (référence du banc d'essai)",
        "docs_dir": "docs",
        "use_directory_urls": config.get("use_directory_urls", True),
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": config.get("markdown_extensions") or [],
        "nav": shape.nav,
    }
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(bare, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    rng = random.Random(2024)
    for path, size in sorted(shape.sizes.items()):
        file = target / "docs" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(_plain_page(shape.titles[path], size, rng), encoding="utf-8")
    return target
