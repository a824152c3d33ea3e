"""The generated pages of one site: (path, title, Markdown), built from the catalog in one place.

Each page is declared once in pages/declarations.py. Pages grow with months, roles, themes and
services, never one per task. A hand-written page in content/ at the same path wins over a
generated one (the adapters decide; see vademecum_mkdocs).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Page", "PageBuilder"]


def __getattr__(name: str) -> Any:
    # Imported on first use: declarations.py (read by catalog.py) must load without the builders.
    if name == "Page":
        from vademecum.site.pages.base import Page

        return Page
    if name == "PageBuilder":
        from vademecum.site.pages.builder import PageBuilder

        return PageBuilder
    raise AttributeError(name)
