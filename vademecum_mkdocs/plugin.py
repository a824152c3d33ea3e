"""The `vademecum` MkDocs plugin: one académie's site from the engine's data and pages.

Thin adapter over the engine (vademecum): the options are a typed config (environment
variables are only their defaults, through `!ENV` in mkdocs.yml), the build's data lives on the
plugin instance, loaded once in `on_config`, and is reused by `mkdocs serve` until a file it was
loaded from (data, prose) changes. Nothing here reads YAML or renders a record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

from vademecum.checks.addresses import AddressError, deployment_address
from vademecum.checks.problems import DataError, printable
from vademecum.data.school_year import SchoolYearError, chosen_school_year
from vademecum.editors.cms_site import CmsConfigError, forge_from
from vademecum.guides.host import GuideHost
from vademecum.guides.loading import guide_files, guide_problems, guide_titles
from vademecum.site.blocks import expand
from vademecum.site.browser_facts import page_facts
from vademecum.site.content_files import SCRIPT_REFUSED, published, script_line
from vademecum.site.csp import add_csp
from vademecum.site.minify import minify_folder
from vademecum.site.pages import Page
from vademecum.site.render.html import menu_text
from vademecum.site.search_text import enrich_index, search_aliases, spaced
from vademecum.site.sites import (
    DEFAULT_ACADEMY,
    SiteData,
    SiteSettings,
    load_site,
    nav,
    source_fingerprint,
)
from vademecum_mkdocs import options
from vademecum_mkdocs.macros_host import hand_guides_to_macros
from vademecum_mkdocs.theme_scripts import ThemeScripts

OVERLAY_FOLDERS = ("regions/", "academies/")
log = logging.getLogger("mkdocs.plugins.vademecum")


class VademecumConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' own hook
    academy = c.Type(str, default=DEFAULT_ACADEMY)
    # « 2026-2027 »; empty: the build date's year (a number from !ENV is read as text)
    school_year = c.Optional(c.Type((str, int)))
    site_url = c.Optional(c.Type(str))  # deployment address; each académie is under <id>/
    edit_url = c.Optional(c.Type(str))  # e.g. https://github.com/<org>/<repo>/edit/main/
    # The form editor (/admin/): built when cms_repo names the repository it saves to.
    cms_backend = options.backend()  # github (default) or gitlab
    cms_repo = options.text("repo")  # owner/name
    cms_branch = options.text("branch")  # default: main
    cms_api_root = options.url("api_root")  # e.g. https://forge.apps.education.fr/api/v4
    cms_base_url = options.url("base_url")  # OAuth: the forge (GitLab) or a relay (GitHub)
    cms_app_id = options.text("app_id")  # GitLab OAuth application id (PKCE)
    source_date_epoch = c.Optional(c.Type((int, str)))  # reproducible builds (calendar dates)


class VademecumPlugin(BasePlugin[VademecumConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site: SiteData | None = None
        # (settings, data fingerprint) of self.site
        self._loaded_for: tuple[object, ...] | None = None
        self._theme_scripts: ThemeScripts | None = None  # this build's (on_env)
        self._guide_blocks: dict[str, tuple[str, ...]] = {}  # guide page → its macros' HTML
        self.guide_host: GuideHost | None = None  # mkdocs-macros renders the guides with it
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance across `mkdocs serve` rebuilds."""
        self._serving = command == "serve"

    # -- configuration ---------------------------------------------------------------
    def settings(self) -> SiteSettings:
        try:
            chosen = self.config.school_year
            year = chosen_school_year(None if chosen is None else str(chosen))
        except SchoolYearError as error:
            raise PluginError(f"option school_year : {error}") from None
        names = ("backend", "repo", "branch", "api_root", "base_url", "app_id")
        try:
            cms = forge_from({name: self.config[f"cms_{name}"] for name in names})
        except CmsConfigError as error:
            raise PluginError(f"éditeur en ligne : {error}") from None
        try:  # written into every page head, the calendars and the edit links
            site_url = deployment_address(self.config.site_url, "site_url (VADEMECUM_SITE_URL)")
            edit_url = deployment_address(self.config.edit_url, "edit_url (VADEMECUM_EDIT_URL)")
        except AddressError as error:
            raise PluginError(str(error)) from None
        return SiteSettings(
            academy=self.config.academy or DEFAULT_ACADEMY,
            school_year=year,
            base_url=site_url,
            edit_url=edit_url,
            cms=cms,
            source_date_epoch=_epoch(cast("int | str | None", self.config.source_date_epoch)),
        )

    def _load(self, root: Path) -> SiteData:
        settings = self.settings()
        key = (settings, source_fingerprint(root))
        if self.site is not None and self._loaded_for == key:
            return self.site
        try:
            self.site = load_site(root, settings)
        except DataError as error:
            lines = "\n".join(str(p) for p in error.problems)
            raise PluginError(
                f"Données invalides ({len(error.problems)} problème(s)) :\n{lines}"
            ) from None
        self._loaded_for = key
        return self.site

    @event_priority(100)  # before the plugins: privacy and search read site_url and the nav
    def _on_config_load(self, config: MkDocsConfig) -> MkDocsConfig:
        root = project_root(config)
        problems = guide_problems(root)
        if problems:
            lines = "\n".join(str(p) for p in problems)
            raise PluginError(f"Guides invalides ({len(problems)} problème(s)) :\n{lines}")
        site = self._load(root)
        self._theme_scripts = None
        _warn_unreadable_epoch(self.config.source_date_epoch)
        self.guide_host = GuideHost(
            site, Path(config.docs_dir), on_error=lambda error: log.error(str(error))
        )
        settings = self.settings()
        config.site_name = menu_text(site.title)  # the theme writes it as HTML, unescaped
        if settings.site_url:  # Material's instant navigation needs it (sitemap.xml)
            config.site_url = settings.site_url
        config.extra["academy"] = {"id": site.academy.id, "name": site.academy.name}
        config.extra["vademecum"] = page_facts()  # read by the checklist script (overrides/main.html)
        if settings.edit_base:  # « Modifier cette page »: every file sets its path (on_files)
            config.edit_uri = settings.edit_base
        config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(site.renderer.glossary)
        content = Path(config.docs_dir)
        titles = guide_titles(guide_files(content, site.academy.id, site.academy.region))
        config.nav = nav(site, titles)
        return config

    @event_priority(-100)  # after mkdocs-macros has built its Jinja environment
    def _on_config_host(self, config: MkDocsConfig) -> MkDocsConfig:
        hand_guides_to_macros(config, self._host(), serving=self._serving)
        return config

    on_config = CombinedEvent(_on_config_load, _on_config_host)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        server.watch(str(project_root(config) / "data"))
        return server

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._theme_scripts = ThemeScripts(config, env)
        return env

    # -- files and pages ------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site()
        content = Path(config.docs_dir)
        for file in list(files):
            if file.src_uri.startswith(OVERLAY_FOLDERS) or _refused(content, file):
                files.remove(file)
        for src_uri, path in guide_files(content, site.academy.id, site.academy.region).items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None and Path(existing.abs_src_path or "") == path:
                continue
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        root = project_root(config)
        for file in files.documentation_pages():  # hand-written guides: their repository path
            if file.abs_src_path:
                file.edit_uri = Path(file.abs_src_path).resolve().relative_to(root).as_posix()
        for page in site.pages:
            if files.get_file_from_path(page.path) is None:  # a hand-written page wins
                generated = File.generated(config, page.path, content=page.markdown)
                generated.edit_uri = page.edit_file or site.default_edit_file
                files.append(generated)
        for out_path, text in site.files.items():  # bytes: written as is (.ics keep their CRLF)
            data = text.encode("utf-8") if isinstance(text, str) else text  # fonts: bytes
            files.append(File.generated(config, out_path, content=data))
        return files

    @event_priority(50)  # before mkdocs-macros renders the page
    def _on_page_markdown_expect(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """A hand-written guide: the sandbox is told which Markdown is this guide's (generated
        pages have no macros: what mkdocs-macros renders of them is left as written)."""
        if page.file.abs_src_path:
            full = page.file.content_string
            first_line = full[: full.rfind(markdown)].count("\n") + 1 if markdown in full else 1
            self._host().expect(_shown(page, config), first_line, markdown, page.url)
        return markdown

    @event_priority(-50)  # after mkdocs-macros has rendered it
    def _on_page_markdown_rendered(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if not page.file.abs_src_path:
            return markdown
        rendered, blocks = self._host().finish()
        if not rendered and page.meta.get("render_macros") is not False:
            raise PluginError(
                f"{_shown(page, config)} : mkdocs-macros n'a pas rendu ce guide avec le bac à "
                "sable du vademecum (version de mkdocs-macros-plugin non prise en charge ?)"
            )
        self._guide_blocks[page.file.src_uri] = blocks
        return markdown

    on_page_markdown = CombinedEvent(_on_page_markdown_expect, _on_page_markdown_rendered)

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Put the pre-rendered HTML of a generated page back in place of its markers (the
        blocks kept out of the search index wait until on_post_page)."""
        generated = self._generated(page)
        if generated is None:  # a guide: its macros' HTML, kept out of Markdown
            html = expand(html, self._guide_blocks.get(page.file.src_uri, ()))
            if script_line(html) is not None:  # also one written by the guide's macros
                raise PluginError(f"{_shown(page, config)} : {SCRIPT_REFUSED}")
        else:
            html = expand(html, generated.blocks, indexed_only=True)
        return spaced(html)  # words of adjacent cells stay apart in the search index

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        generated = self._generated(page)
        if generated is not None:  # the blocks the search index skips, put back after indexing
            output = expand(output, generated.blocks)
        if self._theme_scripts is None:  # pragma: no cover - on_env always runs first
            self._theme_scripts = ThemeScripts(config, config.theme.get_env())
        return add_csp(output, self._theme_scripts.for_page(get_relative_url(".", page.url)))

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Accent-free forms and acronyms in the search index (vademecum.site.search_text); the
        project's scripts and stylesheet minified (vademecum.site.minify)."""
        self._minify_assets(config)
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file():
            index = enrich_index(
                json.loads(path.read_text(encoding="utf-8")),
                search_aliases(self._site().catalog),
            )
            path.write_text(
                json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )

    # -- helpers --------------------------------------------------------------------------
    def _minify_assets(self, config: MkDocsConfig) -> None:
        custom = config.theme.custom_dir
        if not custom or not (Path(custom) / "assets").is_dir():
            return
        published = Path(config.site_dir) / "assets"
        if not minify_folder(Path(custom) / "assets", published, project_root(config)):
            log.info(
                "esbuild introuvable (Node.js absent ou `make setup` non lancé) : les scripts "
                "et la feuille de style du vademecum sont publiés sans minification."
            )

    def _site(self) -> SiteData:
        if self.site is None:  # pragma: no cover - on_config always runs first
            raise PluginError("vademecum : données non chargées (on_config n'a pas eu lieu)")
        return self.site

    def _host(self) -> GuideHost:
        if self.guide_host is None:  # pragma: no cover - on_config always runs first
            raise PluginError("vademecum : données non chargées (on_config n'a pas eu lieu)")
        return self.guide_host

    def _generated(self, page: MkDocsPage) -> Page | None:
        """The engine's page behind a generated MkDocs page (None for a hand-written one)."""
        if page.file.abs_src_path:
            return None
        return self._site().page_by_path.get(page.file.src_uri)


def _warn_unreadable_epoch(value: object) -> None:
    """A warning (which fails a strict build) when SOURCE_DATE_EPOCH is not a number of seconds:
    the build's dates then come from the clock, so two builds may differ."""
    if value is not None and str(value).strip() and _epoch(str(value)) is None:
        log.warning(
            f"option source_date_epoch (SOURCE_DATE_EPOCH) : « {printable(str(value)[:40])} » ignorée, "
            "un nombre de secondes est attendu ; les dates viennent de l'horloge"
        )


def _refused(content: Path, file: File) -> bool:
    """A file of content/ that must not be published (check and on_config already reported it;
    the theme's files are the project's own)."""
    if not file.abs_src_path:
        return False
    path = Path(file.abs_src_path)
    return _inside(path, content) and not published(content, path)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _epoch(value: int | str | None) -> int | None:
    """SOURCE_DATE_EPOCH as a number of seconds; anything else is ignored, as the spec says."""
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _shown(page: MkDocsPage, config: MkDocsConfig) -> str:
    """A hand-written guide's path in the project (content/…), as messages name it."""
    source = Path(page.file.abs_src_path or page.file.src_uri)
    return source.resolve().relative_to(project_root(config)).as_posix()


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
