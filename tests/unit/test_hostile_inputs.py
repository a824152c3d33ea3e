"""Inputs that used to end in a traceback, a forged CI annotation or code run from a guide."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
import yaml

from tests.conftest import make_project, write
from vademecum.checks.problems import Problem
from vademecum.cli import main
from vademecum.guides.sandbox import GuideError, GuideRenderer
from vademecum.site.render.markdown import MarkdownRenderer

CHECK = ["check", "--academy", "academie-test"]


def build(project: Path, site: Path) -> int:
    return main(
        ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("hostile") / "template")


@pytest.fixture
def project(template, tmp_path) -> Path:
    shutil.copytree(template, tmp_path / "p")
    return tmp_path / "p"


# -- annotations and terminal ------------------------------------------------------------
def test_a_value_cannot_forge_an_annotation_or_drive_the_terminal():
    problem = Problem(
        "data/x,y:z.yml", 3, 1, "tasks[0].title", "« a\n::warning file=README.md::faux\x1b[31m%0A »"
    )
    annotation = problem.github_annotation()
    assert "\n" not in annotation and "\r" not in annotation and "\x1b" not in annotation
    assert annotation.startswith("::error file=data/x%2Cy%3Az.yml,line=3,col=1::")
    assert "%250A" in annotation  # a literal %0A in the value stays text
    text = str(problem)
    assert "\n" not in text and "\x1b" not in text and "\\n::warning" in text and "\\x1b" in text


def test_check_github_prints_one_line_per_problem(project, capsys):
    write(
        project,
        "data/national/themes.yml",
        'themes:\n  - id: "bad id\\n::warning file=x::forged"\n    name: X\n',
    )
    assert main(["--root", str(project), *CHECK, "--github"]) == 1
    out = capsys.readouterr().out
    assert out and all(line.startswith(("::error ", "::warning ")) for line in out.splitlines())
    assert not any(line.startswith("::warning file=x") for line in out.splitlines())


# -- files that are not what they seem --------------------------------------------------------
@pytest.mark.parametrize(
    ("make", "where", "words"),
    [
        (
            lambda p: (
                (p / "data/national/glossary.yml").unlink()
                or (p / "data/national/glossary.yml").symlink_to(p / "absent.yml")
            ),
            "data/national/glossary.yml:1:1",
            "lien symbolique cassé",
        ),
        (
            lambda p: (
                (p / "data/national/glossary.yml").unlink()
                or (p / "data/national/glossary.yml").mkdir()
            ),
            "data/national/glossary.yml:1:1",
            "dossier inattendu",
        ),
        (
            lambda p: (p / "data/national/notes.txt").write_text("x"),
            "data/national/notes.txt:1:1",
            "fichier inattendu",
        ),
        (
            lambda p: (p / "content/latin1.md").write_bytes("# Été\n\nDélégué\n".encode("latin-1")),
            "content/latin1.md:1:3",
            "encodage invalide : enregistrez le guide en UTF-8",
        ),
        (
            lambda p: (p / "content/dehors.md").symlink_to("/etc/hostname"),
            "content/dehors.md:1:1",
            "lien symbolique vers un fichier hors de content/",
        ),
        (
            lambda p: (p / "content/syntaxe.md").write_text("# T\n\n{{ tasks(theme= }}\n"),
            "content/syntaxe.md:3:1",
            "erreur de syntaxe des macros",
        ),
    ],
    ids=[
        "dangling-symlink",
        "folder-named-yml",
        "stray-file",
        "latin1-guide",
        "guide-outside",
        "macro-syntax",
    ],
)
def test_odd_files_are_named_in_check_and_build(project, capsys, make, where, words):
    make(project)
    assert main(["--root", str(project), *CHECK]) == 1
    err = capsys.readouterr().err
    assert any(line.startswith(where) and words in line for line in err.splitlines()), err
    site = project / "site"
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err
    assert not site.exists()


def test_missing_academies_folder(project, capsys):
    shutil.rmtree(project / "data/academies")
    assert main(["--root", str(project), "check"]) == 1
    assert "data/academies/ est absent" in capsys.readouterr().err


# -- guides run no code ----------------------------------------------------------------------
SANDBOX = GuideRenderer({"tasks": lambda **kw: "<ul></ul>"}, {"academy": {"name": "Test"}})


# Also run through mkdocs-macros in a build (tests/build/test_guides_macros.py).
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ tasks.__globals__['os'].system('id') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ academy.name.__class__ }}",
    "{{ tasks|attr('__globals__') }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{{ lipsum.__globals__ }}",
    "{{ namespace() }}",
    "{{ config }}",
    "{{ '{0.__class__}'.format(1) }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_escapes_are_refused_with_guide_and_line(source):
    with pytest.raises(GuideError) as caught:
        SANDBOX.render(f"# Titre\n\n{source}\n", "content/guide.md", first_line=4)
    message = str(caught.value)
    assert message.startswith("content/guide.md:6: ")
    assert "macros du projet" in message or "interdits" in message


def test_sandbox_allows_the_macros_and_variables():
    out = SANDBOX.render('{{ tasks(theme="ent") }} {{ academy.name }}', "content/g.md")
    assert out == "<ul></ul> Test"


def test_a_guide_escape_stops_the_build_with_a_french_message(project, capsys):
    write(project, "content/piege.md", "# Piège\n\nTexte.\n\n{{ cycler.__init__.__globals__ }}\n")
    site = project / "site"
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert "content/piege.md:5: l'attribut « __init__ » est interdit" in err
    assert "Traceback" not in err and not site.exists()


def test_a_failed_strict_build_shows_the_warning_itself(project, capsys):
    write(project, "content/lien.md", "# Lien\n\nVoir [la page](absente.md).\n")
    site = project / "site"
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert "lien.md : le lien « absente.md » mène à une page ou un fichier introuvable" in err
    assert "avertissement(s) en mode strict" in err


# -- bounded work ---------------------------------------------------------------------------------
class _Hang(Exception):
    pass


def _with_alarm(seconds: int, function, *args):
    """Run `function`, failing if it has not returned after `seconds` (a hang, not a speed
    measure: linear work takes well under a tenth of it on the slowest machine seen)."""

    def stop(signum, frame):
        raise _Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return function(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("unit", ["[a", "![a", "[a](", "[a](b", "**a ", "*a*", "`a", "- a\n"])
def test_markdown_of_the_longest_field_allowed_is_bounded(unit):
    text = unit * (10_000 // len(unit))
    assert _with_alarm(60, MarkdownRenderer().block, text)


def test_a_megabyte_field_is_one_french_problem(project, capsys):
    path = project / "data/national/tasks.yml"
    data = yaml.safe_load(path.read_text())
    data["tasks"][0]["details"] = "[a" * 500_000
    write(project, "data/national/tasks.yml", yaml.safe_dump(data, allow_unicode=True))
    assert _with_alarm(120, main, ["--root", str(project), *CHECK]) == 1
    err = capsys.readouterr().err
    assert "texte trop long (maximum 10000 caractères)" in err
