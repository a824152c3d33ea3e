"""The generated pages of one site: (path, title, Markdown), built from the catalog in one place.

Pages grow with months, roles, themes and services, never one per task. A hand-written page in
content/ at the same path wins over a generated one (the adapters decide; see vademecum_mkdocs).
"""

from vademecum.pages.base import Page
from vademecum.pages.builder import PageBuilder

__all__ = ["Page", "PageBuilder"]
