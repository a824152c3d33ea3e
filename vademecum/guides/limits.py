"""How much work one guide may ask for: output size, loop turns, calls, depth, time, numbers.

A guide is written by an editor, not a programmer: a loop nested by mistake or `"x" * 10**9`
must stop the build with a French message naming the guide and the line, never hang it or
exhaust its memory. Sizes are checked *before* a value is built when it can grow faster than
its operands (repetition, power, joining, replacing), after it otherwise.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from jinja2.exceptions import TemplateRuntimeError


@dataclass(frozen=True)
class GuideLimits:
    max_output: int = 2_000_000  # characters of a page, and of any text a guide builds
    # characters written in all, macros' and blocks' text included (counted again when output)
    max_written: int = 20_000_000
    max_iterations: int = 10_000  # turns of all the `{% for %}` loops of one page
    max_calls: int = 10_000  # calls of macros, methods and `loop()` in one page
    max_depth: int = 20  # calls inside calls (a macro that calls itself)
    max_seconds: float = 10.0  # rendering one page
    max_integer_bits: int = 256  # about 77 digits: far beyond any date, count or year


class GuideLimitError(TemplateRuntimeError):
    """A guide asked for more work than GuideLimits allows; the message is French."""


def _thousands(number: float) -> str:
    return f"{number:,}".replace(",", "\u202f")


@dataclass
class Budget:
    """What one rendering of a page has used so far (one per Jinja context)."""

    limits: GuideLimits
    started: float = field(default_factory=time.monotonic)
    iterations: int = 0
    calls: int = 0
    depth: int = 0
    written: int = 0  # characters output so far, the loops' literal text counted per turn

    def tick(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise GuideLimitError(
                f"le rendu du guide dépasse {_thousands(self.limits.max_seconds)} secondes : "
                "une boucle ou une macro fait trop de travail"
            )

    def turn(self, literal: int) -> None:
        self.iterations += 1
        if self.iterations > self.limits.max_iterations:
            raise GuideLimitError(
                f"plus de {_thousands(self.limits.max_iterations)} tours de boucle dans la page "
                "(des boucles imbriquées ?) : un guide liste des données par les macros du projet"
            )
        self.write(literal)
        self.tick()

    def write(self, characters: int) -> None:
        self.written += characters
        if self.written > self.limits.max_written:
            raise GuideLimitError(
                f"le guide écrit plus de {_thousands(self.limits.max_written)} caractères en "
                "tout (boucles et macros comprises) : réduisez la page"
            )

    def enter(self) -> None:
        self.calls += 1
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise GuideLimitError(
                f"plus de {self.limits.max_depth} appels imbriqués (une macro qui s'appelle "
                "elle-même ?)"
            )
        if self.calls > self.limits.max_calls:
            raise GuideLimitError(
                f"plus de {_thousands(self.limits.max_calls)} appels de macros dans la page"
            )
        self.tick()


def output_error(limits: GuideLimits) -> GuideLimitError:
    return GuideLimitError(
        f"le guide produit plus de {_thousands(limits.max_output)} caractères : "
        "réduisez la page ou découpez-la en plusieurs guides"
    )


def size_of(value: Any, limit: int) -> int:
    """The characters `value` takes once written out, counted up to just past `limit`
    (shared parts are counted each time, as writing them out would)."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += 1 + len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 1 + len(item)
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3 + 1
        else:
            total += 1
    return total


def check_size(value: Any, limits: GuideLimits) -> Any:
    if size_of(value, limits.max_output) > limits.max_output:
        raise output_error(limits)
    return value


def check_repeat(sequence: Any, times: int, limits: GuideLimits) -> None:
    """`sequence * times`, refused before it is built when too large."""
    if times > 0 and size_of(sequence, limits.max_output) * times > limits.max_output:
        raise GuideLimitError(
            f"répétition trop grande (plus de {_thousands(limits.max_output)} caractères)"
        )


def check_integer_bits(bits: int, limits: GuideLimits) -> None:
    if bits > limits.max_integer_bits:
        raise GuideLimitError(
            "nombre trop grand pour un guide (plus de "
            f"{limits.max_integer_bits * 3 // 10} chiffres)"
        )


def check_join(items: Any, separator: str, limits: GuideLimits) -> None:
    """`separator.join(items)`: the separator is written once between each pair of items."""
    count = len(items) if hasattr(items, "__len__") else 0
    if len(separator) * count + size_of(items, limits.max_output) > limits.max_output:
        raise output_error(limits)


def check_replace(text: Any, old: Any, new: Any, limits: GuideLimits) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        grown = text.count(old) * max(len(new) - len(old), 0)
        if len(text) + grown > limits.max_output:
            raise output_error(limits)
