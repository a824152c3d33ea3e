"""What messages show an editor: their own words, not the checker's.

Records are named by their id (or title) rather than their position, values are shown as they
were written in the file (`[college, lycee]`, `true`), unknown ids come with the closest known
ones, and the advice for a YAML trap depends on what the field expects.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.model import Academy, Region, Removal

# Fields that name a record when its id is missing or invalid.
_NAMING_FIELDS = ("id", "title", "name", "term")


def record_name(item: Any, index: int) -> str:
    """How a record of a list is named in messages: its id, else its title, else n°<position>."""
    if isinstance(item, dict):
        for key in _NAMING_FIELDS:
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                text = " ".join(value.split())
                return text if len(text) <= 40 else text[:39] + "…"
    return f"n°{index + 1}"


def field_label(top: Any, path: tuple[str | int, ...]) -> str:
    """`tasks[rentree-ent].who.lead` for the path ("tasks", 3, "who", "lead") of a file."""
    from vademecum.data.kinds import MODELS as KINDS  # imported late: the model imports messages

    sections = (*KINDS, "change", "remove")
    if len(path) >= 2 and path[0] in sections and isinstance(path[1], int):
        section = top.get(path[0]) if isinstance(top, dict) else None
        item = section[path[1]] if isinstance(section, list) and path[1] < len(section) else None
        out = f"{path[0]}[{record_name(item, path[1])}]"
        rest = path[2:]
    else:
        out, rest = "", path
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(fichier)"


def as_written(value: Any) -> str:
    """A value the way it is written in YAML (`[college, lycee]`, `true`), never a Python repr."""
    if value is None:
        return "(vide)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {as_written(v)}" for k, v in value.items()) + "}"
    return str(value)


def shown(value: Any, limit: int = 60) -> str:
    text = as_written(value)
    if len(text) > limit:
        text = text[: limit - 3] + "…"
    return f"« {text} »"


def closest(word: str, known: Iterable[str], count: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(known), n=count, cutoff=0.6)


def suggestion(word: str, known: Iterable[str]) -> str:
    """« ; vouliez-vous dire « webmestre » ? » or the list of the possible ids (a few)."""
    known = list(known)
    near = closest(word, known)
    if near:
        return " ; vouliez-vous dire " + " ou ".join(f"« {n} »" for n in near) + " ?"
    if not known:
        return ""
    listed = ", ".join(known[:8]) + (f"… ({len(known)} en tout)" if len(known) > 8 else "")
    return f" ; identifiants possibles : {listed}"


# -- what a field expects, by name (for the advice on YAML traps, read before validation) ------
def _scalar(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    while hasattr(annotation, "__metadata__"):
        annotation = annotation.__origin__
    return annotation


def _field_types(models: Iterable[type[BaseModel]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    seen: set[type] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            inner = _scalar(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
                continue
            if isinstance(inner, type) and issubclass(inner, StrEnum):
                kind = "choice:" + ", ".join(v.value for v in inner)
            else:
                kind = {bool: "bool", int: "number", dt.date: "date"}.get(inner, "text")
            out.setdefault(info.alias or name, set()).add(kind)
    return out


def expected_kind(field: str | int | None) -> str | None:
    """« bool », « text », « number », « date » or « choice:<values> » when every field of
    that name agrees."""
    kinds = FIELD_TYPES.get(field) if isinstance(field, str) else None
    return next(iter(kinds)) if kinds and len(kinds) == 1 else None


# Field name → the kinds of value it takes, over every model (a fact of the code, not a cache).
FIELD_TYPES: dict[str, set[str]] = _field_types([*KINDS.values(), Academy, Region, Removal])
