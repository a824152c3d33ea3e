"""`vademecum build --generator zensical`: every académie of the shipped data built by Zensical
from the export, with the same guarantees as the MkDocs build (strict, staged, CSP, search)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project, write
from vademecum.cli import main
from vademecum.output.output_dir import SITE_MARK
from vademecum.site.csp import inline_scripts, script_hash
from vademecum.site.sites import site_list

pytest.importorskip("zensical", reason="Zensical absent : pip install '.[zensical]' (make test)")

pytestmark = pytest.mark.slow
ACADEMIES = [s["id"] for s in site_list(REPO)]
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("zensical") / "project", REPO / "data")
    site = project.parent / "site"
    code = main(
        [
            "--root",
            str(project),
            "build",
            "--generator",
            "zensical",
            "--all",
            "--site-dir",
            str(site),
        ]
    )
    assert code == 0
    return site


def test_every_academy_is_built_with_its_pages_files_and_marker(built):
    assert len(ACADEMIES) >= 5
    assert (built / SITE_MARK).is_file() and (built / "index.html").is_file()
    for academy in ACADEMIES:
        for path in ("index.html", "calendrier/septembre/index.html", "search.json", "taches.json"):
            assert (built / academy / path).is_file(), (academy, path)
        assert (built / academy / "calendrier.ics").is_file()


@pytest.mark.parametrize("academy", ACADEMIES)
def test_every_inline_script_is_allowed_by_the_page_policy(built, academy):
    pages = sorted((built / academy).rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = _CSP.search(text)
        assert found, page
        allowed = html.unescape(found.group(1))
        assert "'unsafe-inline'" not in allowed.split("style-src")[0]
        for body in inline_scripts(text[found.end() :]):  # those after the policy are checked
            assert script_hash(body) in allowed, (page, body[:60])


@pytest.mark.parametrize("academy", ACADEMIES)
def test_search_breadcrumbs_are_plain_text_and_accent_free_words_are_indexed(built, academy):
    index = json.loads((built / academy / "search.json").read_text(encoding="utf-8"))
    paths = {" › ".join(item["path"]) for item in index["items"]}
    assert [p for p in paths if re.search(r"&(?:#\w+|amp|lt|gt|quot);", p)] == []
    assert any("L'écosystème" in p for p in paths)
    educonnect = [i for i in index["items"] if i["location"].startswith("services/educonnect/")]
    assert any(
        "educonnect" in item["text"].lower().replace("éduconnect", "") for item in educonnect
    )
    assert index["config"]["separator"].startswith("(?:[\\s\\-")  # the project's separator


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    args = [
        "--root",
        str(project),
        "build",
        "--generator",
        "zensical",
        "--academy",
        "academie-test",
    ]
    assert main([*args, "--site-dir", str(site)]) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    write(project, "content/prise-de-fonction.md", "# Guide\n\n{{ inconnue() }}\n")
    assert main([*args, "--site-dir", str(site)]) == 1
    assert "Rien n'a été remplacé" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_broken_link_fails_the_strict_build(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    write(project, "content/prise-de-fonction.md", "# Guide\n\n[lien](nulle-part.md)\n")
    args = [
        "--root",
        str(project),
        "build",
        "--generator",
        "zensical",
        "--academy",
        "academie-test",
    ]
    assert main([*args, "--site-dir", str(tmp_path / "site")]) == 1
    assert "nulle-part" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
