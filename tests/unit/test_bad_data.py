"""Hostile data corpus (tests/bad_data/*.case): a precise French message, no traceback, and the
previous site left byte for byte as it was.

A case file holds `# target: <path in the project>`, `# expect: <file:line:col: field> | <words>`,
then `---8<---` and the bytes to write at the target.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.build.test_build import digest
from tests.conftest import REPO, make_project
from vademecum.cli import main
from vademecum.data.cascade import load_catalog

CASES = sorted((REPO / "tests" / "bad_data").glob("*.case"))
SEPARATOR = b"---8<---\n"


def read_case(path: Path) -> tuple[str, str, str, bytes]:
    header, content = path.read_bytes().split(SEPARATOR, 1)
    fields = dict(
        line[2:].split(": ", 1)
        for line in header.decode("utf-8").splitlines()
        if line.startswith("# ")
    )
    location, words = (part.strip() for part in fields["expect"].split(" | ", 1))
    return fields["target"], location, words, content


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("bad") / "template")
    args = ["--root", str(project), "build", "--academy", "academie-test"]
    assert main([*args, "--site-dir", str(project / "site")]) == 0
    return project


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input_is_named_and_nothing_is_lost(case, built_project, tmp_path, capsys):
    target, location, words, content = read_case(case)
    project = tmp_path / "p"
    shutil.copytree(built_project, project)
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    (project / target).write_bytes(content)
    before = digest(project / "site")

    assert main(["--root", str(project), "check", "--academy", "academie-test"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(location + ":")]
    assert lines, f"expected « {location} » in:\n{err}"
    assert any(words in line for line in lines), f"expected « {words} » in:\n{err}"
    assert "Traceback" not in err

    site = project / "site"
    assert (
        main(
            ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert location in err and "Traceback" not in err
    assert digest(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_ten_megabyte_file(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    (project / "data/national/glossary.yml").write_text("glossary:\n" + "#" * 10_000_000 + "\n")
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "data/national/glossary.yml:1:1: (fichier): fichier trop volumineux" in err


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["no", "yes", "01000", "10:30", "2025-01-08", "<script>", "{{ x }}", "~", ""]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "title", "when", "who", "themes", "source", "x"])
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=TREES, raw=st.text(max_size=200))
def test_random_yaml_never_raises(tmp_path_factory, tree, raw):
    project = make_project(tmp_path_factory.mktemp("fuzz") / "p")
    (project / "data/national/tasks.yml").write_text(
        yaml.safe_dump({"tasks": [tree]}), encoding="utf-8"
    )
    (project / "data/academies/academie-test/themes.yml").write_text(raw, encoding="utf-8")
    catalog, problems = load_catalog(project, "academie-test")
    assert (catalog is None) == bool(problems)
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)
