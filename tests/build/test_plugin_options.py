"""The plugin is a good MkDocs citizen: typed options whose errors name them, warnings logged
through MkDocs (so `--strict` counts them)."""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.conftest import make_project
from vademecum.cli import main


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("options") / "project")


@pytest.mark.parametrize(
    ("variable", "value", "option", "said"),
    [
        ("VADEMECUM_CMS_BACKEND", "gitea", "cms_backend", "'github', 'gitlab'"),
        ("VADEMECUM_CMS_REPO", "pas un dépôt", "cms_repo", "« propriétaire/dépôt » attendu"),
        ("VADEMECUM_CMS_BRANCH", "main; rm", "cms_branch", "nom de branche invalide"),
        ("VADEMECUM_CMS_API_ROOT", "http://forge.example", "cms_api_root", "https://"),
        ("VADEMECUM_CMS_BASE_URL", 'https://x"y', "cms_base_url", "https://"),
        ("VADEMECUM_CMS_APP_ID", "a b", "cms_app_id", "identifiant d'application"),
    ],
)
def test_a_wrong_cms_option_is_refused_naming_the_option(
    project, monkeypatch, caplog, variable, value, option, said
):
    monkeypatch.setenv(variable, value)
    with pytest.raises(Abort):
        load_config(str(project / "mkdocs.yml"))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(f"option '{option}'" in line and said in line for line in errors), errors


def test_empty_cms_variables_mean_not_set(project, monkeypatch):
    for name in ("BACKEND", "REPO", "BRANCH", "API_ROOT", "BASE_URL", "APP_ID"):
        monkeypatch.setenv(f"VADEMECUM_CMS_{name}", "")
    config = load_config(str(project / "mkdocs.yml"))
    options = config.plugins["vademecum"].config
    assert options.cms_backend is None and options.cms_base_url is None


def test_the_build_command_says_which_option_is_wrong(project, monkeypatch, capsys):
    monkeypatch.setenv("VADEMECUM_CMS_API_ROOT", "http://forge.example")
    args = ["--root", str(project), "build", "--academy", "academie-test"]
    assert main([*args, "--site-dir", str(project.parent / "site")]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml : option cms_api_root du plugin « vademecum » : " in err


def _build(project, tmp_path, strict: bool) -> None:
    config = load_config(
        str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=strict
    )
    options = config.plugins["vademecum"].config
    options["academy"] = "academie-test"
    # Not through the variable: MkDocs itself stops on an unreadable SOURCE_DATE_EPOCH.
    options["source_date_epoch"] = "demain"
    build(config)


def test_strict_mode_counts_the_plugins_warnings(project, tmp_path, caplog):
    _build(project, tmp_path, strict=False)
    warned = [r for r in caplog.records if r.name == "mkdocs.plugins.vademecum"]
    assert [r.levelno for r in warned] == [logging.WARNING]
    assert "source_date_epoch" in warned[0].getMessage()
    with pytest.raises(Abort, match="1 warnings in strict mode"):
        _build(project, tmp_path, strict=True)
