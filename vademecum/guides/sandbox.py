"""The Jinja that hand-written guides may use: the project's macros and variables, nothing else.

A guide is Markdown with `{{ tasks(flag="prise-de-fonction") }}`-style calls. It runs in a
sandbox: no attribute of a Python object other than a few methods of plain strings, lists and
mappings, no underscore names, no file inclusion, no environment, a short list of filters. Its
work is bounded (vademecum.guides.limits). Anything else stops the build with a French message
naming the guide and the line (vademecum.guides.errors).

`GuideEnvironment` holds all of it, so every host that renders guides with it (the engine,
mkdocs-macros, `vademecum export`) gets the same refusals and the same limits.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import FrameType
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateSyntaxError, nodes, pass_context
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from vademecum.guides.errors import GuideError, guide_error
from vademecum.guides.limits import (
    Budget,
    GuideLimitError,
    GuideLimits,
    check_integer_bits,
    check_join,
    check_repeat,
    check_replace,
    check_size,
    output_error,
    size_of,
)

__all__ = ["GuideEnvironment", "GuideError", "GuideLimits", "GuideRenderer", "guide_error"]

# What a guide may read or call on a value; everything else is refused.
_SAFE_ATTRIBUTES: dict[type, frozenset[str]] = {
    str: frozenset(
        "capitalize casefold count endswith find index isalnum isalpha isdigit islower "  # noqa: SIM905
        "isspace istitle isupper lower lstrip partition removeprefix removesuffix rfind "
        "rindex rpartition rsplit rstrip split splitlines startswith strip swapcase title "
        "upper".split()
    ),
    dict: frozenset({"items", "keys", "values", "get"}),
    list: frozenset({"index", "count"}),
    tuple: frozenset({"index", "count"}),
    LoopContext: frozenset(
        {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth"}
        | {"depth0", "previtem", "nextitem", "cycle", "changed"}
    ),
}
# Jinja's filters that take time and memory in proportion to what they are given.
_SAFE_FILTERS = frozenset(
    "abs attr capitalize count d default dictsort e escape first float groupby int items "  # noqa: SIM905
    "join last length list lower map max min reject rejectattr replace reverse round "
    "safe select selectattr sort string striptags title trim truncate unique upper "
    "urlencode wordcount".split()
)
_ARITHMETIC = frozenset({"+", "-", "*", "/", "//", "%", "**"})


# Where a rendering's budget waits in its context's variables: the space keeps a guide from
# naming it, and an included file or a block, whose context is made from these variables,
# shares the page's budget.
_BUDGET = "vademecum budget"


class GuideContext(Context):
    """A rendering's context, carrying what it has used of the budget."""

    def __init__(self, environment: Any, parent: dict[str, Any], *args: Any, **kwargs: Any):
        super().__init__(environment, parent, *args, **kwargs)
        budget = parent.get(_BUDGET)
        if not isinstance(budget, Budget):
            budget = self.parent[_BUDGET] = Budget(environment.limits)
        self.budget = budget


class _Bounded(NodeTransformer):
    """Rewrites a parsed guide so that loops and `~` report to the environment."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        if node.recursive:
            raise TemplateSyntaxError(
                "les boucles « recursive » sont interdites dans un guide", node.lineno
            )
        self.generic_visit(node)
        literal = sum(len(d.data) for n in node.body for d in n.find_all(nodes.TemplateData))
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("count_turns", lineno=node.lineno),
            [nodes.ContextReference(lineno=node.lineno), node.iter, nodes.Const(literal)],
            [],
            None,
            None,
            lineno=node.iter.lineno,
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        joined = nodes.EnvironmentAttribute("join_text", lineno=node.lineno)
        return nodes.Call(joined, list(node.nodes), [], None, None, lineno=node.lineno)


class GuideEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox guides are rendered in; `limits` bound each page's rendering."""

    context_class = GuideContext
    intercepted_binops = _ARITHMETIC

    def __init__(self, limits: GuideLimits | None = None, **options: Any) -> None:
        options.setdefault("undefined", StrictUndefined)
        options.setdefault("autoescape", False)
        options.setdefault("finalize", self._finalize)
        super().__init__(**options)
        self.limits = limits or GuideLimits()
        self.globals.clear()  # no range/lipsum/cycler/joiner/namespace: macros only
        self.filters = {
            name: _bounded_filter(self.filters[name], name, self.limits) for name in _SAFE_FILTERS
        }

    # -- what a guide may touch ------------------------------------------------------------
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        allowed = next((a for kind, a in _SAFE_ATTRIBUTES.items() if isinstance(obj, kind)), None)
        return (
            allowed is not None and attr in allowed and super().is_safe_attribute(obj, attr, value)
        )

    def wrap_str_format(self, value: Any) -> None:
        """`str.format` is refused like any method off the list (its widths build any size)."""
        return None

    def is_safe_callable(self, obj: Any) -> bool:
        return super().is_safe_callable(obj) and not isinstance(obj, type)

    # -- budget ----------------------------------------------------------------------------
    def budget(self, context: Context) -> Budget:
        """The budget of the rendering `context` belongs to (one is started if a host made
        its own context)."""
        budget = getattr(context, "budget", None)
        if budget is None:
            budget = context.budget = Budget(self.limits)  # type: ignore[attr-defined]
        return budget

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        for value in (*args, *kwargs.values()):
            check_size(value, __self.limits)
        budget = __self.budget(__context)
        try:
            budget.enter()
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return check_size(result, __self.limits)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.budget(context).tick()
        limits = self.limits
        numbers = (int, float)
        if operator == "*":
            if isinstance(left, int) and not isinstance(right, numbers):
                check_repeat(right, left, limits)
            elif isinstance(right, int) and not isinstance(left, numbers):
                check_repeat(left, right, limits)
            elif isinstance(left, int) and isinstance(right, int):
                check_integer_bits(left.bit_length() + right.bit_length(), limits)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            check_integer_bits(
                math.ceil(right * math.log2(abs(left))) if abs(left) > 1 else 1, limits
            )
        elif operator == "+" and not isinstance(left, numbers):
            check_size([left, right], limits)
        elif operator == "%" and isinstance(left, str):
            raise GuideLimitError("le formatage de texte avec « % » est interdit dans un guide")
        return check_size(super().call_binop(context, operator, left, right), limits)

    def count_turns(self, context: Context, iterable: Iterable[Any], literal: int) -> Iterator[Any]:
        """A `{% for %}`'s items, each turn counted (with the literal text of its body)."""
        budget = self.budget(context)
        for item in iterable:
            budget.turn(literal)
            yield item

    def join_text(self, *parts: Any) -> str:
        """`a ~ b`, refused before it is built when too large."""
        check_join(parts, "", self.limits)
        return "".join(map(str, parts))

    def concat(self, parts: Iterable[str]) -> str:
        """The text of a page, a macro or a block, stopped as soon as it is too long."""
        total, kept = 0, []
        for part in parts:
            total += len(part)
            if total > self.limits.max_output:
                error = output_error(self.limits)
                error.lineno = _template_line(getattr(parts, "gi_frame", None))  # type: ignore[attr-defined]
                raise error
            kept.append(part)
        return "".join(kept)

    @pass_context
    def _finalize(self, context: Context, value: Any) -> Any:
        """Each `{{ … }}` written: at most a page, and counted (a macro's buffer is not)."""
        size = size_of(value, self.limits.max_output)
        if size > self.limits.max_output:
            raise output_error(self.limits)
        self.budget(context).write(size)
        return value

    # -- entry points ----------------------------------------------------------------------
    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        return super()._generate(_Bounded().visit(source), *args, **kwargs)

    def allowed(self) -> str:
        """What a guide may use, said in the messages that refuse something."""
        macros = sorted(n for n, v in self.globals.items() if callable(v))
        variables = sorted(n for n, v in self.globals.items() if not callable(v))
        return (
            f"un guide peut appeler les macros du projet ({', '.join(macros)}) "
            f"et lire ses variables ({', '.join(variables) or 'aucune'})"
        )

    def check_guide(self, source: str, guide: str, first_line: int = 1) -> Template:
        """The compiled guide; GuideError when it cannot be compiled (nothing is run)."""
        try:
            return self.from_string(source)
        except Exception as error:  # noqa: BLE001 - every error is the guide's, said in French
            raise guide_error(error, guide, first_line, self.allowed()) from None

    def render_guide(
        self, source: str, guide: str, first_line: int = 1, variables: Mapping[str, Any] = {}
    ) -> str:
        """The guide's Markdown with its macro calls replaced by their output.

        `first_line` is the line of the file where `source` starts (after the front matter).
        """
        template = self.check_guide(source, guide, first_line)
        try:
            return template.render(variables)
        except Exception as error:  # noqa: BLE001 - every error is the guide's, said in French
            raise guide_error(error, guide, first_line, self.allowed()) from None


def _bounded_filter(
    function: Callable[..., Any], name: str, limits: GuideLimits
) -> Callable[..., Any]:
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0  # the context Jinja passes first

    @functools.wraps(function)  # keeps jinja_pass_arg (pass_context and the like)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [*args[skip:], *kwargs.values()]
        for value in values:
            check_size(value, limits)
        if name == "join" and len(values) >= 2 and isinstance(values[1], str):
            check_join(values[0], values[1], limits)
        if name == "replace" and len(values) >= 3:
            check_replace(values[0], values[1], values[2], limits)
        return check_size(function(*args, **kwargs), limits)

    return bounded


def _template_line(frame: FrameType | None) -> int | None:
    """The guide line a template frame is running (the innermost one when `frame` is None)."""
    if frame is None:
        frame = sys._getframe(1)
        while frame is not None and "__jinja_template__" not in frame.f_globals:
            frame = frame.f_back
    if frame is None or "__jinja_template__" not in frame.f_globals:
        return None
    template: Template = frame.f_globals["__jinja_template__"]
    return template.get_corresponding_lineno(frame.f_lineno)


class GuideRenderer:
    """Renders guides with the given macros and variables."""

    def __init__(
        self,
        macros: Mapping[str, Callable[..., str]],
        variables: Mapping[str, Any],
        loader: BaseLoader | None = None,  # the folder `{% include %}` reads (none: refused)
        limits: GuideLimits | None = None,
    ):
        self.macros = dict(macros)
        self.variables = dict(variables)
        self._env = GuideEnvironment(limits, loader=loader)
        self._env.globals.update(self.macros)
        self._env.globals.update(self.variables)

    def check(self, source: str, guide: str, first_line: int = 1) -> None:
        """Raise GuideError when the guide's template cannot be compiled (nothing is run)."""
        self._env.check_guide(source, guide, first_line)

    def render(self, source: str, guide: str, first_line: int = 1) -> str:
        """The guide's Markdown with its macro calls replaced by their output."""
        return self._env.render_guide(source, guide, first_line)
