"""JSON Schemas of the data files, generated from the model, for the editors' editor.

One schema per data file kind (`schema/<kind>.json`: the `<kind>:` list, `change:` and
`remove:`), plus `schema/academy.json` and `schema/region.json`. Each data file names its
schema on its first line (`# yaml-language-server: $schema=…`), so VS Code with the YAML
extension completes field names, shows the French descriptions and flags typos
(`additionalProperties: false`). `vademecum check` stays the authority: the schemas cannot
check references between files nor the YAML 1.1 traps.

The files are written deterministically (sorted keys, 2-space indent, trailing newline) so
that `vademecum schema --check` and the tests notice a schema/ folder left out of date.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from vademecum.data.kinds import MODELS, REGISTRY
from vademecum.data.model import Academy, Region, Removal, model_title

SCHEMA_DIR = "schema"
# Draft 7: the version the VS Code YAML extension (yaml-language-server) fully supports.
DIALECT = "http://json-schema.org/draft-07/schema#"
DEFS = "definitions"


def _definitions(models: list[type[BaseModel]]) -> dict[str, Any]:
    """The models' schemas and everything they use, as definitions.

    Titles are the model's French names (`Field(title)`, `ConfigDict(title)`, `__title__`).
    """
    _, generated = models_json_schema(
        [(model, "validation") for model in models], ref_template=f"#/{DEFS}/{{model}}"
    )
    defs: dict[str, Any] = {}
    for name, definition in generated.get("$defs", {}).items():
        definition.pop("description", None)  # the class docstring, in English
        defs[name] = definition
    return defs


def _nullable_list(items: dict[str, Any], description: str) -> dict[str, Any]:
    # `tasks:` left empty reads as null, which `vademecum check` accepts.
    return {"description": description, "type": ["array", "null"], "items": items}


def kind_schema(kind: str) -> dict[str, Any]:
    """Schema of `data/<level>/<kind>.yml`."""
    model = MODELS[kind]
    name = model.__name__
    defs = _definitions([model, Removal])
    change = copy.deepcopy(defs[name])
    change["required"] = ["id"]
    change["minProperties"] = 2
    change["title"] = f"Modification : {model_title(model).lower()}"
    change["description"] = (
        "L'id d'un élément existant, puis seulement les champs à remplacer "
        "(chaque champ donné est remplacé en entier)."
    )
    defs[f"{name}Change"] = change
    title = REGISTRY[kind].title
    return {
        "$schema": DIALECT,
        "title": f"{title} ({kind}.yml)",
        "description": (
            f"« {kind}: » ajoute des éléments ; dans une région ou une académie, « change: » "
            "modifie des champs d'éléments existants et « remove: » en supprime. "
            "Voir CONTRIBUTING.md."
        ),
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            kind: _nullable_list(
                {"$ref": f"#/{DEFS}/{name}"},
                "Éléments ajoutés. Un id déjà défini à un autre niveau est une erreur : "
                "utilisez « change: ».",
            ),
            "change": _nullable_list(
                {"$ref": f"#/{DEFS}/{name}Change"},
                "Modifications d'éléments existants (surcharges régionales ou académiques "
                "seulement) : id et champs remplacés.",
            ),
            "remove": _nullable_list(
                {"$ref": f"#/{DEFS}/Removal"},
                "Éléments supprimés pour ce site (surcharges régionales ou académiques "
                "seulement) : id et raison (reason).",
            ),
        },
        DEFS: defs,
    }


def single_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Schema of `academy.yml` or `region.yml`: one mapping of the model's fields."""
    defs = _definitions([model])
    top = defs.pop(model.__name__)
    top["title"] = f"{top['title']} ({model.__name__.lower()}.yml)"
    return {"$schema": DIALECT, **top, **({DEFS: defs} if defs else {})}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name in schema/ → schema."""
    schemas = {f"{kind}.json": kind_schema(kind) for kind in MODELS}
    schemas["academy.json"] = single_schema(Academy)
    schemas["region.json"] = single_schema(Region)
    return dict(sorted(schemas.items()))


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def rendered() -> dict[str, str]:
    return {name: render(schema) for name, schema in all_schemas().items()}


def write_schemas(root: Path) -> list[str]:
    """Write every schema into `<root>/schema/` and delete stale ones; returns changed files."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    expected = rendered()
    changed = []
    for name, text in expected.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"{SCHEMA_DIR}/{name}")
    for path in sorted(folder.glob("*.json")):
        if path.name not in expected:
            path.unlink()
            changed.append(f"{SCHEMA_DIR}/{path.name}")
    return changed


def outdated(root: Path) -> list[str]:
    """Files of `<root>/schema/` that are missing, different or no longer generated."""
    folder = root / SCHEMA_DIR
    expected = rendered()
    stale = []
    for name, text in expected.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(f"{SCHEMA_DIR}/{name}")
    if folder.is_dir():
        stale += [
            f"{SCHEMA_DIR}/{p.name}"
            for p in sorted(folder.glob("*.json"))
            if p.name not in expected
        ]
    return stale


def schema_for(data_file: Path) -> str:
    """Name of the schema file that describes a data file (`tasks.yml` → `tasks.json`)."""
    return f"{data_file.stem}.json"


def schema_line(data_file: Path, root: Path) -> str:
    """The first line a data file should start with, pointing at its schema."""
    depth = len(data_file.resolve().parent.relative_to(root.resolve()).parts)
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema_for(data_file)}"
