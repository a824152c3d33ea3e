"""MkDocs hooks: choose the académie, add the generated pages, apply the guide overrides.

Thin adapter over the engine (vademecum); nothing here reads YAML or renders a record.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from vademecum.blocks import expand
from vademecum.csp import add_csp
from vademecum.guide_macros import guide_renderer
from vademecum.guide_sandbox import GuideError
from vademecum.guides import guide_files, guide_problems, guide_titles
from vademecum.problems import DataError
from vademecum.render.html import html_text
from vademecum.school_year import SchoolYearError
from vademecum.sites import SiteData, edit_url, get_site, nav, selected_academy, site_url
from vademecum_mkdocs.theme_scripts import theme_inline_scripts

OVERLAY_FOLDERS = ("regions/", "academies/")


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def current_site(config: MkDocsConfig) -> SiteData:
    try:
        return get_site(project_root(config), selected_academy())
    except DataError as error:
        lines = "\n".join(str(p) for p in error.problems)
        raise PluginError(
            f"Données invalides ({len(error.problems)} problème(s)) :\n{lines}"
        ) from None
    except SchoolYearError as error:
        raise PluginError(str(error)) from None


@event_priority(100)  # before the plugins: privacy and search read site_url and the nav
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = current_site(config)
    problems = guide_problems(project_root(config))
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise PluginError(f"Guides invalides ({len(problems)} problème(s)) :\n{lines}")
    config.site_name = html_text(site.title)  # the theme writes it as HTML, unescaped
    url = site_url(site.academy.id)
    if url:  # Material's instant navigation needs it (sitemap.xml)
        config.site_url = url
    config.extra["academy"] = {"id": site.academy.id, "name": site.academy.name}
    if edit_url():  # « Modifier cette page »: every file sets its own path (see on_files)
        config.edit_uri = edit_url()
    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(site.renderer.glossary)
    content = Path(config.docs_dir)
    titles = guide_titles(guide_files(content, site.academy.id, site.academy.region))
    config.nav = nav(site, titles)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = current_site(config)
    content = Path(config.docs_dir)
    for file in list(files):
        if file.src_uri.startswith(OVERLAY_FOLDERS):
            files.remove(file)
    for src_uri, path in guide_files(content, site.academy.id, site.academy.region).items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None and Path(existing.abs_src_path or "") == path:
            continue
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    root = project_root(config)
    for file in files.documentation_pages():  # hand-written guides: their path in the repository
        if file.abs_src_path:
            file.edit_uri = Path(file.abs_src_path).resolve().relative_to(root).as_posix()
    for page in site.pages:
        if files.get_file_from_path(page.path) is None:  # a hand-written page wins
            generated = File.generated(config, page.path, content=page.markdown)
            generated.edit_uri = page.edit_file or site.default_edit_file
            files.append(generated)
    for path, text in site.files.items():  # bytes: written as is (the .ics keep their CRLF)
        content = text.encode("utf-8") if isinstance(text, str) else text  # fonts are bytes
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Run a hand-written guide's macro calls, in the sandbox (generated pages have none)."""
    if not page.file.abs_src_path:
        return markdown
    root = project_root(config)
    source = Path(page.file.abs_src_path)
    shown = source.resolve().relative_to(root).as_posix()
    full = page.file.content_string
    first_line = full[: full.rfind(markdown)].count("\n") + 1 if markdown in full else 1
    renderer = guide_renderer(current_site(config), page.url)
    try:
        return renderer.render(markdown, shown, first_line)
    except GuideError as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    generated = _generated(page, config)
    if generated is not None:  # the blocks the search index skips, put back after indexing
        output = expand(output, generated.blocks)
    base_url = get_relative_url(".", page.url)
    trusted = _theme_scripts(config).get(base_url)
    if trusted is None:
        trusted = _theme_scripts(config)[base_url] = theme_inline_scripts(config, base_url)
    return add_csp(output, trusted)


def _theme_scripts(config: MkDocsConfig) -> dict[str, list[str]]:
    """The theme's inline scripts by page depth, kept for the length of one build."""
    return config.setdefault("vademecum_theme_scripts", {})


def _generated(page, config: MkDocsConfig):
    """The engine's page behind a generated MkDocs page (None for a hand-written one)."""
    if page.file.abs_src_path:
        return None
    return current_site(config).page_by_path.get(page.file.src_uri)


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """Put the pre-rendered HTML of a generated page back in place of its markers (the blocks
    kept out of the search index wait until on_post_page)."""
    generated = _generated(page, config)
    return html if generated is None else expand(html, generated.blocks, indexed_only=True)
