"""Loading, merging and validating: one bad input per rule, each naming file, line and field."""

from __future__ import annotations

import pytest

from tests.conftest import write
from vademecum.data.cascade import load_catalog

TASK = """\
tasks:
  - id: nouvelle-tache
    title: Une tâche
    when: [septembre]
    who: {{lead: chef-etablissement}}
    themes: [gouvernance]
    source: {{document: doc-national, section: Test}}
{extra}"""


def problems_of(project, academy="academie-test"):
    catalog, problems = load_catalog(project, academy)
    assert catalog is None, "expected problems"
    return problems


def find(problems, file, field):
    hits = [p for p in problems if p.file == file and p.field == field]
    assert hits, f"no problem on {file} {field}: {[str(p) for p in problems]}"
    return hits[0]


def test_fixture_data_is_clean(project):
    catalog, problems = load_catalog(project, "academie-test")
    assert problems == []
    assert catalog is not None and catalog.academy.name == "Académie de test"


def test_overlays_add_change_and_remove(project):
    catalog, _ = load_catalog(project, "academie-test")
    assert catalog is not None
    assert (
        catalog.get("tasks", "designer-rupn").title
        == "Désigner le RUPN avant les vacances de Toussaint"
    )
    assert catalog.get("tasks", "designer-rupn").who.with_ == ["rupn", "referent-cyber"]
    assert catalog.get("tasks", "designer-rupn").details.startswith("Choisir")  # untouched field
    assert not catalog.has("tasks", "suivre-ent")
    assert catalog.get("tasks", "bilan-ca").when == ["mai", "juin"]
    assert catalog.has("roles", "referent-cyber") and catalog.has("tasks", "cybermois")
    assert catalog.entry("tasks", "cybermois").level == "region"
    assert catalog.entry("tasks", "designer-rupn").level == "academy"
    assert catalog.entry("tasks", "mettre-a-jour-stsweb").level == "national"
    national, _ = load_catalog(project, "national")
    assert national is not None and national.has("tasks", "suivre-ent")
    assert national.get("tasks", "bilan-ca").when == ["juin"]


@pytest.mark.parametrize(
    ("extra", "line", "field", "words"),
    [
        ("    titre: faute\n", 8, "tasks[nouvelle-tache].titre", "champ inconnu"),
        ("    level: primaire\n", 8, "tasks[nouvelle-tache].level", "valeur inconnue"),
        ("    flags: reglementaire\n", 8, "tasks[nouvelle-tache].flags", "liste attendue"),
        ("    details: 2025-01-08\n", 8, "tasks[nouvelle-tache].details", "date non entre guillemets"),
        ("    details: 12\n", 8, "tasks[nouvelle-tache].details", "mettez le texte entre guillemets"),
        ("    notes: [{kind: alerte, text: x}]\n", 8, "tasks[nouvelle-tache].notes[0].kind", "valeur inconnue"),
    ],
)
def test_field_rules(project, extra, line, field, words):
    write(project, "data/national/tasks.yml", TASK.format(extra=extra))
    problem = find(problems_of(project), "data/national/tasks.yml", field)
    assert problem.line == line
    assert words in problem.message


def test_wrong_month_names_the_item(project):
    write(
        project,
        "data/national/tasks.yml",
        TASK.format(extra="").replace("[septembre]", "[septembre, sept]"),
    )
    problem = find(problems_of(project), "data/national/tasks.yml", "tasks[nouvelle-tache].when[1]")
    assert problem.line == 4 and "aout" in problem.message


def test_missing_required_field_points_at_record(project):
    write(
        project,
        "data/national/tasks.yml",
        TASK.format(extra="").replace("    title: Une tâche\n", ""),
    )
    problem = find(problems_of(project), "data/national/tasks.yml", "tasks[nouvelle-tache].title")
    assert problem.line == 2 and "obligatoire" in problem.message


def test_wrong_boolean(project):
    text = (
        (project / "data/national/roles.yml")
        .read_text()
        .replace("delegable: true", "delegable: oui")
    )
    write(project, "data/national/roles.yml", text)
    problem = find(problems_of(project), "data/national/roles.yml", "roles[rupn].delegable")
    assert "true (oui) ou false (non)" in problem.message


@pytest.mark.parametrize(
    ("field_line", "field", "kind_word"),
    [
        (
            "    who: {lead: proviseur}\n",
            "tasks[nouvelle-tache].who.lead",
            "rôle inconnu « proviseur »",
        ),
        ("    themes: [cyber]\n", "tasks[nouvelle-tache].themes[0]", "thème inconnu « cyber »"),
        ("    services: [pronote]\n", "tasks[nouvelle-tache].services[0]", "service inconnu"),
        ("    resources: [absente]\n", "tasks[nouvelle-tache].resources[0]", "ressource inconnue"),
        (
            "    legal_texts: [loi-x]\n",
            "tasks[nouvelle-tache].legal_texts[0]",
            "texte officiel inconnu",
        ),
    ],
)
def test_unknown_references(project, field_line, field, kind_word):
    base = TASK.format(extra="")
    key = field_line.split(":")[0]
    lines = [line for line in base.splitlines(keepends=True) if not line.startswith(key + ":")]
    write(project, "data/national/tasks.yml", "".join(lines) + field_line)
    problem = find(problems_of(project), "data/national/tasks.yml", field)
    assert kind_word in problem.message
    assert problem.line == len(lines) + 1


def test_unknown_source_document(project):
    write(
        project, "data/national/tasks.yml", TASK.format(extra="").replace("doc-national", "doc-x")
    )
    problem = find(
        problems_of(project), "data/national/tasks.yml", "tasks[nouvelle-tache].source.document"
    )
    assert "document source inconnu" in problem.message and problem.line == 7


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.fr/a", "www.x.fr"]
)
def test_links_must_be_http_or_mailto(project, url):
    text = (
        (project / "data/national/resources.yml")
        .read_text()
        .replace("https://www.example.gouv.fr/lettre.docx", f'"{url}"')
    )
    write(project, "data/national/resources.yml", text)
    problem = find(problems_of(project), "data/national/resources.yml", "resources[modele-lettre-mission].url")
    assert problem.line == 4 and "lien refusé" in problem.message


def test_duplicate_id_in_one_file(project):
    text = (
        (project / "data/national/themes.yml").read_text().replace("id: donnees", "id: gouvernance")
    )
    write(project, "data/national/themes.yml", text)
    problem = find(problems_of(project), "data/national/themes.yml", "themes[gouvernance].id")
    assert problem.line == 6 and "en double" in problem.message


def test_duplicate_id_across_overlays_asks_for_change(project):
    write(
        project,
        "data/academies/academie-test/themes.yml",
        "themes:\n  - id: donnees\n    name: X\n    source: {document: doc-region, section: S}\n",
    )
    problem = find(problems_of(project), "data/academies/academie-test/themes.yml", "themes[donnees].id")
    assert "data/national/themes.yml" in problem.message and "change" in problem.message


def test_change_and_remove_of_unknown_ids(project):
    write(
        project,
        "data/academies/academie-test/themes.yml",
        "change:\n  - id: inexistant\n    name: X\nremove:\n  - id: absent\n    reason: test\n",
    )
    problems = problems_of(project)
    assert (
        "identifiant inconnu « inexistant »"
        in find(problems, "data/academies/academie-test/themes.yml", "change[inexistant].id").message
    )
    assert find(problems, "data/academies/academie-test/themes.yml", "remove[absent].id").line == 5


def test_removal_needs_a_reason(project):
    write(project, "data/academies/academie-test/themes.yml", "remove:\n  - id: donnees\n")
    find(problems_of(project), "data/academies/academie-test/themes.yml", "remove[donnees].reason")


def test_removed_record_still_referenced(project):
    write(
        project,
        "data/academies/academie-test/roles.yml",
        "remove:\n  - id: rupn\n    reason: pas de RUPN ici\n",
    )
    problems = problems_of(project)
    assert any("supprimé par data/academies/academie-test/roles.yml" in p.message for p in problems)


def test_national_level_cannot_change(project):
    write(
        project,
        "data/national/themes.yml",
        (project / "data/national/themes.yml").read_text()
        + "change:\n  - id: donnees\n    name: X\n",
    )
    problem = find(problems_of(project), "data/national/themes.yml", "change")
    assert "réservés aux surcharges" in problem.message


def test_unknown_file_name(project):
    write(project, "data/national/taches.yml", "tasks: []\n")
    problem = find(problems_of(project), "data/national/taches.yml", "(fichier)")
    assert "tasks.yml" in problem.message


def test_unknown_academy_lists_known_ones(project):
    problems = problems_of(project, "atlantide")
    assert "academie-test" in problems[0].message and "national" in problems[0].message


def test_unknown_region(project):
    write(
        project,
        "data/academies/academie-test/academy.yml",
        "id: academie-test\nname: Test\nregion: nulle-part\n",
    )
    problem = find(problems_of(project), "data/academies/academie-test/academy.yml", "region")
    assert problem.line == 3 and "nulle-part" in problem.message


def test_every_problem_reported_in_one_run(project):
    write(project, "data/national/themes.yml", "themes:\n  - id: A\n")
    write(project, "data/national/glossary.yml", "glossary:\n  - id: B\n")
    write(
        project, "data/academies/academie-test/contacts.yml", "contacts:\n  - id: x\n    bof: no\n"
    )
    files = {p.file for p in problems_of(project)}
    assert files >= {
        "data/national/themes.yml",
        "data/national/glossary.yml",
        "data/academies/academie-test/contacts.yml",
    }


def test_old_verifications_are_warnings(project, capsys):
    import datetime as dt

    from vademecum.cli import main

    catalog, problems = load_catalog(project, "academie-test", dt.date(2028, 1, 1))
    assert catalog is not None
    stale = {(p.file, p.line, p.field) for p in problems}
    assert (
        "data/national/legal_texts.yml",
        9,
        "legal_texts[code-education-l312-9].verified_on",
    ) in stale
    assert (
        "data/academies/academie-test/contacts.yml",
        6,
        "contacts[dpd-academie-test].verified_on",
    ) in stale
    assert all(p.warning and "plus d'un an" in p.message for p in problems)
    fresh_catalog, none = load_catalog(project, "academie-test", dt.date(2027, 1, 1))
    assert fresh_catalog is not None and none == []
    args = ["--root", str(project), "check", "--today", "2028-01-01"]
    assert main(args) == 0
    assert "avertissement : vérifié le 24 novembre 2026" in capsys.readouterr().err
    assert main([*args, "--strict"]) == 1
