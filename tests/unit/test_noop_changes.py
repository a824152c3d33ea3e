"""A `change:` field that sets the value the record already has is a warning, with its line."""

from __future__ import annotations

from tests.conftest import write
from vademecum.cli import main
from vademecum.data.cascade import load_catalog

ACADEMY_TASKS = "data/academies/academie-test/tasks.yml"


def _load(project, change: str):
    write(project, ACADEMY_TASKS, "change:\n" + change)
    catalog, problems = load_catalog(project, "academie-test")
    assert catalog is not None, [str(p) for p in problems]
    return catalog, problems


def test_a_change_to_the_default_value_is_a_warning(project):
    catalog, problems = _load(
        project, "  - id: bilan-ca\n    when: [juin, juillet]\n    level: tous\n"
    )
    assert [str(p) for p in problems] == [
        f"{ACADEMY_TASKS}:4:12: change[bilan-ca].level: avertissement : « level » vaut déjà "
        "« tous » (valeur par défaut) : ce changement ne change rien ; retirez ce champ de "
        "« change: », ou corrigez sa valeur si une autre était voulue"
    ]
    assert [p.warning for p in problems] == [True]
    assert [m.value for m in catalog.get("tasks", "bilan-ca").when] == ["juin", "juillet"]


def test_a_change_to_the_inherited_value_names_where_it_comes_from(project):
    _, problems = _load(
        project,
        "  - id: suivre-ent\n"
        "    when: [novembre, decembre, janvier, fevrier, mars]\n"
        "    who: {lead: rupn}\n"
        "    level: lycee\n",
    )
    assert [(p.line, p.field, p.warning) for p in problems] == [
        (3, "change[suivre-ent].when", True),
        (4, "change[suivre-ent].who", True),
    ]
    assert "héritée de data/national/tasks.yml:27" in problems[0].message
    assert "« [novembre, decembre, janvier, fevrier, mars] »" in problems[0].message
    assert "héritée de data/national/tasks.yml:28" in problems[1].message


def test_a_change_over_an_earlier_change_is_compared_with_it(project):
    region = project / "data/regions/region-test/tasks.yml"
    write(project, str(region.relative_to(project)), region.read_text() + "    level: lycee\n")
    _, problems = _load(project, "  - id: bilan-ca\n    level: lycee\n")
    assert [(p.file, p.line, p.field) for p in problems] == [
        (ACADEMY_TASKS, 3, "change[bilan-ca].level")
    ]
    assert "héritée de data/regions/region-test/tasks.yml:12" in problems[0].message


def test_a_real_change_is_no_warning(project):
    _, problems = _load(project, "  - id: suivre-ent\n    level: lycee\n    when: [juin]\n")
    assert problems == []


def test_check_shows_the_warning_and_passes_unless_strict(project, capsys):
    write(project, ACADEMY_TASKS, "change:\n  - id: suivre-ent\n    level: college\n")
    assert main(["--root", str(project), "check", "--academy", "academie-test"]) == 0
    err = capsys.readouterr().err
    assert f"{ACADEMY_TASKS}:3:12: change[suivre-ent].level: avertissement :" in err
    assert main(["--root", str(project), "check", "--academy", "academie-test", "--strict"]) != 0
