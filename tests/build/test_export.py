"""`vademecum export`: one site as Markdown that plain MkDocs and Material build without our code."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, make_project, write
from vademecum.cli import main
from vademecum.data.school_year import chosen_school_year
from vademecum.site.browser_facts import page_facts
from vademecum.site.minify import minify
from vademecum.site.search_text import SEPARATOR
from vademecum.site.sites import SiteData, SiteSettings, load_site
from vademecum_mkdocs.export import _TolerantLoader

ACADEMY = "academie-test"
# `mkdocs build` with the project's packages made unimportable: no hook, plugin or macro of ours.
WITHOUT_OUR_CODE = (
    "import sys\n"
    "sys.modules['vademecum'] = sys.modules['vademecum_mkdocs'] = None\n"
    "sys.modules['macros'] = sys.modules['mkdocs_macros'] = None\n"
    "from mkdocs.__main__ import cli\n"
    "cli()\n"
)


def build_with_plain_mkdocs(export: Path, site: Path) -> subprocess.CompletedProcess:
    """Build an export with MkDocs alone, none of our environment variables set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VADEMECUM_")}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_OUR_CODE, "build", "--strict", "-q", "-d", str(site)],
        cwd=export,
        env=env,
        capture_output=True,
        text=True,
    )


GUIDE = (
    "---\nsearch:\n  boost: 2\n---\n"
    "# Prise de fonction dans l'académie de test\n\n"
    "Bienvenue dans l'{{ academy_name() }}.\n\n"
    '{{ tasks(flag="prise-de-fonction") }}\n'
)


def site_of(project: Path) -> SiteData:
    return load_site(project, SiteSettings(academy=ACADEMY, school_year=chosen_school_year(None)))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("export") / "project")
    write(project, f"content/academies/{ACADEMY}/prise-de-fonction.md", GUIDE)
    out = project.parent / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 0
    return project, out


@pytest.fixture(scope="module")
def built(exported) -> Path:
    _, out = exported
    site = out.parent / "built"
    result = build_with_plain_mkdocs(out, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_config_needs_no_plugin_or_hook_of_ours(exported):
    _, out = exported
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    project = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    assert "hooks" not in config
    assert config["plugins"] == [{"search": {"lang": "fr", "separator": SEPARATOR}}]
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "fr"

    def names(extensions: list) -> list[str]:
        return [e if isinstance(e, str) else next(iter(e)) for e in extensions]

    assert names(config["markdown_extensions"]) == names(project["markdown_extensions"])
    assert config["nav"][0] == {"Accueil": "index.md"}


def test_every_task_is_on_its_month_pages(exported, built):
    project, _ = exported
    site = site_of(project)
    tasks = site.catalog.all("tasks")
    assert len(tasks) >= 4
    for task in tasks:
        for period in task.when:
            page = (built / "calendrier" / period.value / "index.html").read_text(encoding="utf-8")
            assert f'<article class="vm-task" id="{task.id}"' in page, (task.id, period.value)


def test_guides_are_exported_with_their_macros_run(exported, built):
    _, out = exported
    guide = (out / "docs" / "prise-de-fonction.md").read_text(encoding="utf-8")
    assert guide.startswith("---\nsearch:\n  boost: 2\n---\n")  # front matter kept as written
    assert "{{" not in guide and "Bienvenue dans l'Académie de test." in guide
    page = (built / "prise-de-fonction" / "index.html").read_text(encoding="utf-8")
    assert 'class="vm-task" id="designer-rupn"' in page
    assert not any("{{" in p.read_text(encoding="utf-8") for p in (out / "docs").rglob("*.md"))


def test_blocks_are_expanded_and_left_alone_by_markdown(exported, built):
    _, out = exported
    markdown = "".join(p.read_text(encoding="utf-8") for p in (out / "docs").rglob("*.md"))
    assert "vm-block" not in markdown and "vm:block" not in markdown
    pages = [p.read_text(encoding="utf-8") for p in built.rglob("index.html")]
    assert any("vm-badge--academy" in page for page in pages)  # a block opening with a <span>
    for page in pages:
        assert not re.search(r"<abbr[^>]*><abbr", page)  # glossary marked once, not twice
        assert '<p><span class="vm-badge' not in page


def test_files_assets_and_facts_are_exported(exported, built):
    project, out = exported
    site = site_of(project)
    for path, text in site.files.items():
        assert (out / "docs" / path).read_bytes() == text.encode("utf-8"), path
        assert (built / path).is_file(), path
    assert any(path.endswith(".ics") for path in site.files)
    script = REPO / "overrides/assets/javascripts/vademecum.js"
    minified = minify([script], REPO)
    assert minified and (built / "assets/javascripts/vademecum.js").read_bytes() == minified[script]
    assert (built / "assets/stylesheets/vademecum.css").is_file()
    page = (built / "calendrier/septembre/index.html").read_text(encoding="utf-8")
    facts = re.search(r"<meta name=\"vm-facts\" content='([^']*)'>", page)
    assert facts and json.loads(html.unescape(facts.group(1))) == page_facts()
    assert f'<meta name="vm-academy" content="{ACADEMY}">' in page


@pytest.mark.parametrize("where", ["project", "data", "inside-content", "another-project"])
def test_export_refuses_the_project_and_folders_holding_sources(tmp_path, capsys, where):
    project = make_project(tmp_path / "project")
    other = make_project(tmp_path / "other")
    target = {
        "project": project,
        "data": project / "data",
        "inside-content": project / "content" / "export",
        "another-project": other,
    }[where]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(target)]) == 2
    message = capsys.readouterr().err
    assert message.startswith("dossier d'export : ") and str(target) in message
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_export_replaces_a_previous_export(exported, capsys):
    project, out = exported
    (out / "docs" / "stale.md").write_text("# Ancienne page\n", encoding="utf-8")
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 0
    assert not (out / "docs" / "stale.md").exists()
    assert "pages exportées dans" in capsys.readouterr().out


def test_a_failing_guide_macro_exports_nothing(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    write(
        project, "content/ecosysteme.md", '# Écosystème\n\nVoir :\n\n{{ task("tache-inconnue") }}\n'
    )
    out = tmp_path / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 1
    message = capsys.readouterr().err
    assert "content/ecosysteme.md:5" in message and "« tache-inconnue » introuvable" in message
    assert not out.exists() and not list(tmp_path.glob(".export*"))


def test_a_guide_with_render_macros_false_is_exported_as_written(tmp_path):
    project = make_project(tmp_path / "project")
    text = "---\nrender_macros: false\n---\n# Exemple\n\nÉcrire `{{ academy_name() }}`.\n"
    write(project, "content/exemple.md", text)
    out = tmp_path / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 0
    assert (out / "docs" / "exemple.md").read_text(encoding="utf-8") == text


def test_a_guide_include_is_run_and_the_includes_folder_not_exported(tmp_path):
    project = make_project(tmp_path / "project")
    write(project, "content/_inclus/rappel.md", "Rappel pour l'{{ academy_name() }}.\n")
    write(project, "content/exemple.md", '# Exemple\n\n{% include "rappel.md" %}\n')
    out = tmp_path / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 0
    text = (out / "docs" / "exemple.md").read_text(encoding="utf-8")
    assert "Rappel pour l'Académie de test." in text
    assert not (out / "docs" / "_inclus").exists()


def test_words_typed_without_accents_reach_the_index_of_plain_mkdocs(built):
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    page = [d for d in index["docs"] if d["location"] == "services/educonnect/"]
    assert page and "educonnect" in page[0]["text"]  # the service is « ÉduConnect »
    titles = " ".join(d["title"] for d in index["docs"])
    assert "vm-search-variants" not in titles and "educonnect" not in titles


def test_nav_and_page_titles_are_plain_text_in_the_export(exported):
    _, out = exported
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "&#x27;" not in config and "&#39;" not in config
    calendar = (out / "docs/calendrier/index.md").read_text(encoding="utf-8")
    assert calendar.startswith('---\ntitle: "Calendrier de l\'année"\n---\n')


def test_exported_pages_carry_a_policy_allowing_the_theme_scripts_only(built):
    from vademecum.site.csp import inline_scripts, script_hash

    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text)
        assert found, page
        allowed = html.unescape(found.group(1))
        assert allowed.startswith("default-src 'self'; script-src 'self' 'sha256-")
        for body in inline_scripts(text[found.end() :]):
            assert script_hash(body) in allowed, (page, body[:60])


@pytest.mark.parametrize("command", ["export", "build"])
def test_a_missing_zensical_is_named_with_its_install_line(tmp_path, capsys, monkeypatch, command):
    import importlib

    real = importlib.import_module

    def without_zensical(name, *args):
        if name == "zensical":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr("vademecum_mkdocs.export.importlib.import_module", without_zensical)
    project = make_project(tmp_path / "project")
    out = tmp_path / "out"
    target = [str(out)] if command == "export" else ["--site-dir", str(out)]
    args = ["--root", str(project), command, "--generator", "zensical", "--academy", ACADEMY]
    assert main([*args, *target]) == 2
    assert "zensical n'est pas installé : pip install '.[zensical]'" in capsys.readouterr().err
    assert not out.exists()
