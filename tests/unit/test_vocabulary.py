"""One vocabulary: the French names of fields and models live on the model, nowhere else.

The form editor (schema/cms.yml), the JSON Schemas (schema/*.json) and « Quoi de neuf » read
`Field(title)`, `ConfigDict(title)` and `Choice.__title__`; no module keeps a table of its own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from tests.conftest import MINISITE, REPO
from vademecum.data.cascade import load_catalog
from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.kinds import REGISTRY
from vademecum.data.model import Academy, Choice, Region, Removal, Task, model_title
from vademecum.data.school_year import SchoolYear
from vademecum.editors.cms_fields import load as load_forms
from vademecum.site import changes as changes_module

TOP_MODELS: list[type[BaseModel]] = [*KINDS.values(), Academy, Region, Removal]


def _inner_types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in get_args(annotation):
        found += _inner_types(arg)
    found += getattr(annotation, "__metadata__", [])  # Annotated[...]
    origin = getattr(annotation, "__origin__", None)
    return found + ([origin] if origin is not None else [])


def _reachable() -> tuple[list[type[BaseModel]], list[type[Choice]]]:
    models: list[type[BaseModel]] = []
    choices: list[type[Choice]] = []
    todo = list(TOP_MODELS)
    while todo:
        model = todo.pop()
        if model in models:
            continue
        models.append(model)
        for info in model.model_fields.values():
            for inner in _inner_types(info.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    todo.append(inner)
                elif isinstance(inner, type) and issubclass(inner, Choice):
                    choices.append(inner) if inner not in choices else None
    return models, choices


MODELS, CHOICES = _reachable()
BY_NAME: dict[str, type[BaseModel]] = {m.__name__: m for m in MODELS}


def _key(name: str, model: type[BaseModel]) -> str:
    return model.model_fields[name].alias or name


def _fields_by_key(model: type[BaseModel]) -> dict[str, Any]:
    return {_key(name, model): info for name, info in model.model_fields.items()}


def test_every_model_field_and_choice_has_a_french_name():
    assert len(MODELS) > 15 and len(CHOICES) > 5
    for model in MODELS:
        assert model.model_config.get("title"), f"{model.__name__} : titre manquant"
        for name, info in model.model_fields.items():
            assert info.title, f"{model.__name__}.{name} : titre manquant"
            assert info.title != name and "_" not in info.title, f"{model.__name__}.{name}"
    for choice in CHOICES:
        assert choice.__dict__.get("__title__"), f"{choice.__name__} : titre manquant"


def test_one_word_per_field():
    words: dict[str, set[str]] = {}
    for model in MODELS:
        for key, info in _fields_by_key(model).items():
            words.setdefault(key, set()).add(info.title or "")
    several = {key: sorted(titles) for key, titles in words.items() if len(titles) > 1}
    assert several == {}


def _check_form(fields: list[dict[str, Any]], model: type[BaseModel], where: str) -> int:
    infos = _fields_by_key(model)
    checked = 0
    for field in fields:
        info = infos[field["name"]]
        assert field["label"] == info.title, f"{where}.{field['name']}"
        checked += 1
        if "fields" in field:
            nested = next(
                t
                for t in _inner_types(info.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            )
            checked += _check_form(field["fields"], nested, f"{where}.{field['name']}")
    return checked


def test_the_form_editor_labels_are_the_model_titles():
    forms = load_forms(REPO)  # the committed schema/cms.yml, which the build ships
    checked = 0
    for kind, model in KINDS.items():
        assert forms["kinds"][kind]["label"] == REGISTRY[kind].title
        checked += _check_form(forms["kinds"][kind]["fields"], model, kind)
    for name, model in (("academy", Academy), ("region", Region)):
        assert forms[name]["label"] == model_title(model)
        checked += _check_form(forms[name]["fields"], model, name)
    assert checked > 150
    labels = {f["label"] for k in forms["kinds"].values() for f in k["fields"]}
    assert {"Intitulé", "Quand", "Qui", "Précisions", "Vérifié par"} <= labels


def _referenced(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    return schema["definitions"].get(ref.rsplit("/", 1)[-1], {}) if ref else {}


def test_the_json_schemas_titles_are_the_model_titles():
    checked = 0
    for path in sorted((REPO / "schema").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if path.stem in ("academy", "region"):
            model = {"academy": Academy, "region": Region}[path.stem]
            assert schema["title"] == f"{model_title(model)} ({path.stem}.yml)"
            infos = _fields_by_key(model)
            for key, prop in schema["properties"].items():
                shown = prop.get("title") or _referenced(schema, prop).get("title")
                assert shown == infos[key].title, f"{path.name}: {key}"
                checked += 1
        for def_name, definition in schema.get("definitions", {}).items():
            name = def_name.removesuffix("Change")
            if name in BY_NAME:
                model = BY_NAME[name]
                title = model_title(model)
                if def_name != name:
                    title = f"Modification : {title.lower()}"
                assert definition["title"] == title, f"{path.name}: {def_name}"
                infos = _fields_by_key(model)
                for key, prop in definition["properties"].items():
                    # pydantic leaves out a title equal to the one of the $ref'd definition
                    shown = prop.get("title") or _referenced(schema, prop).get("title")
                    assert shown == infos[key].title, f"{path.name}: {def_name}.{key}"
                    checked += 1
            else:
                choice = next(c for c in CHOICES if c.__name__ == def_name)
                assert definition["title"] == choice.__title__, f"{path.name}: {def_name}"
    assert checked > 280


def test_no_module_keeps_its_own_table_of_names():
    engine = REPO / "vademecum"
    tables = re.compile(r"\b(LABEL_FIELD|MODEL_TITLES|FIELD_LABELS|TASK_FIELD_LABELS)\b")
    found = [
        f"{path.relative_to(REPO)}: {match.group()}"
        for path in sorted(engine.rglob("*.py"))
        for match in tables.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert not hasattr(REGISTRY["tasks"], "field_labels")
    assert {k: v.label_field for k, v in REGISTRY.items()} == {
        "documents": "title",
        "themes": "name",
        "roles": "name",
        "services": "name",
        "legal_texts": "title",
        "resources": "title",
        "glossary": "term",
        "contacts": "name",
        "tasks": "title",
        "scenarios": "title",
        "assessment": "name",
    }


def test_no_module_level_global_in_the_engine():
    engine = REPO / "vademecum"
    found = [
        path.relative_to(REPO).as_posix()
        for path in sorted(engine.rglob("*.py"))
        if re.search(r"^\s+global ", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert found == []


def test_quoi_de_neuf_names_fields_with_the_form_editor_words(tmp_path: Path, monkeypatch):
    before_root = tmp_path / "before"
    shutil.copytree(MINISITE / "data", before_root / "data")
    tasks = before_root / "data/national/tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("title: Désigner le RUPN", "title: Désigner un RUPN", 1)
    text = text.replace("when: [septembre]", "when: [octobre]", 1)
    tasks.write_text(text, encoding="utf-8")
    previous, problems = load_catalog(before_root, "national")
    assert previous is not None and not [p for p in problems if not p.warning]
    current, _ = load_catalog(MINISITE, "national")
    assert current is not None
    monkeypatch.setattr(changes_module, "_git", lambda root, *args: b"0123456789abcdef\n")
    monkeypatch.setattr(changes_module, "_catalog_at", lambda root, commit, academy: previous)
    found = changes_module.changes_since_previous_year(MINISITE, current, SchoolYear(2026))
    words = {task.id: fields for task, fields in found.modified}
    title, when = Task.model_fields["title"].title, Task.model_fields["when"].title
    assert title and when
    assert words == {"designer-rupn": [title.lower(), when.lower()]}
    assert words["designer-rupn"] == ["intitulé", "quand"]


@pytest.mark.parametrize("field", changes_module.COMPARED_FIELDS)
def test_every_compared_field_is_named_by_the_model(field: str):
    assert changes_module.field_word(field) == (Task.model_fields[field].title or "").lower()
