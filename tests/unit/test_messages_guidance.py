"""Messages that say what to do, each on a scratch copy of the mini-site (issue 16, part 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import make_project
from vademecum.data.cascade import load_catalog

ACADEMY = "academie-test"
TASK = """  - id: {id}
    title: {title}
    when: [septembre]
    who: {{lead: chef-etablissement}}
    themes: [gouvernance]
    source: {{document: doc-national, section: Test}}
"""


def problems(project: Path) -> list[str]:
    catalog, found = load_catalog(project, ACADEMY, dt.date(2026, 10, 15))
    assert catalog is None
    return [str(p) for p in found if not p.warning]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(project: Path, relative: str, text: str) -> None:
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def test_a_syntax_error_comes_first_and_alone(project):
    # A 3-space indentation: the file cannot be read, so its tasks disappear and the scenario
    # and the académie's changes would report them unknown.
    edit(
        project,
        "data/national/tasks.yml",
        "    title: Désigner le RUPN\n",
        "   title: Désigner le RUPN\n",
    )
    shown = problems(project)
    assert shown[0].startswith("data/national/tasks.yml:3:")
    assert all(line.startswith("data/national/tasks.yml:") for line in shown), shown
    assert len(shown) == 2
    assert "autre(s) problème(s) mis de côté" in shown[-1]
    assert "corrigez-la d'abord" in shown[-1]


def test_without_syntax_error_nothing_is_held_back(project):
    edit(
        project,
        "data/national/tasks.yml",
        "services: [stsweb, siecle]",
        "services: [stsweb, siecle]\n    legal_texts: [code-education]",
    )
    assert not any("mis de côté" in line for line in problems(project))


def test_an_unknown_id_suggests_the_closest_and_names_the_defining_files(project):
    edit(
        project,
        "data/national/tasks.yml",
        "    who: {lead: chef-etablissement}\n    themes: [donnees]",
        "    who: {lead: chef-etablisement}\n    themes: [donnees]",
    )
    (line,) = [p for p in problems(project) if "tasks[mettre-a-jour-stsweb].who.lead" in p]
    assert "rôle inconnu « chef-etablisement » ; vouliez-vous dire « chef-etablissement » ?" in line
    assert "data/national/roles.yml" in line and "data/academies/academie-test/roles.yml" in line


def test_an_unknown_id_with_no_close_one_lists_the_possible_ids(project):
    edit(project, "data/national/tasks.yml", "themes: [gouvernance]", "themes: [zzz]")
    line = next(p for p in problems(project) if "thème inconnu « zzz »" in p)
    assert "identifiants possibles : gouvernance" in line


@pytest.mark.parametrize(
    ("old", "new", "field", "advice"),
    [
        (
            "details: Choisir un ou plusieurs enseignants et rédiger la lettre de mission.",
            "details: yes",
            "tasks[designer-rupn].details",
            'mettez le texte entre guillemets (details: "yes")',
        ),
        (
            "title: Désigner le RUPN\n",
            "title: 42\n",
            "tasks[designer-rupn].title",
            'mettez le texte entre guillemets ("42")',
        ),
    ],
)
def test_advice_fits_a_text_field(project, old, new, field, advice):
    edit(project, "data/national/tasks.yml", old, new)
    (line,) = [p for p in problems(project) if f": {field}: " in p]
    assert advice in line
    assert "booléen" not in line and "YAML 1.1" not in line and "true ou false" not in line


def test_advice_fits_a_yes_no_field(project):
    edit(project, "data/national/roles.yml", "delegable: false", "delegable: no")
    (line,) = [p for p in problems(project) if ".delegable: " in p]
    assert "écrivez true (oui) ou false (non)" in line
    assert "guillemets" not in line and "booléen" not in line and "YAML 1.1" not in line


def test_a_duplicate_in_one_file_names_the_first_line_and_does_not_advise_change(project):
    append(project, "data/national/tasks.yml", TASK.format(id="bilan-ca", title="Un autre bilan"))
    (line,) = [p for p in problems(project) if "en double" in p]
    assert "déjà utilisé ligne 18 de ce fichier" in line
    assert "change:" not in line


def test_a_duplicate_across_levels_names_the_file_and_line_and_advises_change(project):
    edit(
        project,
        "data/academies/academie-test/tasks.yml",
        "change:\n",
        "tasks:\n" + TASK.format(id="bilan-ca", title="Bilan") + "change:\n",
    )
    (line,) = [p for p in problems(project) if "bilan-ca" in p and ".id:" in p]
    assert "déjà défini dans data/national/tasks.yml ligne 18" in line
    assert "« change: »" in line


def test_records_are_named_by_id_or_title_never_by_position(project):
    append(
        project,
        "data/national/tasks.yml",
        TASK.format(id="Nouvelle tâche", title="Faire le point").replace(
            "      when: [septembre]", ""
        ),
    )
    append(
        project, "data/national/tasks.yml", "  - title: Sans identifiant\n    when: [septembre]\n"
    )
    shown = problems(project)
    assert any("tasks[Nouvelle tâche].id: identifiant invalide" in p for p in shown), shown
    assert any("tasks[Sans identifiant].id: champ obligatoire manquant" in p for p in shown), shown
    assert not any("tasks[4]" in p or "tasks[5]" in p for p in shown)


def test_values_are_shown_as_written(project):
    edit(
        project,
        "data/national/tasks.yml",
        "flags: [prise-de-fonction]",
        "flags: [prise-de-fonction]\n    level: [college, lycee]",
    )
    (line,) = [p for p in problems(project) if ".level:" in p]
    assert "pas la liste « [college, lycee] »" in line
    assert "['college'" not in line


def test_a_record_appended_under_remove_is_recognised(project):
    # The natural move: append the new task at the end of the file, which ends with remove:.
    append(
        project,
        "data/academies/academie-test/tasks.yml",
        TASK.format(id="nouvelle-tache", title="Une tâche locale"),
    )
    shown = problems(project)
    assert len(shown) == 1, shown
    assert "remove[nouvelle-tache]: cet élément complet se trouve sous « remove: »" in shown[0]
    assert "déplacez-le sous « tasks: »" in shown[0]


def test_a_new_record_under_change_is_recognised(project):
    edit(
        project,
        "data/academies/academie-test/tasks.yml",
        "remove:\n",
        TASK.format(id="nouvelle-tache", title="Une tâche locale") + "remove:\n",
    )
    shown = problems(project)
    assert len(shown) == 1, shown
    assert "change[nouvelle-tache]: cet élément complet se trouve sous « change: »" in shown[0]


def test_a_real_change_of_an_unknown_id_still_says_unknown(project):
    edit(
        project,
        "data/academies/academie-test/tasks.yml",
        "  - id: designer-rupn\n",
        "  - id: designer-rpun\n",
    )
    (line,) = problems(project)
    assert "identifiant inconnu « designer-rpun »" in line
    assert "vouliez-vous dire « designer-rupn » ?" in line


KNOWLEDGE = """  - id: savoir-drane-test
    title: Connaissance de la DRANE de test (organisation de l'assistance)
    publisher: DRANE de test
    scope: académie
    kind: connaissance-drane
"""


def test_the_drane_knowledge_is_a_source_with_the_editor_date(project):
    append(project, "data/national/documents.yml", KNOWLEDGE + "    date: 2026-10-01\n")
    catalog, found = load_catalog(project, ACADEMY, dt.date(2026, 10, 15))
    assert catalog is not None, [str(p) for p in found]
    assert catalog.get("documents", "savoir-drane-test").kind == "connaissance-drane"


def test_the_drane_knowledge_needs_the_editor_date(project):
    append(project, "data/national/documents.yml", KNOWLEDGE)
    (line,) = [p for p in problems(project) if "documents[savoir-drane-test]" in p]
    assert "date obligatoire pour une connaissance de la DRANE" in line


def test_check_of_every_academy_counts_held_back_problems_once(project, capsys):
    from vademecum.cli import main

    edit(
        project,
        "data/national/tasks.yml",
        "    title: Désigner le RUPN\n",
        "   title: Désigner le RUPN\n",
    )
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if "(suite)" in line]) == 1, err
    assert not [line for line in err if line.startswith("data/") and "tasks.yml" not in line]
