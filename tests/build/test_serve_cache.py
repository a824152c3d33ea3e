"""`mkdocs serve` keeps the loaded site between rebuilds only while none of its sources changed."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import make_project


def _build(config) -> str:
    build(config, serve_url="http://127.0.0.1:8000/")  # as serve does, same plugin instances
    return (Path(config.site_dir) / "calendrier" / "index.html").read_text(encoding="utf-8")


def test_an_edited_prose_file_is_seen_by_the_next_rebuild(tmp_path):
    project = make_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["vademecum"].config["academy"] = "academie-test"
    config.plugins.on_startup(command="serve", dirty=False)
    assert "Une tâche qui s'étend" in _build(config)
    loaded = config.plugins["vademecum"].site

    prose = project / "content" / "_textes" / "calendrier.md"
    text = prose.read_text(encoding="utf-8")
    prose.write_text(text.replace("Une tâche qui s'étend", "Une mission qui s'étend"), "utf-8")
    stat = prose.stat()  # a different time even on a coarse clock
    os.utime(prose, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    page = _build(config)
    assert "Une mission qui s'étend" in page and "Une tâche qui s'étend" not in page
    assert config.plugins["vademecum"].site is not loaded


def test_an_unchanged_project_keeps_the_loaded_site(tmp_path):
    project = make_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["vademecum"].config["academy"] = "academie-test"
    config.plugins.on_startup(command="serve", dirty=False)
    _build(config)
    loaded = config.plugins["vademecum"].site
    _build(config)
    assert config.plugins["vademecum"].site is loaded
