"""The inline scripts the theme writes by construction, rendered from its own templates.

Material keeps each of its inline scripts in `partials/javascripts/`; they depend only on the
configuration and on the page's depth (`base_url`). These renderings are what the CSP trusts.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from vademecum.csp import inline_scripts

SCRIPT_PARTIALS = "partials/javascripts/"


def theme_inline_scripts(config: MkDocsConfig, base_url: str) -> list[str]:
    env = config.theme.get_env()
    names = env.list_templates(filter_func=lambda name: name.startswith(SCRIPT_PARTIALS))
    scripts: list[str] = []
    for name in names:
        html = env.get_template(name).render(config=config, base_url=base_url)
        scripts += inline_scripts(html)
    return scripts
