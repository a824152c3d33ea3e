"""`vademecum build` stops on a guide bomb or a guide error with the same French line as
`check` (guide and line), writes nothing, and shows no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import make_project, write
from tests.unit.test_guide_limits import BOMBS, ERRORS, _within
from vademecum.cli import main


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("guide-build") / "template")


@pytest.fixture
def project(template, tmp_path) -> Path:
    shutil.copytree(template, tmp_path / "p")
    return tmp_path / "p"


def build(project: Path) -> int:
    site = project / "site"
    return main(
        ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
    )


CASES = {
    **{
        name: (BOMBS[name][0], 5, BOMBS[name][1])
        for name in ("nested-loops", "string-repetition", "power")
    },
    **ERRORS,
}


@pytest.mark.parametrize("source, line, words", CASES.values(), ids=CASES.keys())
def test_build_stops_on_a_guide_with_its_path_and_line(project, capsys, source, line, words):
    write(project, "content/piege.md", f"# Piège\n\nTexte.\n\n{source}\n")
    assert _within(120, build, project) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    found = [e for e in err.splitlines() if e.strip().startswith(f"content/piege.md:{line}:")]
    assert found and words in found[0], err
    assert not (project / "site").exists()
