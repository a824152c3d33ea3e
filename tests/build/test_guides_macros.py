"""mkdocs-macros-plugin renders the guides, and only ever with the engine's sandbox.

The pages go through MkDocs' own plugin events (vademecum, then mkdocs-macros, then vademecum
again), as in a build: if an upgrade of mkdocs-macros rendered with its own Jinja environment, or
passed its context (`config`, `page`, `plugin`…) to guides, these tests would fail.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_macros.plugin import MacrosPlugin

from tests.conftest import make_project, plain_mkdocs_build, write
from tests.unit.test_hostile_inputs import ESCAPES
from vademecum.guides.host import GuideHost
from vademecum.guides.sandbox import GuideRenderer
from vademecum.site.blocks import expand

# What mkdocs-macros puts in its render context and its own macros: none reaches a guide.
HOST_NAMES = [
    "config",
    "plugin",
    "environment",
    "git",
    "navigation",
    "files",
    "page",
    "extra",
    "macros",
    "filters",
    "filters_builtin",
    "context()",
    "macros_info()",
    "now()",
    "fix_url('x')",
]


@pytest.fixture(scope="module")
def configured(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("macros") / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins["vademecum"].config["academy"] = "academie-test"
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    return project, config


def _render(configured, source: str) -> str:
    """The guide content/guide.md through MkDocs' page_markdown event (all plugins)."""
    project, config = configured
    path = write(project, "content/guide.md", source)
    file = File("guide.md", str(path.parent), config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=Files([file])
    )
    return expand(markdown, config.plugins["vademecum"]._guide_blocks["guide.md"])


def test_mkdocs_macros_renders_with_the_engines_sandbox(configured):
    _, config = configured
    macros = config.plugins["macros"]
    assert isinstance(macros, MacrosPlugin)
    assert type(macros.env) is GuideHost
    assert macros.env is config.plugins["vademecum"].guide_host
    assert type(macros.env.renderer) is GuideRenderer
    assert set(macros.variables) == {"academy"}


def test_a_guide_calls_the_projects_macros_through_mkdocs_macros(configured):
    out = _render(configured, "# Guide\n\n{{ academy_name() }} : {{ academy.id }}\n")
    assert "Académie de test" in out and "academie-test" in out


@pytest.mark.parametrize("source", [*ESCAPES, *(f"{{{{ {name} }}}}" for name in HOST_NAMES)])
def test_every_escape_is_refused_through_mkdocs_macros(configured, caplog, source):
    with (
        caplog.at_level(logging.ERROR, logger="mkdocs.plugins.vademecum"),
        pytest.raises(SystemExit) as stopped,  # mkdocs-macros' on_error_fail
    ):
        _render(configured, f"---\ntitle: Piège\n---\n# Titre\n\n{source}\n")
    assert stopped.value.code == 100
    errors = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.vademecum"]
    assert len(errors) == 1 and errors[0].startswith("content/guide.md:6: ")
    assert "macros du projet" in errors[0] or "interdit" in errors[0]


def test_a_guide_includes_a_file_of_the_includes_folder(configured):
    project, _ = configured
    write(project, "content/_inclus/rappel.md", "Rappel pour l'{{ academy_name() }}.\n")
    out = _render(configured, '# Guide\n\n{% include "rappel.md" %}\n')
    assert "Rappel pour l'Académie de test." in out


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("../index.md", "« ../index.md » n'est pas dans content/_inclus/"),
        ("lien.md", "« lien.md » n'est pas dans content/_inclus/"),
        ("double.md", "content/_inclus/double.md inclut à son tour un fichier"),
    ],
)
def test_includes_outside_the_folder_or_nested_are_refused(configured, caplog, name, said):
    project, _ = configured
    write(project, "content/_inclus/double.md", '{% include "rappel.md" %}\n')
    link = project / "content/_inclus/lien.md"
    if not link.is_symlink():
        link.symlink_to(project / "content/index.md")
    with (
        caplog.at_level(logging.ERROR, logger="mkdocs.plugins.vademecum"),
        pytest.raises(SystemExit),
    ):
        _render(configured, f'# Guide\n\n{{% include "{name}" %}}\n')
    errors = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.vademecum"]
    expected = f"content/guide.md:3: {{% include %}} refusé : {said}"
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert "interdit" in errors[0]


def test_front_matter_render_macros_false_leaves_the_guide_as_written(configured):
    out = _render(configured, "---\nrender_macros: false\n---\n# Exemple\n\n`{{ config }}`\n")
    assert "`{{ config }}`" in out


def test_a_guide_mkdocs_macros_did_not_render_stops_the_build(configured, monkeypatch):
    monkeypatch.setattr(MacrosPlugin, "render", lambda self, markdown, **kw: markdown)
    with pytest.raises(PluginError, match="mkdocs-macros n'a pas rendu ce guide"):
        _render(configured, "# Guide\n\n{{ academy_name() }}\n")


def test_loosened_macros_options_are_refused(tmp_path):
    project = make_project(tmp_path / "project")
    yml = project / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("on_undefined: strict", "on_undefined: keep"),
        encoding="utf-8",
    )
    config = load_config(str(yml))
    with pytest.raises(PluginError, match="on_undefined doit valoir 'strict'"):
        config.plugins.on_config(config)


def test_plain_mkdocs_build_refuses_a_guide_reading_config(tmp_path):
    project = make_project(tmp_path / "project")
    write(project, "content/piege.md", "# Piège\n\n{{ config.site_name }}\n")
    out = tmp_path / "site"
    result = plain_mkdocs_build(project, out, VADEMECUM_ACADEMY="academie-test")
    assert result.returncode == 100, result.stderr
    assert "content/piege.md:3: « config » n'existe pas" in result.stderr
    assert not (out / "piege").exists()


def test_the_macros_package_only_registers(tmp_path):
    text = (Path(__file__).resolve().parents[2] / "macros" / "__init__.py").read_text("utf-8")
    assert "def define_env(env" in text and text.count("\n") < 25


def test_serve_shows_a_guides_error_and_keeps_running(tmp_path, caplog):
    project = make_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins["vademecum"].config["academy"] = "academie-test"
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert config.plugins["macros"].config["on_error_fail"] is False
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.vademecum"):
        out = _render((project, config), "# Guide\n\n{{ config }}\n")
    assert "content/guide.md:3: « config » n'existe pas" in out  # mkdocs-macros' report
    assert any("content/guide.md:3:" in r.getMessage() for r in caplog.records)
