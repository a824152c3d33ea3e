"""The inline scripts the theme writes by construction, rendered from its own templates.

Material keeps each of its inline scripts in `partials/javascripts/`; they depend only on the
configuration and on the page's depth (`base_url`). These renderings are what the CSP trusts.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig

from vademecum.site.csp import inline_scripts

SCRIPT_PARTIALS = "partials/javascripts/"


class ThemeScripts:
    """One build's theme scripts: the partials found once, each depth rendered once."""

    def __init__(self, config: MkDocsConfig, env: Environment):
        self.config = config
        self.env = env  # the build's: the partials are already compiled for its pages
        self.names = script_partials(env)
        self._by_base_url: dict[str, list[str]] = {}

    def for_page(self, base_url: str) -> list[str]:
        scripts = self._by_base_url.get(base_url)
        if scripts is None:
            scripts = self._by_base_url[base_url] = []
            for name in self.names:
                html = self.env.get_template(name).render(config=self.config, base_url=base_url)
                scripts += inline_scripts(html)
        return scripts


def script_partials(env: Environment) -> list[str]:
    """The theme's script partials. A folder loader is read in that folder only: listing every
    template walks the theme's thousands of icons."""
    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        return env.list_templates(filter_func=lambda name: name.startswith(SCRIPT_PARTIALS))
    names: set[str] = set()
    for folder in loader.searchpath:
        base = Path(folder) / SCRIPT_PARTIALS
        if base.is_dir():
            names.update(
                SCRIPT_PARTIALS + path.relative_to(base).as_posix()
                for path in base.rglob("*")
                if path.is_file()
            )
    return sorted(names)


def template_scripts(template_dir: Path, features: list[str], base_urls: set[str]) -> list[str]:
    """The inline scripts a theme's script partials write for pages at these `base_url`s,
    rendered from the theme's own templates (the export's CSP: the build runs no code of ours).

    Both Material and Zensical keep them in `partials/javascripts/`, depending only on the
    features, `config.extra.scope` (unset in the export) and the page's `base_url`.
    """
    env = Environment(loader=FileSystemLoader(str(template_dir)))
    folder = template_dir / SCRIPT_PARTIALS
    names = sorted(p.relative_to(template_dir).as_posix() for p in folder.rglob("*.html"))
    config = {"extra": {}, "theme": {"features": features}}
    scripts: list[str] = []
    for base_url in sorted(base_urls):
        for name in names:
            html = env.get_template(name).render(
                config=config, features=features, base_url=base_url
            )
            scripts += inline_scripts(html)
    return list(dict.fromkeys(scripts))
