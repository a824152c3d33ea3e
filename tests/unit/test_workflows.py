"""CI of the forges: every command the workflows run exists, an editor's broken file is
annotated on the right file and line, the workflows give nothing away (pinned actions, least
permissions, no persisted credentials, zizmor clean) and every pull/merge request publishes a
preview of the built sites."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, make_project
from vademecum.cli import build_parser, main

PULL_REQUEST = REPO / ".github/workflows/pull-request.yml"
DEPLOY = REPO / ".github/workflows/deploy.yml"
GITLAB = REPO / ".gitlab-ci.yml"
WORKFLOWS = [PULL_REQUEST, DEPLOY]
OFFICIAL_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-artifact",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}
# `uses: owner/name@<40-hex commit> # vX.Y.Z`: the commit of a release tag, and its version.
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40})"
    r"\s+#\s+(?P<version>v\d+\.\d+\.\d+)\s*$"
)
PAGES_ONLY = {"pages", "id-token"}
VENV_TOOLS = {"vademecum", "python", "pytest", "ruff", "mkdocs", "zizmor"}
PREVIEW_ARTIFACT = "apercu-des-sites"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in value}


def github_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def action(step: dict) -> str | None:
    """`owner/name` of the step's action, without its ref."""
    return step["uses"].split("@", 1)[0] if "uses" in step else None


def step_using(steps: list[dict], name: str) -> dict:
    return next(s for s in steps if action(s) == name)


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


@pytest.mark.parametrize("path", WORKFLOWS)
def test_only_official_actions(path):
    for step in github_steps(load(path)):
        assert "uses" in step or "run" in step
        if "uses" in step:
            assert action(step) in OFFICIAL_ACTIONS, step["uses"]
        assert step.get("name") or step.get("id"), f"étape sans nom : {step}"


@pytest.mark.parametrize("path", WORKFLOWS)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    uses = [s["uses"] for s in github_steps(load(path)) if "uses" in s]
    assert len(lines) == len(uses) > 0
    for line in lines:
        assert PINNED_USES.match(line), f"{path.name}: action non épinglée : {line.strip()}"


def test_one_action_one_pin_across_workflows():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if found := PINNED_USES.match(line):
                pins.setdefault(found["action"], set()).add((found["commit"], found["version"]))
    assert pins.keys() == OFFICIAL_ACTIONS
    assert all(len(versions) == 1 for versions in pins.values()), pins


def test_pin_pattern_rejects_what_it_must():
    good = "      - uses: actions/checkout@" + "a" * 40 + " # v7.0.1"
    assert PINNED_USES.match(good)
    for bad in [
        "        uses: actions/checkout@v4",
        "        uses: actions/checkout@" + "a" * 40,  # no version comment
        "        uses: actions/checkout@" + "a" * 39 + " # v7.0.1",  # short hash
        "        uses: actions/checkout@" + "A" * 40 + " # v7.0.1",
        "        uses: actions/checkout@" + "a" * 40 + " # v7",  # a moving major tag
    ]:
        assert not PINNED_USES.match(bad), bad


@pytest.mark.parametrize("path", WORKFLOWS)
def test_each_job_gets_only_the_permissions_it_needs(path):
    workflow = load(path)
    assert workflow["permissions"] == {}, "permissions: {} au niveau du flux"
    from_pull_request = bool({"pull_request", "pull_request_target"} & set(triggers(workflow)))
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        assert isinstance(granted, dict), f"{name}: permissions non déclarées"
        actions = {action(s) for s in job.get("steps", [])}
        builds = any("vademecum build" in s.get("run", "") for s in job.get("steps", []))
        if "actions/deploy-pages" in actions:
            assert granted == {"pages": "write", "id-token": "write"}, name
            assert not builds and all("run" not in s for s in job["steps"]), name
        else:
            assert not PAGES_ONLY & granted.keys(), f"{name}: {granted}"
            assert set(granted.values()) <= {"read"}, f"{name}: {granted}"
        if from_pull_request:
            assert "write" not in granted.values(), f"{name}: {granted}"


@pytest.mark.parametrize("path", WORKFLOWS)
def test_checkout_keeps_no_credentials(path):
    checkouts = [s for s in github_steps(load(path)) if action(s) == "actions/checkout"]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False, step


def test_zizmor_runs_in_make_test_and_reports_nothing_above_low():
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/zizmor --offline --min-severity medium" in recipe
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor, "zizmor absent : make setup l'installe (extras test)"
    ours = subprocess.run(
        [zizmor, "--offline", "--min-severity", "medium", "--no-progress", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert ours.returncode == 0, ours.stdout + ours.stderr


def test_zizmor_catches_what_we_removed(tmp_path):
    """The same command fails on the deploy workflow as it was before: actions on moving tags,
    Pages permissions for every job (zizmor does not flag the credentials that checkout v6+
    keeps outside .git/config: test_checkout_keeps_no_credentials does)."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor
    text = DEPLOY.read_text(encoding="utf-8")
    text = re.sub(r"@[0-9a-f]{40} # (v\d+)\.\d+\.\d+", r"@\1", text)
    text = re.sub(r"\n    permissions:\n(      .*\n)+", "\n", text)
    text = text.replace("\n          persist-credentials: false", "")
    text = text.replace(
        "permissions: {}", "permissions:\n  contents: read\n  pages: write\n  id-token: write"
    )
    assert "@v7\n" in text and "persist-credentials" not in text
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "deploy.yml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [zizmor, "--offline", "--min-severity", "medium", "--no-progress", str(workflows)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    for audit in ["unpinned-uses", "excessive-permissions"]:
        assert f"[{audit}]" in result.stdout, result.stdout


def test_pull_request_workflow_annotates_then_tests_then_builds():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in triggers(workflow)
    steps = github_steps(workflow)
    assert step_using(steps, "actions/checkout")
    python = step_using(steps, "actions/setup-python")
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
    steps = github_steps(workflow)
    build = next(s for s in steps if "--all" in s.get("run", ""))
    assert build["run"] == ".venv/bin/vademecum build --all --site-dir site"
    assert build["env"]["VADEMECUM_SITE_URL"] == (
        "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
    )
    assert build["env"]["VADEMECUM_EDIT_URL"].endswith("/edit/${{ github.ref_name }}/")
    upload = step_using(steps, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy_job = next(j for j in workflow["jobs"].values() if "needs" in j)
    assert deploy_job["environment"]["name"] == "github-pages"
    assert [action(s) for s in deploy_job["steps"]] == ["actions/deploy-pages"]


def test_pull_request_publishes_the_built_sites_as_a_preview():
    workflow = load(PULL_REQUEST)
    steps = github_steps(workflow)
    runs = [s.get("run", "") for s in steps]
    build = runs.index(".venv/bin/vademecum build --all --site-dir site")
    upload = step_using(steps, "actions/upload-artifact")
    assert steps.index(upload) > build
    assert upload["with"]["path"].rstrip("/") == "site"
    assert upload["with"]["if-no-files-found"] == "error"
    assert upload["with"]["name"] == PREVIEW_ARTIFACT
    # The run's summary links to the archive (through env: never ${{ }} inside a script).
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert summary["env"]["APERCU_URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"
    assert "${{" not in summary["run"]
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert PREVIEW_ARTIFACT in guide


def test_merge_request_exposes_the_built_sites():
    pipeline = load(GITLAB)
    assert "site/" in pipeline["test"]["artifacts"]["paths"]
    preview = pipeline["apercu"]
    assert preview["needs"] == [{"job": "test", "artifacts": True}]
    assert preview["rules"] == [{"if": "$CI_COMMIT_REF_NAME != $CI_DEFAULT_BRANCH"}]
    artifacts = preview["artifacts"]
    # expose_as needs a directory path ending in « / » and an ASCII name (GitLab's own rule).
    assert artifacts["paths"] == ["site/"]
    assert re.fullmatch(r"[A-Za-z0-9_][-A-Za-z0-9_ ]*", artifacts["expose_as"])
    env_file = artifacts["reports"]["dotenv"]
    assert preview["environment"]["url"] == "$APERCU_URL"
    assert preview["environment"]["name"].startswith("apercu/")
    written = next(line for line in preview["script"] if f"> {env_file}" in line)
    assert "APERCU_URL=https://" in written
    assert "/-/jobs/${CI_JOB_ID}/artifacts/site/index.html" in written
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert artifacts["expose_as"] in guide


def test_gitlab_image_is_pinned_by_digest():
    image = load(GITLAB)["default"]["image"]
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm@sha256:[0-9a-f]{64}", image), image
    for name, job in load(GITLAB).items():
        if isinstance(job, dict) and "image" in job and name != "default":
            pytest.fail(f"{name}: image propre non épinglée")


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
        words = "champ inconnu" if kind == "field" else "vrai/faux"
        prefix = f"::error file={file},line={expected_line},col={column}::"
        assert any(a.startswith(prefix) and words in a for a in own), own
    # The same problem is printed for people too, as file:line:col: field: message.
    assert f"{file}:{line}:{col}: " in captured.err


def test_dependabot_keeps_the_action_pins_current():
    config = load(REPO / ".github/dependabot.yml")
    actions = [u for u in config["updates"] if u["package-ecosystem"] == "github-actions"]
    assert len(actions) == 1 and actions[0]["directory"] == "/"
    assert actions[0]["cooldown"]["default-days"] >= 7
