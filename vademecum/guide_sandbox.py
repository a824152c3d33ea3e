"""The Jinja that hand-written guides may use: the project's macros and variables, nothing else.

A guide is Markdown with `{{ tasks(flag="prise-de-fonction") }}`-style calls. It runs in a
sandbox: no attribute of a Python object other than plain strings, lists and mappings, no
underscore names, no file inclusion, no environment. Anything else stops the build with a French
message naming the guide and the line.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

_UNSAFE = re.compile(r"attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute)")
# Types whose (non-underscore) attributes a guide may read: `"x".upper()`, `d.items()`.
_PLAIN = (str, int, float, bool, list, tuple, dict)


class GuideError(Exception):
    """A guide's template cannot run; `str()` is the French message with file and line."""

    def __init__(self, guide: str, line: int | None, message: str):
        self.guide, self.line = guide, line
        where = f"{guide}:{line}" if line else guide
        super().__init__(f"{where}: {message}")


class _GuideEnvironment(SandboxedEnvironment):
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return isinstance(obj, _PLAIN) and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        return super().is_safe_callable(obj) and not isinstance(obj, type)


class GuideRenderer:
    """Renders guides with the given macros and variables (and Jinja's own filters)."""

    def __init__(
        self,
        macros: Mapping[str, Callable[..., str]],
        variables: Mapping[str, Any],
        loader: BaseLoader | None = None,  # the folder `{% include %}` reads (none: refused)
    ):
        self.macros = dict(macros)
        self.variables = dict(variables)
        self._env = _GuideEnvironment(undefined=StrictUndefined, autoescape=False, loader=loader)
        self._env.globals.clear()  # no range/lipsum/cycler/joiner/namespace: macros only
        self._env.globals.update(self.macros)
        self._env.globals.update(self.variables)

    def _allowed(self) -> str:
        names = ", ".join(sorted(self.macros))
        variables = ", ".join(sorted(self.variables)) or "aucune"
        return f"un guide peut appeler les macros du projet ({names}) et lire ses variables ({variables})"

    def check(self, source: str, guide: str, first_line: int = 1) -> None:
        """Raise GuideError when the guide's template syntax is wrong (nothing is run)."""
        try:
            self._env.parse(source)
        except TemplateSyntaxError as error:
            line = first_line + (error.lineno or 1) - 1
            raise GuideError(
                guide, line, f"erreur de syntaxe des macros : {error.message}"
            ) from None

    def render(self, source: str, guide: str, first_line: int = 1) -> str:
        """The guide's Markdown with its macro calls replaced by their output.

        `first_line` is the line of the file where `source` starts (after the front matter).
        """
        self.check(source, guide, first_line)
        try:
            return self._env.from_string(source).render()
        except (TemplateError, TypeError, ValueError, KeyError, LookupError) as error:
            line = _template_line(error)
            raise GuideError(
                guide, first_line + line - 1 if line else None, self._message(error)
            ) from None

    def _message(self, error: Exception) -> str:
        text = str(error)
        if isinstance(error, SecurityError):
            attribute = _UNSAFE.search(text)
            what = f"l'attribut « {attribute.group(1)} »" if attribute else "cet appel"
            return f"{what} est interdit : {self._allowed()}"
        if isinstance(error, UndefinedError):
            name = _UNDEFINED.search(text)
            what = f"« {name.group(1)} »" if name else "un nom utilisé"
            return f"{what} n'existe pas : {self._allowed()}"
        if isinstance(error, TemplateNotFound):
            return f"{{% include %}} refusé : {error.message}"
        if "no loader" in text:
            return "{% include %}, {% import %} et {% extends %} sont interdits dans un guide"
        return f"erreur dans une macro : {text}"


def _template_line(error: BaseException) -> int | None:
    """The guide line where the error happened (Jinja maps template frames to its lines)."""
    lines = [
        f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"
    ]
    return lines[-1] if lines else None
