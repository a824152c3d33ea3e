"""`vademecum new-academy`: a new académie that checks and builds at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import make_project
from vademecum.cli import main
from vademecum.data.cascade import load_catalog
from vademecum.data.yamlload import load_file
from vademecum.editors.scaffold import academy_title, display_name, yaml_text
from vademecum.editors.schema import all_schemas, schema_for, schema_line


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def uncomment_examples(path: Path) -> None:
    """What an editor does with an example: remove « # » before the indented example lines."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^  # (-|  )", r"  \1", text, flags=re.MULTILINE)
    path.write_text(text.replace("AAAA-MM-JJ", "2025-09-01"), encoding="utf-8")


def test_new_academy_in_a_new_region_checks_and_builds(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    assert run(project, "new-academy", "nancy-metz", "--region", "grand-est") == 0
    out = capsys.readouterr().out
    folder = project / "data/academies/nancy-metz"
    assert {p.name for p in folder.iterdir()} == {
        "academy.yml",
        "tasks.yml",
        "contacts.yml",
        "documents.yml",
    }
    assert "créé : data/regions/grand-est/region.yml" in out
    academy = load_file(folder / "academy.yml", "academy.yml").value
    assert academy == {"id": "nancy-metz", "name": "Académie de Nancy-Metz", "region": "grand-est"}
    region = load_file(project / "data/regions/grand-est/region.yml", "region.yml").value
    assert region == {"id": "grand-est", "name": "Grand-Est"}
    assert "# ent_name:" in (folder / "academy.yml").read_text(encoding="utf-8")

    schemas = all_schemas()
    for path in [*folder.iterdir(), project / "data/regions/grand-est/region.yml"]:
        assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line(path, project)
        value = json.loads(json.dumps(load_file(path, path.name).value, default=str))
        jsonschema.validate(value, schemas[schema_for(path)], jsonschema.Draft7Validator)

    assert run(project, "check", "--academy", "nancy-metz") == 0
    assert run(project, "check") == 0
    site = project / "site" / "nancy-metz"
    assert run(project, "build", "--academy", "nancy-metz", "--site-dir", str(site)) == 0
    assert "Académie de Nancy-Metz" in (site / "index.html").read_text(encoding="utf-8")


def test_examples_are_valid_once_uncommented(tmp_path):
    project = make_project(tmp_path / "project")
    assert run(project, "new-academy", "amiens", "--region", "region-test") == 0
    folder = project / "data/academies/amiens"
    for name in ("documents.yml", "tasks.yml", "contacts.yml"):
        uncomment_examples(folder / name)
    catalog, problems = load_catalog(project, "amiens")
    assert problems == []
    assert catalog.has("tasks", "presenter-ent-amiens")
    assert catalog.has("contacts", "dpd-amiens")
    assert not catalog.has("tasks", "suivre-ent")  # the last national task, removed
    assert [p.value for p in catalog.get("tasks", "designer-rupn").when] == [
        "septembre",
        "octobre",
    ]


def test_existing_region_is_kept_and_names_are_used(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    region_file = project / "data/regions/region-test/region.yml"
    before = region_file.read_text(encoding="utf-8")
    assert (
        run(
            project,
            "new-academy",
            "guadeloupe",
            "--region",
            "region-test",
            "--name",
            "Académie de la Guadeloupe",
            "--region-name",
            "Ignoré",
        )
        == 0
    )
    assert region_file.read_text(encoding="utf-8") == before
    assert "region.yml" not in capsys.readouterr().out
    academy = load_file(project / "data/academies/guadeloupe/academy.yml", "a").value
    assert academy["name"] == "Académie de la Guadeloupe"
    assert (
        run(
            project,
            "new-academy",
            "lille",
            "--region",
            "hauts-de-france",
            "--region-name",
            "Hauts-de-France",
        )
        == 0
    )
    region = load_file(project / "data/regions/hauts-de-france/region.yml", "r").value
    assert region["name"] == "Hauts-de-France"
    assert run(project, "check") == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Nancy", "--region", "grand-est"], "identifiant d'académie invalide « Nancy »"),
        (["nancy_metz", "--region", "grand-est"], "identifiant d'académie invalide"),
        (["nancy", "--region", "Grand Est"], "identifiant de région invalide"),
        (["academie-test", "--region", "region-test"], "existe déjà"),
        (["nancy", "--region", "grand-est", "--name", " "], "nom de l'académie vide"),
        (["nancy", "--region", "grand-est", "--name", "A\nregion: autre"], "--name : nom"),
        (["nancy", "--region", "grand-est", "--name", "A\rregion: autre"], "U+000D"),
        (["nancy", "--region", "grand-est", "--name", "A\u2028region: autre"], "U+2028"),
        (["nancy", "--region", "grand-est", "--name", "A\x85region: autre"], "U+0085"),
        (["nancy", "--region", "grand-est", "--name", "Nancy\x1b[2J"], "U+001B (ESC)"),
        (["nancy", "--region", "grand-est", "--name", "Nancy\x07"], "U+0007 (BEL)"),
        (["nancy", "--region", "grand-est", "--region-name", "Grand\rid: x"], "--region-name"),
        (["nancy", "--region", "grand-est", "--name", "x" * 1001], "trop long"),
    ],
)
def test_refusals_are_french_and_write_nothing(tmp_path, capsys, args, words):
    project = make_project(tmp_path / "project")
    before = sorted(p.as_posix() for p in (project / "data").rglob("*"))
    assert run(project, "new-academy", *args) == 2
    err = capsys.readouterr().err
    assert words in err
    assert not any(c in err.rstrip("\n") for c in "\n\r\x1b\x07\x85\u2028")
    assert sorted(p.as_posix() for p in (project / "data").rglob("*")) == before


def test_a_name_with_yaml_signs_is_quoted_everywhere(tmp_path):
    project = make_project(tmp_path / "project")
    name = 'Académie « test » : n°1 # "essai" - [a, b] & *x'
    assert run(project, "new-academy", "essai", "--region", "region-test", "--name", name) == 0
    folder = project / "data/academies/essai"
    assert load_file(folder / "academy.yml", "a").value["name"] == name
    for file in ("documents.yml", "contacts.yml"):
        uncomment_examples(folder / file)
    catalog, problems = load_catalog(project, "essai")
    assert problems == []
    assert catalog.get("documents", "guide-numerique-essai").publisher == (
        "DRANE, académie « test » : n°1 # \"essai\" - [a, b] & *x"
    )


def test_names():
    assert display_name("ile-de-france") == "Ile-de-France"
    assert academy_title("aix-marseille") == "Académie d'Aix-Marseille"
    assert academy_title("creteil") == "Académie de Creteil"
    assert yaml_text("Académie de Nancy-Metz") == "Académie de Nancy-Metz"
    assert yaml_text("no") == '"no"'
    assert yaml_text("Académie : test") == '"Académie : test"'
    assert yaml_text("A # B") == '"A # B"'
