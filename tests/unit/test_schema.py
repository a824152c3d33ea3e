"""The editors' JSON Schemas: generated from the model, committed up to date, and true to the data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import MINISITE, REPO, make_project
from vademecum.cli import main
from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.model import Task
from vademecum.data.yamlload import load_file
from vademecum.editors.schema import (
    DEFS,
    SCHEMA_DIR,
    all_schemas,
    outdated,
    render,
    schema_for,
    schema_line,
)

SCHEMAS = all_schemas()
REPO_FILES = sorted((REPO / "data").rglob("*.yml"))
FIXTURE_FILES = sorted((MINISITE / "data").rglob("*.yml"))


def as_json(path: Path):
    """The file's value as a JSON document would hold it (YAML dates become text)."""
    loaded = load_file(path, str(path))
    assert loaded.problems == [], loaded.problems
    return json.loads(json.dumps(loaded.value, default=str))


def errors(schema_name: str, value) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMAS[schema_name])
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)
    ]


def test_committed_schemas_are_up_to_date():
    stale = outdated(REPO)
    assert stale == [], f"schémas périmés, lancez « vademecum schema » : {stale}"


def test_one_schema_per_kind_plus_academy_and_region():
    assert set(SCHEMAS) == {f"{k}.json" for k in KINDS} | {"academy.json", "region.json"}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_draft7(name):
    jsonschema.Draft7Validator.check_schema(SCHEMAS[name])


def test_rendering_is_deterministic():
    text = render(SCHEMAS["tasks.json"])
    assert text.endswith("}\n") and text == render(all_schemas()["tasks.json"])
    assert '\n  "$schema"' in text  # two-space indent
    keys = list(json.loads(text))
    assert keys == sorted(keys)


def test_french_titles_and_field_descriptions():
    for name, schema in SCHEMAS.items():
        for def_name, definition in schema.get(DEFS, {}).items():
            title = definition.get("title", "")
            assert title, f"{name}: titre français manquant pour {def_name}"
    task = SCHEMAS["tasks.json"][DEFS]["Task"]["properties"]
    assert task["title"]["description"] == Task.model_fields["title"].description
    assert task["when"]["title"] == "Quand"  # the model's word (tests/unit/test_vocabulary.py)
    assert "with" in SCHEMAS["tasks.json"][DEFS]["Who"]["properties"]  # aliases, as written


@pytest.mark.parametrize(
    "path", REPO_FILES + FIXTURE_FILES, ids=lambda p: p.relative_to(REPO).as_posix()
)
def test_data_file_matches_its_schema(path):
    assert errors(schema_for(path), as_json(path)) == []


@pytest.mark.parametrize("path", REPO_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_data_file_names_an_existing_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == schema_line(path, REPO), f"{path}: première ligne attendue : {first!r}"
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target.is_file() and target.parent == (REPO / SCHEMA_DIR).resolve()


def test_schema_flags_typos_and_malformed_overlays():
    task = as_json(MINISITE / "data/national/tasks.yml")["tasks"][0]
    assert errors("tasks.json", {"tasks": [task]}) == []
    assert any("titel" in e for e in errors("tasks.json", {"tasks": [{**task, "titel": "x"}]}))
    assert errors("tasks.json", {"taks": [task]})  # unknown section
    assert errors("tasks.json", {"change": [{"id": "designer-rupn", "when": ["septembre"]}]}) == []
    assert errors("tasks.json", {"change": [{"when": ["septembre"]}]})  # no id
    assert errors("tasks.json", {"change": [{"id": "designer-rupn"}]})  # nothing to change
    assert errors("tasks.json", {"change": [{"id": "x", "when": ["septembreee"]}]})
    assert errors("tasks.json", {"remove": [{"id": "designer-rupn"}]})  # no reason
    assert errors("tasks.json", {"tasks": None, "change": None}) == []  # empty sections
    assert errors("academy.json", {"id": "x", "name": "X", "ent": "Y"})
    assert errors("region.json", {"id": "x"})


def test_cli_writes_and_checks_schemas(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    assert main(["--root", str(project), "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert "vademecum schema" in err and "schema/tasks.json" in err
    assert main(["--root", str(project), "schema"]) == 0
    assert main(["--root", str(project), "schema", "--check"]) == 0
    for name in SCHEMAS:
        assert (project / SCHEMA_DIR / name).read_text(encoding="utf-8") == (
            REPO / SCHEMA_DIR / name
        ).read_text(encoding="utf-8")
    (project / SCHEMA_DIR / "tasks.json").write_text("{}\n", encoding="utf-8")
    (project / SCHEMA_DIR / "ancien.json").write_text("{}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert "schema/tasks.json" in err and "schema/ancien.json" in err
    assert "schema/roles.json" not in err
    assert main(["--root", str(project), "schema"]) == 0
    assert not (project / SCHEMA_DIR / "ancien.json").exists()
    assert main(["--root", str(project), "schema", "--check"]) == 0


def test_vscode_settings_associate_every_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    associations = settings["yaml.schemas"]
    assert set(associations) == {f"./{SCHEMA_DIR}/{name}" for name in SCHEMAS}
    for target, globs in associations.items():
        assert (REPO / target).is_file()
        assert globs == [f"data/**/{Path(target).stem}.yml"]
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
