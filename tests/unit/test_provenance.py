"""Provenance: addresses traced to a source, Légifrance search pages refused, infinitive titles,
source editions compared with the school year built, and what the pages say about it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import write
from vademecum.checks.provenance import cited_documents, imperative_title, is_legal_address
from vademecum.data.cascade import load_catalog
from vademecum.data.school_year import SchoolYear
from vademecum.site.render.components import Renderer

RESOURCE = """resources:
  - id: modele-lettre-mission
    title: Modèle de lettre de mission
    url: {url}
    publisher: IH2EF
    kind: modele
{extra}    source: {{document: doc-national, section: Ressources{gives}}}
"""


def problems_for(project, url, extra="", gives=""):
    write(
        project,
        "data/national/resources.yml",
        RESOURCE.format(url=url, extra=extra, gives=gives),
    )
    return load_catalog(project, "academie-test")


def test_an_address_no_source_gives_and_nobody_checked_is_a_warning(project):
    catalog, problems = problems_for(project, "https://www.example.gouv.fr/lettre.docx")
    assert catalog is not None  # a warning, not an error
    assert [(p.field, p.warning) for p in problems] == [
        ("resources[modele-lettre-mission].url", True)
    ]
    assert "gives_url: true" in problems[0].message and "verified_on" in problems[0].message


@pytest.mark.parametrize(
    ("extra", "gives"),
    [
        ("    verified_on: 2026-11-24\n    verified_by: Éditrice de test\n", ""),
        ("", ", gives_url: true"),
    ],
)
def test_an_address_given_by_the_source_or_checked_passes(project, extra, gives):
    _, problems = problems_for(project, "https://www.example.gouv.fr/lettre.docx", extra, gives)
    assert problems == []


def test_a_legifrance_search_page_is_an_error(project):
    catalog, problems = problems_for(
        project,
        "https://www.legifrance.gouv.fr/search/all?query=arr%C3%AAt%C3%A9",
        "    verified_on: 2026-11-24\n    verified_by: Éditrice de test\n",
    )
    assert catalog is None
    assert [(p.field, p.warning) for p in problems] == [
        ("resources[modele-lettre-mission].url", False)
    ]
    assert "recherche Légifrance" in problems[0].message


def test_a_change_of_source_keeps_an_address_the_earlier_source_gave(project):
    problems_for(project, "https://www.example.gouv.fr/lettre.docx", gives=", gives_url: true")
    write(
        project,
        "data/regions/region-test/resources.yml",
        "change:\n  - id: modele-lettre-mission\n"
        "    source: {document: doc-region, section: Autre}\n",
    )
    _, problems = load_catalog(project, "academie-test")
    assert problems == []
    write(
        project,
        "data/regions/region-test/resources.yml",
        "change:\n  - id: modele-lettre-mission\n    url: https://www.example.gouv.fr/autre\n"
        "    source: {document: doc-region, section: Autre}\n",
    )
    _, problems = load_catalog(project, "academie-test")
    assert [p.field for p in problems] == ["resources[modele-lettre-mission].url"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.legifrance.gouv.fr/eli/loi/2013/7/8/2013-595/jo/texte",
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000038528420",
    ],
)
def test_a_legal_address_the_source_does_not_print_is_an_error(project, url):
    checked = "    verified_on: 2026-11-24\n    verified_by: Éditrice de test\n"
    catalog, problems = problems_for(project, url, checked)
    assert catalog is None  # refused even when someone says they checked it
    assert [(p.field, p.warning) for p in problems] == [
        ("resources[modele-lettre-mission].url", False)
    ]
    assert "n'imprime pas" in problems[0].message
    _, problems = problems_for(project, url, gives=", gives_url: true")
    assert problems == []


def test_legal_addresses_are_recognised():
    assert is_legal_address("https://legifrance.gouv.fr/jorf/id/JORFTEXT000050080243")
    assert is_legal_address("https://www.example.eu/eli/dir/2019/790/oj")
    assert not is_legal_address("https://www.education.gouv.fr/bo/2024/Hebdo43/MENE2421869N")
    assert not is_legal_address("https://www.legifrance-info.fr/")


@pytest.mark.parametrize(
    ("title", "imperative"),
    [
        ("Vérifiez les comptes", True),
        ("Vous devez désigner un RUPN", True),
        ("N'oubliez pas la charte", True),
        ("Faites le point", True),
        ("Vérifier les comptes", False),
        ("Faire le point", False),
        ("Désigner le RUPN", False),
    ],
)
def test_imperative_titles(title, imperative):
    assert imperative_title(title) is imperative


def test_check_warns_on_an_imperative_title(project):
    tasks = (project / "data/national/tasks.yml").read_text(encoding="utf-8")
    write(
        project,
        "data/national/tasks.yml",
        tasks.replace("title: Mettre à jour STSweb", "title: Mettez à jour STSweb"),
    )
    catalog, problems = load_catalog(project, "academie-test")
    assert catalog is not None
    assert [(p.field, p.warning) for p in problems] == [("tasks[mettre-a-jour-stsweb].title", True)]


EDITION = '    edition: 2025-2026\n    school_year: "2025-2026"\n    scope: national\n'


def with_edition(project):
    documents = (project / "data/national/documents.yml").read_text(encoding="utf-8")
    write(
        project,
        "data/national/documents.yml",
        documents.replace("    scope: national\n", EDITION, 1),
    )


def test_an_edition_older_than_the_year_built_warns(project, monkeypatch):
    with_edition(project)
    monkeypatch.delenv("VADEMECUM_SCHOOL_YEAR", raising=False)
    _, same_year = load_catalog(project, "academie-test", dt.date(2025, 11, 1))
    assert same_year == []
    _, later = load_catalog(project, "academie-test", dt.date(2026, 11, 1))
    assert [(p.field, p.warning) for p in later] == [("documents[doc-national].school_year", True)]
    assert "2025-2026" in later[0].message and "2026-2027" in later[0].message


def test_pages_cite_the_edition_and_say_when_it_is_to_review(project):
    with_edition(project)
    catalog, _ = load_catalog(project, "academie-test")
    current = Renderer(catalog, SchoolYear(2025)).task("designer-rupn")
    assert "D'après : " in current and "Document national de test</a>, 2025-2026" in current
    assert "à revoir" not in current
    later = Renderer(catalog, SchoolYear(2026)).task("designer-rupn")
    assert "contenu établi d'après l'édition 2025-2026 ; à revoir pour 2026-2027" in later
    home = Renderer(catalog, SchoolYear(2026)).render(
        "sources.html", documents=cited_documents(catalog)
    )
    assert "Document national de test</a>, 2025-2026" in home and "à revoir pour 2026-2027" in home


def test_a_task_cites_several_sources(project):
    tasks = (project / "data/national/tasks.yml").read_text(encoding="utf-8")
    write(
        project,
        "data/national/tasks.yml",
        tasks.replace(
            "    source: {document: doc-national, section: Délégations}\n",
            "    source: {document: doc-national, section: Délégations}\n"
            "    other_sources: [{document: doc-region, section: Calendrier}]\n",
            1,
        ),
    )
    catalog, problems = load_catalog(project, "academie-test")
    assert problems == []
    html = Renderer(catalog).task("designer-rupn")
    assert "Délégations" in html and "Guide régional de test — Calendrier" in html
    write(
        project,
        "data/national/tasks.yml",
        tasks.replace(
            "    source: {document: doc-national, section: Délégations}\n",
            "    source: {document: doc-national, section: Délégations}\n"
            "    other_sources: [{document: doc-inconnu, section: Calendrier}]\n",
            1,
        ),
    )
    _, problems = load_catalog(project, "academie-test")
    assert [p.field for p in problems] == ["tasks[designer-rupn].other_sources[0].document"]


def test_a_verification_date_needs_who_checked(project):
    _, problems = problems_for(
        project, "https://www.example.gouv.fr/lettre.docx", "    verified_on: 2026-11-24\n"
    )
    assert [(p.field, p.warning) for p in problems] == [
        ("resources[modele-lettre-mission].verified_on", True)
    ]
    assert "verified_by" in problems[0].message
