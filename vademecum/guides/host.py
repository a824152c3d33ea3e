"""The guides' sandbox as a Jinja host sees an environment (mkdocs-macros renders with it).

A host such as mkdocs-macros-plugin renders a page with `env.from_string(markdown)
.render(**its_context)`. A GuideHost answers that call with the sandbox of
vademecum.guides.sandbox (GuideRenderer.render: the same refusals, French messages and limits as
`vademecum export` and `vademecum check`); the host's context (`config`, `page`, `plugin`…) is
never passed on: a guide sees only the project's macros and variables.

The adapter tells the host which guide comes next (`expect`) and collects its blocks afterwards
(`finish`); any other text the host renders (a generated page, a title) is left as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jinja2 import defaults

from vademecum.guides.includes import include_folder
from vademecum.guides.macros import GuidePage, bound_macros, guide_variables
from vademecum.guides.sandbox import GuideError, GuideRenderer
from vademecum.site.sites import SiteData


class HostedGuideError(GuideError):
    """A guide's error as the host reports it: mkdocs-macros 1.5 writes its report with `%`
    formatting, so a literal `%` of the message (`{% include %}`) is doubled."""

    def __str__(self) -> str:
        return super().__str__().replace("%", "%%")


@dataclass
class _Expected:
    guide: str  # the guide's path as shown in messages (content/…)
    first_line: int  # the file's line where `markdown` starts (after the front matter)
    markdown: str
    page: GuidePage
    rendered: bool = False


@dataclass
class HostedTemplate:
    """What `GuideHost.from_string` returns: its `render` ignores the host's context."""

    host: GuideHost
    source: str

    def render(self, *args: Any, **context: Any) -> str:
        return self.host.render(self.source)


class GuideHost:
    """A Jinja host's environment for the guides of one site: the engine's sandbox behind it."""

    # What hosts read to tell whether a text holds Jinja (mkdocs-macros' `has_j2`).
    variable_start_string = defaults.VARIABLE_START_STRING
    block_start_string = defaults.BLOCK_START_STRING
    comment_start_string = defaults.COMMENT_START_STRING

    def __init__(
        self,
        site: SiteData,
        content: Path | None = None,  # the guides' folder: includes from its _inclus/
        on_error: Callable[[GuideError], None] | None = None,
    ):
        self._expected: _Expected | None = None
        self._on_error = on_error
        self.macros = bound_macros(site, self._page)
        self.variables = guide_variables(site)
        loader = include_folder(content) if content is not None else None
        self.renderer = GuideRenderer(self.macros, self.variables, loader)
        # Read-only: a host adding globals or filters later (mkdocs-macros' register_macros)
        # cannot widen what a guide sees.
        self.globals: Mapping[str, Any] = MappingProxyType({**self.macros, **self.variables})
        self.filters: Mapping[str, Any] = MappingProxyType({})

    def expect(self, guide: str, first_line: int, markdown: str, page_url: str) -> None:
        """The next rendering of `markdown` is this guide's (its macros' HTML kept as blocks)."""
        self._expected = _Expected(guide, first_line, markdown, GuidePage(page_url, []))

    def finish(self) -> tuple[bool, tuple[str, ...]]:
        """Whether the expected guide was rendered, and its macros' HTML blocks."""
        expected, self._expected = self._expected, None
        if expected is None:
            return False, ()
        return expected.rendered, tuple(expected.page.blocks or ())

    def from_string(self, source: str, *args: Any, **kwargs: Any) -> HostedTemplate:
        return HostedTemplate(self, source)

    def render(self, source: str) -> str:
        expected = self._expected
        if expected is None or expected.rendered or source != expected.markdown:
            return source  # not the expected guide's Markdown: left as written
        expected.rendered = True
        try:
            return self.renderer.render(source, expected.guide, expected.first_line)
        except GuideError as error:
            if self._on_error is not None:
                self._on_error(error)
            hosted = HostedGuideError(error.guide, error.line, "")
            hosted.args = error.args
            raise hosted from None

    def _page(self) -> GuidePage:
        if self._expected is None:  # pragma: no cover - macros run only inside render
            raise ValueError("macro appelée hors d'un guide")
        return self._expected.page
