"""mkdocs-macros-plugin renders the guides, with the engine's sandbox as its Jinja environment.

mkdocs-macros builds its own `jinja2.Environment` in its `on_config` (unsandboxed, with `config`,
`plugin`, `environment`, `git`, `navigation`, `files` and `page` in the render context). Once that
has run, `hand_guides_to_macros` replaces its environment with the engine's GuideHost and its
variables with the project's; its options are checked first, so that a change to mkdocs.yml
cannot loosen the guides' rules. The macros themselves are registered by the project's `macros/`
package (`define_env`), from the host `guide_host` returns.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from vademecum.guides.host import GuideHost

MACROS_PLUGIN = "macros"
# mkdocs-macros' options as the guides need them; `on_error_fail` is checked apart (serve).
REQUIRED_OPTIONS: dict[str, Any] = {
    "module_name": "macros",
    "modules": [],
    "include_yaml": [],
    "include_dir": "",  # includes: the engine's own folder (vademecum/guides/includes.py)
    "on_undefined": "strict",
    "render_by_default": True,
    "force_render_paths": "",
    "j2_extensions": [],
}


def guide_host(config: MkDocsConfig) -> GuideHost:
    """The guides' host of the build under way (made by the vademecum plugin's on_config)."""
    plugin = config.plugins.get("vademecum")
    host = getattr(plugin, "guide_host", None)
    if not isinstance(host, GuideHost):
        raise PluginError(
            "mkdocs.yml : le plugin « vademecum » doit précéder « macros » dans plugins: "
            "(il charge les données que les macros des guides affichent)"
        )
    return host


def hand_guides_to_macros(config: MkDocsConfig, host: GuideHost, *, serving: bool) -> None:
    """After mkdocs-macros' on_config: it renders with `host`, sees only the project's variables.

    `mkdocs serve` keeps running after a guide's error (shown in the page and logged); a build
    stops on it (`on_error_fail: true`).
    """
    macros = config.plugins.get(MACROS_PLUGIN)
    if macros is None:
        raise PluginError(
            "mkdocs.yml : le plugin « macros » (mkdocs-macros-plugin) manque dans plugins: "
            "c'est lui qui exécute les macros des guides"
        )
    wrong = [
        f"{name} doit valoir {expected!r}"
        for name, expected in REQUIRED_OPTIONS.items()
        if macros.config.get(name) != expected
    ]
    wrong += [
        f"{name} doit rester vide"
        for name, value in macros.config.items()
        if name.startswith("j2_") and name != "j2_extensions" and value
    ]
    if not serving and macros.config.get("on_error_fail") is not True:
        wrong.append("on_error_fail doit valoir True")
    if wrong:
        raise PluginError(
            "mkdocs.yml : options du plugin « macros » à corriger pour les guides : "
            + ", ".join(wrong)
        )
    if serving:
        macros.config["on_error_fail"] = False
    macros._env = host  # what its render() calls: env.from_string(markdown).render(**context)
    macros._variables = dict(host.variables)
