"""`vademecum export`: one académie's site as plain Markdown that any MkDocs-like generator builds.

The export holds the pages with their pre-rendered blocks put back, the guides with their macro
calls already run, the site's files (taches.json, calendars), the project's assets, the theme
override that hands the académie and the build's facts to the checklist script, and a mkdocs.yml
that names no plugin or hook of ours: `mkdocs build` in the folder is all it takes.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup

from vademecum.guides.includes import INCLUDES_FOLDER
from vademecum.guides.loading import guide_files, guide_titles
from vademecum.guides.macros import guide_renderer
from vademecum.guides.sandbox import GuideError
from vademecum.output.output_dir import staged_output
from vademecum.site.blocks import expand
from vademecum.site.browser_facts import page_facts
from vademecum.site.content_files import SCRIPT_REFUSED, published, script_line
from vademecum.site.csp import policy
from vademecum.site.minify import minify_folder
from vademecum.site.pages import Page
from vademecum.site.prose import PROSE_FOLDER
from vademecum.site.render.html import menu_text
from vademecum.site.search_text import SEPARATOR, search_aliases, with_hidden_variants
from vademecum.site.sites import SiteData, nav
from vademecum_mkdocs.theme_scripts import template_scripts

DOCS = "docs"
THEME_DIR = "overrides"
CONFIG = "mkdocs.yml"
# Guides of other sites, the generated pages' prose and the guides' includes: never published
# as such.
UNPUBLISHED_FOLDERS = ("regions/", "academies/", f"{PROSE_FOLDER}/", f"{INCLUDES_FOLDER}/")
# Front matter as MkDocs reads it: kept as written, the guide's Jinja runs on what follows.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


class _TolerantLoader(yaml.SafeLoader):
    """Reads the project's mkdocs.yml without running its tags (`!ENV`…): they read as None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


# The generators an export is made for: the package whose theme templates hold the inline
# scripts the pages' CSP trusts, and the command that builds the export.
GENERATORS = {"mkdocs": ("material", "mkdocs build"), "zensical": ("zensical", "zensical build")}


class GeneratorMissing(Exception):
    """The chosen generator is not installed (Zensical is an optional dependency)."""


def theme_templates(generator: str) -> Path:
    """The folder of the generator's theme templates (Material's, or Zensical's own)."""
    package = GENERATORS[generator][0]
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise GeneratorMissing(
            f"{generator} n'est pas installé : pip install '.[{generator}]' "
            "(avec -c requirements.lock pour les versions testées)"
        ) from None
    return Path(module.__file__ or "").parent / "templates"


def export_site(root: Path, site: SiteData, target: Path, generator: str = "mkdocs") -> int:
    """Write the export of `site` into `target` (staged, swapped in when complete), for
    `generator` (its theme's inline scripts are the ones the pages' CSP trusts).

    Returns the number of pages written. Raises OutputDirError when `target` is refused,
    GeneratorMissing when the generator is not installed, and GuideError when a guide's macros
    fail (nothing is replaced then).
    """
    templates = theme_templates(generator)
    academy = site.catalog.academy
    guides = guide_files(root / "content", academy.id, academy.region)
    titles = guide_titles(guides)
    aliases = search_aliases(site.catalog)
    with staged_output(root, target) as stage:
        docs = stage / DOCS
        for path, source in guides.items():
            guide = _rendered_guide(root, site, path, source)
            if not _published_as_written(guide):
                guide = with_hidden_variants(guide, titles.get(path, ""), aliases)
            _write(docs, path, guide)
        pages = [page for page in site.pages if page.path not in guides]  # a guide wins
        for page in pages:
            blocks = tuple(_as_html_block(block) for block in page.blocks)
            markdown = _with_title(expand(page.markdown, blocks), page.title)
            _write(docs, page.path, with_hidden_variants(markdown, page.title, aliases))
        for path, text in site.files.items():
            _write(docs, path, text)
        _copy_content_files(root / "content", docs)
        _copy_tree(root / THEME_DIR / "assets", docs / "assets")
        minify_folder(root / THEME_DIR / "assets", docs / "assets", root)  # else: readable
        for template in sorted((root / THEME_DIR).glob("*.html")):
            _copy(template, stage / THEME_DIR / template.name)
        config = export_config(root, site, titles, generator)
        features = list(config["theme"].get("features") or [])
        urls = {_base_url(page_path) for page_path in [*guides, *(p.path for p in pages)]}
        scripts = template_scripts(templates, features, urls | {"/"})  # "/": the 404 page
        config["extra"]["csp"] = policy(scripts)
        _write(
            stage,
            CONFIG,
            _header(generator) + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        )
    return len(guides) + len(pages)


def _with_title(markdown: str, title: str) -> str:
    """The page's title as plain text in its front matter: the heading is Markdown with character
    references (vademecum.site.render.html.esc), which Zensical's search shows as written."""
    line = "title: " + json.dumps(menu_text(title), ensure_ascii=False) + "\n"  # JSON is YAML
    front = _FRONT_MATTER.match(markdown)
    if front is None:
        return f"---\n{line}---\n" + markdown
    return markdown[:4] + line + markdown[4:]  # after the opening « ---\n »


def _header(generator: str) -> str:
    command = GENERATORS[generator][1]
    return (
        f"# Export de « vademecum export » : construisez le site avec « {command} » dans ce dossier\n"
        "# (Material for MkDocs ou Zensical suffit, sans greffon ni hook du vademecum).\n"
    )


def _base_url(page_path: str) -> str:
    """The theme's `base_url` of a page with directory URLs (« roles/rupn.md » → « ../.. »)."""
    url = Page(page_path, "", "").url.strip("/")
    depth = url.count("/") + 1 if url else 0
    return "/".join([".."] * depth) or "."


# Zensical's search panel speaks English whatever its configuration: this script translates it.
ZENSICAL_SCRIPTS = ["assets/javascripts/zensical-fr.js"]


def export_config(
    root: Path, site: SiteData, titles: dict[str, str], generator: str = "mkdocs"
) -> dict[str, Any]:
    """The export's mkdocs.yml: Material in French, its search, the project's Markdown extensions."""
    project = _project_config(root)
    theme = project.get("theme") or {}
    academy = site.catalog.academy
    config: dict[str, Any] = {
        "site_name": menu_text(site.title),  # the theme writes it as HTML, unescaped
        "docs_dir": DOCS,
        "use_directory_urls": True,  # the pages' links are written for directory URLs
        "theme": {
            "name": "material",
            "language": "fr",
            "custom_dir": THEME_DIR,
            # Zensical's look closest to Material's (Material ignores the key).
            "variant": "classic",
            **{key: theme[key] for key in ("font", "features") if key in theme},
        },
        # Both generators cut words with this separator (Zensical ignores `lang`).
        "plugins": [{"search": {"lang": "fr", "separator": SEPARATOR}}],
        "markdown_extensions": _with_glossary(project.get("markdown_extensions") or [], site),
        "extra_css": project.get("extra_css") or [],
        "extra": {"academy": {"id": academy.id, "name": academy.name}, "vademecum": page_facts()},
        "nav": nav(site, titles),
    }
    if generator == "zensical":
        config["extra_javascript"] = ZENSICAL_SCRIPTS
    if project.get("copyright"):
        config["copyright"] = project["copyright"]
    return config


def _project_config(root: Path) -> dict[str, Any]:
    path = root / CONFIG
    if not path.is_file():
        return {}
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    return loaded if isinstance(loaded, dict) else {}


def _with_glossary(extensions: list[Any], site: SiteData) -> list[Any]:
    """The project's extensions, `abbr` given the académie's glossary as the build plugin does."""
    glossary = dict(site.renderer.glossary)
    out = []
    for extension in extensions:
        name = extension if isinstance(extension, str) else next(iter(extension), None)
        if name == "abbr" and glossary:
            options = {} if isinstance(extension, str) else dict(extension["abbr"] or {})
            extension = {"abbr": {**options, "glossary": glossary}}
        out.append(extension)
    return out


_FIRST_TAG = re.compile(r"\s*<([A-Za-z][A-Za-z0-9-]*)")


def _as_html_block(html: str) -> str:
    """A pre-rendered block that Markdown leaves alone: it must open with a block-level element,
    or Markdown would wrap it in a paragraph and mark its abbreviations a second time."""
    first = _FIRST_TAG.match(html)
    if first and first.group(1).lower() in BLOCK_LEVEL_ELEMENTS:
        return html
    return str(Markup("<div>{}</div>").format(Markup(html)))  # already rendered and escaped


def _rendered_guide(root: Path, site: SiteData, path: str, source: Path) -> str:
    """The guide with its macro calls replaced by their output, front matter kept as written."""
    text = source.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    head = front.group(0) if front else ""
    if _macros_off(head):  # as mkdocs-macros does: the guide is published as written
        return text
    shown = source.resolve().relative_to(root.resolve()).as_posix()
    renderer = guide_renderer(site, Page(path, "", "").url, content=root / "content")
    rendered = renderer.render(text[len(head) :], shown, head.count("\n") + 1)
    if script_line(rendered) is not None:  # one written by the guide's macros
        raise GuideError(shown, None, SCRIPT_REFUSED)
    return head + rendered


def _published_as_written(text: str) -> bool:
    front = _FRONT_MATTER.match(text)
    return _macros_off(front.group(0) if front else "")


def _macros_off(front_matter: str) -> bool:
    """The front matter says `render_macros: false` (mkdocs-macros' switch for one page)."""
    body = front_matter.strip().strip("-.").strip()
    try:
        meta = yaml.safe_load(body) if body else None
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("render_macros") is False


def _copy_content_files(content: Path, docs: Path) -> None:
    """Images and other allowed files next to the national guides (unpublished folders, hidden
    files and refused types stay out: `export` refuses to run when content/ holds any)."""
    if not content.is_dir():
        return
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content).as_posix()
        if (
            path.suffix != ".md"
            and not relative.startswith(UNPUBLISHED_FOLDERS)
            and published(content, path)
            and path.is_file()
        ):
            _copy(path, docs / relative)


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file():
                _copy(path, target / path.relative_to(source))


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _write(folder: Path, relative: str, text: str | bytes) -> None:
    path = folder / relative
    if folder.resolve() not in path.resolve().parents:
        raise ValueError(f"chemin hors de l'export : {relative}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)  # .ics: CRLF kept
