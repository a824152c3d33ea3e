"""`change:` fields that set the value a record already has: a no-op that hides a mistake.

A form editor that writes defaults (`level: tous`), or an editor who copies a whole record
under `change:`, leaves fields that change nothing; they then silently win over the levels
below the day those change. `check` says which ones, as warnings.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from vademecum.data.locations import Site


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def unchanged_fields(before: BaseModel, after: BaseModel, item: dict[str, Any]) -> list[str]:
    """The fields of a `change:` entry (other than its id) whose value is the one inherited."""
    old = before.model_dump(by_alias=True, mode="json")
    new = after.model_dump(by_alias=True, mode="json")
    return [name for name in item if name != "id" and name in old and old[name] == new[name]]


def no_op_message(name: str, value: Any, inherited_from: Site | None) -> str:
    """`inherited_from`: the record (or `change:`) that last wrote the field; None: the
    model's default."""
    if inherited_from is None:
        origin = "valeur par défaut"
    else:
        line, _ = inherited_from.where((name,))
        origin = f"héritée de {inherited_from.shown_as}:{line}"
    return (
        f"« {name} » vaut déjà « {_shown(value)} » ({origin}) : ce changement ne change rien ; "
        "retirez ce champ de « change: », ou corrigez sa valeur si une autre était voulue"
    )
