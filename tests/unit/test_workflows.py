"""CI of the forges: every command the workflows run exists, and an editor's broken file is
annotated on the right file and line."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, make_project
from vademecum.cli import build_parser, main

PULL_REQUEST = REPO / ".github/workflows/pull-request.yml"
DEPLOY = REPO / ".github/workflows/deploy.yml"
GITLAB = REPO / ".gitlab-ci.yml"
OFFICIAL_ACTIONS = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
}
VENV_TOOLS = {"vademecum", "python", "pytest", "ruff", "mkdocs"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in value}


def github_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def github_commands(workflow: dict) -> list[str]:
    return [step["run"] for step in github_steps(workflow) if "run" in step]


def gitlab_commands(pipeline: dict) -> list[str]:
    out = []
    for job in pipeline.values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                out += job.get(key, [])
    return out


def simple_commands(script: str) -> list[list[str]]:
    """Each simple command of a shell script, as words, without leading VAR=value words."""
    commands = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in re.split(r"&&|\|\||;|\|", line):
            words = shlex.split(part, comments=True)
            while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
                words.pop(0)
            if words and words[0] == "sudo":
                words.pop(0)
            if words and words[0] not in (">", "2>"):
                commands.append([w for w in words if not w.startswith((">", "2>"))])
    return commands


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, flags=re.MULTILINE))


ALL_SCRIPTS = [
    *[(PULL_REQUEST.name, run) for run in github_commands(load(PULL_REQUEST))],
    *[(DEPLOY.name, run) for run in github_commands(load(DEPLOY))],
    *[(GITLAB.name, run) for run in gitlab_commands(load(GITLAB))],
]


@pytest.mark.parametrize(("where", "script"), ALL_SCRIPTS)
def test_every_command_names_something_that_exists(where, script):
    targets = makefile_targets()
    for words in simple_commands(script):
        program = words[0]
        if program == "make":
            named = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
            assert named, f"{where}: « make » sans cible"
            assert set(named) <= targets, f"{where}: cible inconnue dans {words}"
        elif program.startswith(".venv/bin/"):
            tool = program.removeprefix(".venv/bin/")
            assert tool in VENV_TOOLS, f"{where}: {program} n'est pas installé par make setup"
        if Path(program).name == "vademecum":
            try:
                build_parser().parse_args(words[1:])
            except SystemExit:
                pytest.fail(f"{where}: commande vademecum invalide : {' '.join(words)}")


def test_parser_rejects_what_the_previous_test_must_catch():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["chek", "--github"])
    assert "test" in makefile_targets() and "setup" in makefile_targets()
    assert "STAMP" not in " ".join(makefile_targets())


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY])
def test_only_official_actions(path):
    for step in github_steps(load(path)):
        assert "uses" in step or "run" in step
        if "uses" in step:
            assert step["uses"] in OFFICIAL_ACTIONS, step["uses"]
        assert step.get("name") or step.get("id"), f"étape sans nom : {step}"


def test_pull_request_workflow_annotates_then_tests_then_builds():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in triggers(workflow)
    steps = github_steps(workflow)
    uses = [s.get("uses") for s in steps]
    assert "actions/checkout@v4" in uses
    python = next(s for s in steps if s.get("uses") == "actions/setup-python@v5")
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [s.get("run", "") for s in steps]
    setup = runs.index("make setup")
    check = runs.index(".venv/bin/vademecum check --github")
    test = runs.index("make test")
    build = runs.index(".venv/bin/vademecum build --all --site-dir site")
    assert setup < check < test < build


def test_deploy_workflow_builds_all_and_publishes_pages():
    workflow = load(DEPLOY)
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = github_steps(workflow)
    build = next(s for s in steps if "--all" in s.get("run", ""))
    assert build["run"] == ".venv/bin/vademecum build --all --site-dir site"
    assert build["env"]["VADEMECUM_SITE_URL"] == (
        "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
    )
    assert build["env"]["VADEMECUM_EDIT_URL"].endswith("/edit/${{ github.ref_name }}/")
    upload = next(s for s in steps if s.get("uses") == "actions/upload-pages-artifact@v3")
    assert upload["with"]["path"] == "site"
    deploy_job = next(j for j in workflow["jobs"].values() if "needs" in j)
    assert deploy_job["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy_job["steps"]] == ["actions/deploy-pages@v4"]


def test_gitlab_pipeline_checks_tests_and_publishes_public():
    pipeline = load(GITLAB)
    assert pipeline["stages"] == ["check", "test", "pages"]
    assert ".venv/bin/vademecum check" in pipeline["check"]["script"]
    assert "make test" in pipeline["test"]["script"]
    pages = pipeline["pages"]
    assert pages["stage"] == "pages" and pages["artifacts"]["paths"] == ["public"]
    assert any("build --all --site-dir public" in line for line in pages["script"])
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("kind", "needle", "replacement", "column"),
    [
        # A typo in a field name: the annotation points at the misspelt field.
        ("field", "    title: Désigner", "    titel: Désigner", 5),
        # A YAML 1.1 trap: `level: no` would be read as false.
        ("trap", "    when: [septembre]", "    when: [septembre]\n    level: no", 12),
        # An unclosed quote: the YAML parser stops; the line is where it noticed.
        ("syntax", "    title: Désigner", '    title: "Désigner', None),
    ],
)
def test_pull_request_with_a_broken_file_is_annotated(
    tmp_path, capsys, kind, needle, replacement, column
):
    project = make_project(tmp_path / "project")
    path = project / "data/national/tasks.yml"
    text = path.read_text(encoding="utf-8")
    assert needle in text
    broken = text.replace(needle, replacement, 1)
    path.write_text(broken, encoding="utf-8")
    assert main(["--root", str(project), "check", "--github"]) == 1
    captured = capsys.readouterr()
    annotations = [line for line in captured.out.splitlines() if line.startswith("::error ")]
    assert annotations, captured
    pattern = r"^::error file=([^,]+),line=(\d+),col=(\d+)::(.+)$"
    assert all(re.match(pattern, line) for line in annotations), annotations
    own = [line for line in annotations if line.startswith("::error file=data/national/tasks.yml,")]
    assert own, annotations
    file, line, col, message = re.match(pattern, own[0]).groups()
    if kind != "syntax":  # an invalid task is not reported again where others name it
        assert len(annotations) == len(own), annotations
    if kind == "syntax":
        assert "syntaxe YAML invalide" in message
        assert int(line) >= line_of(broken, replacement.strip())
    else:
        expected_line = line_of(broken, "titel" if kind == "field" else "level: no")
        words = "champ inconnu" if kind == "field" else "booléen"
        prefix = f"::error file={file},line={expected_line},col={column}::"
        assert any(a.startswith(prefix) and words in a for a in own), own
    # The same problem is printed for people too, as file:line:col: field: message.
    assert f"{file}:{line}:{col}: " in captured.err
