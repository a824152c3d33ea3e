"""French messages for pydantic's validation errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic_core import ErrorDetails

from vademecum.checks.advice import as_written, closest
from vademecum.checks.advice import shown as shown_value


def french(error: ErrorDetails, allowed_fields: list[str]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    shown = shown_value(value)
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        return f"champ inconnu (faute de frappe ?) ; champs possibles : {', '.join(allowed_fields)}"
    if kind == "string_type":
        if isinstance(value, dt.date):
            return (
                "date non entre guillemets là où un texte est attendu : mettez-la entre guillemets"
            )
        if isinstance(value, bool | int | float):
            return (
                f"{as_written(value)} est lu comme une valeur, pas comme du texte : "
                f'mettez le texte entre guillemets ("{as_written(value)}")'
            )
        if isinstance(value, list):
            return f"une liste {shown} là où un seul texte est attendu : enlevez les crochets"
        if value is None:
            return "valeur vide : un texte est attendu"
        return "texte attendu"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "https?" in pattern:
            return f"lien refusé {shown} : seuls https://, http:// et mailto: sont acceptés"
        if "@" in pattern:
            return f"adresse électronique invalide {shown}"
        return f"identifiant invalide {shown} : minuscules sans accents, chiffres et tirets"
    if kind in ("string_too_short", "too_short"):
        return (
            "valeur vide : au moins un élément est attendu" if kind == "too_short" else "texte vide"
        )
    if kind == "string_too_long":
        return f"texte trop long (maximum {ctx.get('max_length')} caractères)"
    if kind == "enum" or kind == "literal_error":
        # pydantic lists the values as "'a', 'b' or 'c'": shown as "a, b, c".
        expected = str(ctx.get("expected", "")).replace("' or '", "', '").replace("'", "")
        if isinstance(value, list):
            return (
                f"une seule valeur attendue, pas la liste {shown} ; valeurs possibles : {expected}"
            )
        near = closest(str(value), expected.split(", "))
        hint = f" ; vouliez-vous dire « {near[0]} » ?" if near else ""
        return f"valeur inconnue {shown}{hint} ; valeurs possibles : {expected}"
    if kind == "bool_type":
        return f"true (oui) ou false (non) attendu, pas {shown}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "nombre entier attendu"
    if kind == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')}"
    if kind == "list_type":
        return "liste attendue (éléments précédés de « - », ou [a, b])"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "bloc de champs attendu (clé: valeur)"
    if kind.startswith("date"):
        return f"date attendue au format AAAA-MM-JJ, pas {shown}"
    return error["msg"]
