"""The guides' macros, for mkdocs-macros-plugin (`module_name: macros` in mkdocs.yml).

They are the engine's (vademecum/guides/macros.py), bound to the académie being built. Guides are
rendered in the engine's sandbox, which the vademecum plugin hands to mkdocs-macros after its
on_config (vademecum_mkdocs/macros_host.py): only what is registered here is visible to a guide.
"""

from __future__ import annotations

from typing import Any

from vademecum_mkdocs.macros_host import guide_host


def define_env(env: Any) -> None:
    host = guide_host(env.conf)
    for name, macro in host.macros.items():
        env.macro(macro, name)
    env.variables.update(host.variables)
