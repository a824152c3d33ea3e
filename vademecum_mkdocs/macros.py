"""mkdocs-macros functions for the guides: they only call the engine's renderers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vademecum import guide_macros
from vademecum.render.html import resolve_root
from vademecum.sites import get_site, selected_academy


def define_env(env: Any) -> None:
    root = Path(env.conf.config_file_path).resolve().parent

    def register(name: str, function: Any) -> None:
        def macro(*args: Any, **kwargs: Any) -> str:
            site = get_site(root, selected_academy())
            html = function(site, *args, **kwargs)
            return resolve_root(html, env.page.url if env.page else "")

        macro.__name__ = name
        macro.__doc__ = function.__doc__
        env.macro(macro, name)

    for name, function in guide_macros.MACROS.items():
        register(name, function)
