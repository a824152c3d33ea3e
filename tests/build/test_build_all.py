"""`vademecum build --all` and `vademecum list`: every académie, a landing page, all or nothing."""

from __future__ import annotations

import json

from tests.build.test_build import digest
from tests.conftest import make_project, write
from vademecum.cli import main


def test_list_json(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    assert main(["--root", str(project), "list", "--json"]) == 0
    sites = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in sites] == ["academie-test", "national"]
    assert sites[0]["region_name"] == "Région de test"


def test_build_all_is_deterministic_with_landing_page(tmp_path):
    project = make_project(tmp_path / "p")
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert main(["--root", str(project), "build", "--all", "--site-dir", str(out)]) == 0
    assert (first / "academie-test" / "calendrier" / "octobre" / "index.html").is_file()
    assert (first / "national" / "calendrier" / "octobre" / "index.html").is_file()
    landing = (first / "index.html").read_text(encoding="utf-8")
    assert landing.index("Région de test") < landing.index("Académie de test")
    assert 'href="academie-test/"' in landing and 'href="national/"' in landing
    assert '<html lang="fr">' in landing
    assert digest(first) == digest(second)


def test_build_all_fails_as_a_whole_naming_the_academy(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    out = tmp_path / "site"
    assert main(["--root", str(project), "build", "--all", "--site-dir", str(out)]) == 0
    before = digest(out)
    write(
        project, "content/academies/academie-test/index.md", '# Accueil\n\n{{ task("absente") }}\n'
    )
    assert main(["--root", str(project), "build", "--all", "--site-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "academie-test : échec de la construction" in err
    assert "national : échec" not in err
    assert digest(out) == before
