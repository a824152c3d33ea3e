"""The form editor's fields, generated from the model: one form per data kind.

`vademecum cms` writes them to `schema/cms.yml` (committed, like the JSON Schemas, so that a
change of the model shows in review and `vademecum cms --check` notices a stale file). The
build turns them into each site's `/admin/config.yml` (vademecum.editors.cms_site): there, every
`options_from: <kind>` becomes a drop-down of the ids that exist on that site, with labels.
"""

from __future__ import annotations

import datetime as dt
import types
from enum import StrEnum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from vademecum.checks.references import REFERENCES
from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.kinds import REGISTRY
from vademecum.data.labels import (
    FLAG_LABELS,
    LEGAL_KIND_LABELS,
    LEVEL_LABELS,
    NOTE_LABELS,
    PERIOD_LABELS,
    PROVIDER_LABELS,
    RESOURCE_KIND_LABELS,
)
from vademecum.data.model import (
    SLUG_PATTERN,
    Academy,
    Region,
    TextKind,
    model_title,
    text_fields,
)

CMS_FIELDS_FILE = "schema/cms.yml"
URL_PATTERN = r"^(https?://|mailto:)\S+$"

# Labels of the enumerations' values, as the site shows them.
ENUM_LABELS: dict[type, dict[Any, str]] = {
    type(next(iter(labels))): labels
    for labels in (
        PERIOD_LABELS,
        LEVEL_LABELS,
        FLAG_LABELS,
        NOTE_LABELS,
        PROVIDER_LABELS,
        LEGAL_KIND_LABELS,
        RESOURCE_KIND_LABELS,
    )
}

# Which kind of record a field names: (model kind, field path) → referenced kind.
RELATIONS: dict[tuple[str, str], str] = {
    (kind, f"{field}.{sub}" if sub else field): target for kind, field, sub, target in REFERENCES
}
RELATIONS.update({(kind, "source.document"): "documents" for kind in KINDS if kind != "documents"})


def _unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """(inner type, optional, list) of a field's annotation."""
    optional = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        annotation = args[0]
    is_list = get_origin(annotation) is list
    if is_list:
        annotation = get_args(annotation)[0]
    while hasattr(annotation, "__origin__") and hasattr(annotation, "__metadata__"):
        annotation = annotation.__origin__  # Annotated[...]
    return annotation, optional, is_list


def _widget(
    kind: str, path: str, name: str, info: FieldInfo, texts: dict[str, TextKind]
) -> dict[str, Any]:
    inner, optional, is_list = _unwrap(info.annotation)
    field: dict[str, Any] = {"name": name, "label": info.title or name}
    if info.description:
        field["hint"] = info.description
    field["required"] = info.is_required()
    target = RELATIONS.get((kind, path))
    if target is not None:
        field.update(widget="select", options_from=target)
        if is_list:
            field["multiple"] = True
    elif isinstance(inner, type) and issubclass(inner, StrEnum):
        labels = ENUM_LABELS.get(inner, {})
        field.update(
            widget="select",
            options=[{"label": labels.get(v, v.value), "value": v.value} for v in inner],
        )
        if is_list:
            field["multiple"] = True
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        sub = model_fields(kind, inner, prefix=f"{path}.")
        field.update(widget="list" if is_list else "object", fields=sub)
    elif inner is bool:
        field["widget"] = "boolean"
    elif inner is int:
        field.update(widget="number", value_type="int")
    elif inner is dt.date:
        field.update(widget="datetime", format="YYYY-MM-DD", time_format=False)
    elif is_list:
        field["widget"] = "list"  # a list of short texts (départements)
    elif texts.get(name) is TextKind.MARKDOWN:
        field["widget"] = "text"  # kept as written: the rich editor would rewrite the Markdown
    else:
        field["widget"] = "string"
        if name == "id":
            field["pattern"] = [SLUG_PATTERN, "minuscules sans accents, chiffres et tirets"]
        elif name in ("url", "ent_url"):
            field["pattern"] = [URL_PATTERN, "lien complet commençant par https://"]
            field.setdefault("hint", "Lien complet commençant par https:// (ou mailto:).")
    if "hint" in field:
        field["hint"] = form_hint(kind, field)
    if optional or not info.is_required():
        field = optional_field(field)
    if is_list and info.metadata:
        minimum = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), None)
        if minimum:
            field["min"] = minimum
    return field


# The model's descriptions speak YAML (they are also the JSON Schemas' hints in VS Code): raw
# values, `[septembre, octobre]`, `lead`/`with`, file names. The form says it in words.
FORM_HINTS: dict[tuple[str, str], str] = {
    ("tasks", "when"): "Mois ou périodes de l'année, à choisir dans la liste (plusieurs possibles).",
    ("tasks", "who"): "Qui pilote la tâche et qui y associer : des rôles, à choisir dans les listes.",
    ("tasks", "level"): "Établissements concernés, à choisir dans la liste ; vide : chacun.",
    ("tasks", "themes"): "Thèmes de la tâche, à choisir dans la liste (au moins un).",
    ("*", "document"): "Document source, à choisir dans la liste.",
    **{
        (kind, "scope"): (
            "Territoires concernés (par exemple essonne), tels que l'académie les déclare ; "
            "vide : toute l'académie."
        )
        for kind in ("services", "resources", "contacts", "tasks")
    },
}


def form_hint(kind: str, field: dict[str, Any]) -> str:
    """The hint of a form field, in words: a drop-down's hint does not list raw values (the
    list shows their labels), a date picker's does not give the written format."""
    hint = str(field["hint"])
    fixed = FORM_HINTS.get((kind, field["name"])) or FORM_HINTS.get(("*", field["name"]))
    if fixed:
        return fixed
    if field.get("widget") == "datetime":
        return hint.replace(" (AAAA-MM-JJ)", "")
    raw = [str(o["value"]) for o in field.get("options", []) if str(o["value"]) != o["label"]]
    if raw and " : " in hint and any(value in hint for value in raw):
        return hint.split(" : ", 1)[0] + ", à choisir dans la liste."
    return hint


# An optional yes/no: Sveltia's boolean widget writes `false` into every record that lacks the
# field (and into every `change:`), so an optional one is a drop-down whose empty choice writes
# nothing.
YES_NO = [{"label": "Oui", "value": True}, {"label": "Non", "value": False}]


def optional_field(field: dict[str, Any]) -> dict[str, Any]:
    """The same form field, left empty unless the editor fills it: no `default:` (the form
    editor writes a default into every record it saves, even those the editor did not touch),
    no boolean widget."""
    field = {key: value for key, value in field.items() if key != "default"}
    field["required"] = False
    if field.get("widget") == "boolean":
        field.update(widget="select", options=[dict(option) for option in YES_NO])
    return field


def model_fields(kind: str, model: type[BaseModel], prefix: str = "") -> list[dict[str, Any]]:
    texts = text_fields(model)
    return [
        _widget(kind, f"{prefix}{info.alias or name}", info.alias or name, info, texts)
        for name, info in model.model_fields.items()
    ]


def cms_fields() -> dict[str, Any]:
    """Every data kind's form, plus academy.yml and region.yml."""
    kinds = {
        kind: {"label": REGISTRY[kind].title, "fields": model_fields(kind, model)}
        for kind, model in KINDS.items()
    }
    return {
        "kinds": kinds,
        "academy": {"label": model_title(Academy), "fields": model_fields("academy", Academy)},
        "region": {"label": model_title(Region), "fields": model_fields("region", Region)},
    }


def rendered() -> str:
    header = (
        "# Généré par « vademecum cms » depuis vademecum/data/model.py : ne pas modifier à la main.\n"
    )
    return header + yaml.safe_dump(cms_fields(), allow_unicode=True, sort_keys=False, width=100)


def write(root: Path) -> bool:
    """Write schema/cms.yml; True when it changed."""
    path = root / CMS_FIELDS_FILE
    text = rendered()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def is_stale(root: Path) -> bool:
    path = root / CMS_FIELDS_FILE
    return not path.is_file() or path.read_text(encoding="utf-8") != rendered()


def load(root: Path) -> dict[str, Any]:
    fields: dict[str, Any] = yaml.safe_load((root / CMS_FIELDS_FILE).read_text(encoding="utf-8"))
    return fields
