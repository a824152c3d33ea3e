"""mkdocs-macros entry point: registers the engine's renderers for the guides."""

from vademecum_mkdocs.macros import define_env  # noqa: F401
