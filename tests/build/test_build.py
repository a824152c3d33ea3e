"""Whole sites built into temporary folders from the mini-site data."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import make_project, plain_mkdocs_build, write
from vademecum.cli import main
from vademecum.data.labels import MONTHS as SCHOOL_MONTHS

MONTHS = [p.value for p in SCHOOL_MONTHS]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    # A hand-written page at a generated page's path wins; a guide overridden for one académie.
    write(project, "content/textes.md", "# Textes choisis à la main\n\nRédigé à la main.\n")
    write(
        project,
        "content/academies/academie-test/prise-de-fonction.md",
        '# Prise de fonction dans l\'académie de test\n\n{{ tasks(flag="prise-de-fonction") }}\n',
    )
    write(
        project,
        "data/national/resources.yml",
        (project / "data/national/resources.yml").read_text()
        + '    description: "Piège {{ 7*7 }} {% raw %} <script>alert(1)</script>"\n',
    )
    for academy in ("academie-test", "national"):
        assert (
            main(
                [
                    "--root",
                    str(project),
                    "build",
                    "--academy",
                    academy,
                    "--site-dir",
                    str(project / "site" / academy),
                ]
            )
            == 0
        )
    return project / "site"


def page(site: Path, academy: str, path: str) -> str:
    return (site / academy / path / "index.html").read_text(encoding="utf-8")


def task_ids(html: str) -> list[str]:
    return re.findall(r'<article class="vm-task" id="([^"]+)"', html)


def test_all_generated_pages_exist(built):
    for path in [
        "",
        "calendrier",
        *[f"calendrier/{m}" for m in MONTHS],
        "calendrier/avant-la-rentree",
        "calendrier/toute-l-annee",
        "roles",
        "roles/rupn",
        "roles/referent-cyber",
        "themes",
        "themes/gouvernance",
        "services",
        "services/ent",
        "textes",
        "ressources",
        "glossaire",
        "contacts",
        "prise-de-fonction",
        "ecosysteme",
    ]:
        assert (built / "academie-test" / path / "index.html").is_file(), path


def test_tasks_on_every_month_they_span(built):
    for month in ["novembre", "decembre", "janvier", "fevrier", "mars"]:
        assert "suivre-ent" in task_ids(page(built, "national", f"calendrier/{month}"))
    assert "suivre-ent" not in task_ids(page(built, "national", "calendrier/octobre"))
    assert task_ids(page(built, "national", "calendrier/septembre")) == [
        "designer-rupn",
        "mettre-a-jour-stsweb",
    ]


def test_overlay_result_in_the_academy_site(built):
    html = page(built, "academie-test", "calendrier/septembre")
    assert "avant les vacances de Toussaint" in html
    assert 'data-roles="chef-etablissement rupn referent-cyber"' in html
    assert all(
        "suivre-ent" not in task_ids(page(built, "academie-test", f"calendrier/{m}"))
        for m in MONTHS
    )
    assert "cybermois" in task_ids(page(built, "academie-test", "calendrier/octobre"))
    assert "bilan-ca" in task_ids(page(built, "academie-test", "calendrier/mai"))
    assert "Référent cybersécurité" in page(built, "academie-test", "roles/referent-cyber")
    assert "dpd@ac-test.fr" in page(built, "academie-test", "contacts")
    assert "dpd@ac-test.fr" not in page(built, "national", "contacts")


def test_local_items_are_marked(built):
    html = page(built, "academie-test", "calendrier/octobre")
    assert re.search(r'id="cybermois".*?vm-badge--region', html, re.S)
    assert "Académie de test" in page(built, "academie-test", "")


def test_task_lists_on_role_theme_and_service_pages(built):
    assert "bilan-ca" in task_ids(page(built, "national", "roles/rupn"))
    assert "designer-rupn" in task_ids(page(built, "national", "themes/gouvernance"))
    assert task_ids(page(built, "national", "services/stsweb")) == ["mettre-a-jour-stsweb"]


def test_guides_list_tasks_through_macros(built):
    html = page(built, "national", "prise-de-fonction")
    assert task_ids(html) == ["designer-rupn"]
    assert 'href="../services/stsweb/"' in html
    override = page(built, "academie-test", "prise-de-fonction")
    assert "Prise de fonction dans l'académie de test" in override
    assert "Prise de fonction dans l'académie de test" not in page(
        built, "national", "prise-de-fonction"
    )


def test_scenario_keeps_its_order_and_assessment_grid(built):
    html = page(built, "academie-test", "scenarios/rentree")
    assert task_ids(html) == ["mettre-a-jour-stsweb", "designer-rupn", "cybermois"]
    grid = page(built, "academie-test", "autoevaluation")
    assert grid.index("Émergent") < grid.index("Intermédiaire") < grid.index("Avancé")
    assert not (built / "national" / "autoevaluation").exists()
    assert not (built / "national" / "scenarios").exists()


def test_hand_written_page_wins(built):
    html = page(built, "national", "textes")
    assert "Rédigé à la main." in html and "code-education-l312-9" not in html


def test_data_is_escaped_and_jinja_printed_literally(built):
    html = page(built, "national", "ressources")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "&#123;&#123; 7*7 &#125;&#125;" in html and "49" not in html


def test_abbreviations_on_hand_written_pages(built):
    html = page(built, "national", "ecosysteme")
    assert '<abbr title="Espace numérique de travail">ENT</abbr>' in html


def test_french_site_without_third_party_fonts(built):
    html = page(built, "national", "")
    assert '<html lang="fr"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert (built / "national" / "search" / "search_index.json").is_file()


def test_no_traceback_anywhere(built):
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Macro Rendering Error" not in text, path


def test_internal_links_resolve(built):
    site = built / "academie-test"
    for path in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#:?]+)(?:#[^"]*)?"', path.read_text(encoding="utf-8")):
            if href.startswith(("/", "http")) or href.endswith((".css", ".js", ".xml", ".ico")):
                continue
            target = (path.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (path, href)


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def test_failed_build_leaves_previous_site_intact(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    site = project / "site"
    assert (
        main(["--root", str(project), "build", "--academy", "national", "--site-dir", str(site)])
        == 0
    )
    before = digest(site)
    write(project, "data/national/themes.yml", "themes:\n  - id: x\n    name: [\n")
    assert (
        main(["--root", str(project), "build", "--academy", "national", "--site-dir", str(site)])
        == 1
    )
    err = capsys.readouterr().err
    assert "data/national/themes.yml:" in err and "Rien n'a été remplacé" in err
    assert digest(site) == before
    # A guide calling an unknown id fails the strict build, also without touching the site.
    write(
        project,
        "data/national/themes.yml",
        (make_project(tmp_path / "q") / "data/national/themes.yml").read_text(),
    )
    write(project, "content/ecosysteme.md", '# É\n\n{{ role("inexistant") }}\n')
    assert (
        main(["--root", str(project), "build", "--academy", "national", "--site-dir", str(site)])
        == 1
    )
    assert "échec de la construction" in capsys.readouterr().err
    assert digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []


def test_plain_mkdocs_build_with_environment_variable(tmp_path):
    project = make_project(tmp_path / "p")
    result = plain_mkdocs_build(project, tmp_path / "out", VADEMECUM_ACADEMY="academie-test")
    assert result.returncode == 0, result.stderr
    assert "cybermois" in (tmp_path / "out" / "calendrier" / "octobre" / "index.html").read_text()


def test_plain_mkdocs_build_reports_data_problems_in_french(tmp_path):
    project = make_project(tmp_path / "p")
    write(project, "data/national/tasks.yml", "tasks:\n  - id: a\n    when: no\n")
    result = plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/national/tasks.yml:3:11: tasks[a].when" in result.stderr
    assert "Traceback" not in result.stderr


def test_external_asset_fails_the_strict_build(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    write(project, "content/ecosysteme.md", "# É\n\n![logo](https://cdn.example.org/logo.png)\n")
    site = project / "site"
    assert (
        main(["--root", str(project), "build", "--academy", "national", "--site-dir", str(site)])
        == 1
    )
    assert not site.exists()


def test_every_page_links_to_the_file_to_edit(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    monkeypatch.setenv(
        "VADEMECUM_EDIT_URL", "https://forge.example.org/drane/vademecum/-/edit/main"
    )
    site = tmp_path / "site"
    assert (
        main(
            ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
        )
        == 0
    )
    base = "https://forge.example.org/drane/vademecum/-/edit/main/"
    expected = {
        "": "content/index.md",
        "calendrier/septembre": "data/academies/academie-test/tasks.yml",
        "roles/referent-cyber": "data/academies/academie-test/roles.yml",
        "roles/rupn": "data/national/roles.yml",
        "themes/gouvernance": "data/national/themes.yml",
        "glossaire": "data/national/glossary.yml",
    }
    for path, target in expected.items():
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert f'href="{base}{target}"' in html, path
    for page in site.rglob("index.html"):
        if page.parent.name != "404":
            assert f'href="{base}' in page.read_text(encoding="utf-8"), page


def test_whats_new_lists_changes_since_the_previous_school_year(tmp_path):
    project = make_project(tmp_path / "p")

    def git(*args, date="2026-06-15T12:00:00"):
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        }
        subprocess.run(["git", "-C", str(project), *args], check=True, env=env, capture_output=True)

    documents = project / "data/national/documents.yml"
    edition = '    edition: "{0}"\n    school_year: "{0}"\n    scope: national\n'
    initial = documents.read_text(encoding="utf-8")
    documents.write_text(initial.replace("    scope: national\n", edition.format("2025-2026"), 1))
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "année 2025-2026")
    documents.write_text(initial.replace("    scope: national\n", edition.format("2026-2027"), 1))
    tasks = project / "data/national/tasks.yml"
    text = tasks.read_text()
    text = text.replace(
        "title: Présenter le bilan numérique", "title: Présenter le bilan du numérique"
    )
    start = text.index("  - id: suivre-ent")
    text = text[:start] + text[start:].replace("id: suivre-ent", "id: suivre-frequentation-ent")
    tasks.write_text(text)
    git("commit", "-qam", "année 2026-2027", date="2026-09-10T12:00:00")
    site = tmp_path / "site"
    args = ["--root", str(project), "build", "--academy", "national", "--school-year", "2026-2027"]
    assert main([*args, "--site-dir", str(site)]) == 0
    html = (site / "nouveautes" / "index.html").read_text(encoding="utf-8")
    html = html.split('<h1 id="quoi-de-neuf">', 1)[1]  # the article, not the table of contents
    added = html.split("Tâches ajoutées (1)")[1].split("Tâches modifiées")[0]
    assert 'href="../calendrier/novembre/#suivre-frequentation-ent"' in added
    modified = html.split("Tâches modifiées (1)")[1].split("Tâches retirées")[0]
    assert "bilan-ca" in modified and "intitulé" in modified  # the form editor's word
    assert "Suivre la fréquentation de l" in html.split("Tâches retirées (1)")[1]
    editions = unescape(html.split("Éditions des guides")[1])  # the templates write ' as &#39;
    assert "Document national de test</a>, 2026-2027 — l'an dernier : 2025-2026" in editions
    assert "à revoir" not in editions  # the 2026-2027 edition is the year built
    plain = tmp_path / "plain"
    make_project(plain)
    assert (
        main(
            [
                "--root",
                str(plain),
                "build",
                "--academy",
                "national",
                "--site-dir",
                str(tmp_path / "s2"),
            ]
        )
        == 0
    )
    assert "historique des données n'est pas disponible" in (
        tmp_path / "s2" / "nouveautes" / "index.html"
    ).read_text(encoding="utf-8")


def test_pages_show_when_their_information_was_verified(built):
    line = (
        "Dernière vérification des textes, ressources et contacts de cette page : 24 novembre 2026"
    )
    for path in ("ressources", "contacts", "calendrier/septembre", "themes/gouvernance"):
        assert line in page(built, "academie-test", path), path
    assert "Dernière vérification" not in page(built, "academie-test", "calendrier/octobre")


def test_task_bodies_are_indexed_once_on_their_month_pages(built):
    index = json.loads((built / "academie-test" / "search" / "search_index.json").read_text())
    holding = {
        d["location"].split("#")[0]
        for d in index["docs"]
        if "Choisir un ou plusieurs ensei" in d["text"]
    }
    assert holding == {"calendrier/septembre/"}
    assert not any(d["location"].startswith("livret/") for d in index["docs"])


def test_data_is_loaded_once_per_build(tmp_path, monkeypatch):
    import vademecum.site.sites

    project = make_project(tmp_path / "p")
    calls = []
    original = vademecum.site.sites.load_catalog
    monkeypatch.setattr(
        vademecum.site.sites, "load_catalog", lambda *a, **k: calls.append(a) or original(*a, **k)
    )
    args = ["--root", str(project), "build", "--academy", "academie-test"]
    assert main([*args, "--site-dir", str(tmp_path / "site")]) == 0
    assert len(calls) == 1
