"""The exported site, built by plain MkDocs without our code, keeps its checklists working."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import Watched, serve
from tests.build.test_export import build_with_plain_mkdocs
from tests.conftest import free_port, make_project
from vademecum.cli import main

ACADEMY = "academie-test"


@pytest.fixture(scope="module")
def export_server(tmp_path_factory, browser):
    project = make_project(tmp_path_factory.mktemp("export-site") / "project")
    out, site = project.parent / "export", project.parent / "built"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(out)]) == 0
    result = build_with_plain_mkdocs(out, site)
    assert result.returncode == 0, result.stderr
    yield from serve(site, free_port())


def test_ticks_and_this_month_work_in_the_exported_site(context, export_server):
    watched = Watched(context.new_page(), export_server)
    page = watched.goto("calendrier/septembre/")
    page.locator("#vm-done-designer-rupn").check()
    raw = page.evaluate("k => localStorage.getItem(k)", f"vademecum:v2:{ACADEMY}:2026-2027:done")
    assert json.loads(raw) == {"designer-rupn": "2026-10-15"}  # the fixed clock's day
    assert page.locator(".vm-progress").inner_text() == "2 tâche(s) sur cette page ; 1 faite(s)"
    page = watched.goto("")
    month = page.locator('[data-vm-module="accueil"]')
    month.locator("text=À faire en octobre").wait_for()
    assert "Cybermois" in month.locator(".vm-now--month").inner_text()
    assert watched.errors == []


def test_search_finds_a_query_typed_without_accents_in_the_exported_site(context, export_server):
    from tests.browser.test_search_relevance import top_pages

    watched = Watched(context.new_page(), export_server)
    page = watched.goto("")
    page.locator(".md-search__input").click()
    found = [href.split("#")[0].split("?")[0] for href in top_pages(page, "educonnect")]
    assert f"{export_server}services/educonnect/" in found, found  # « ÉduConnect »
    assert watched.errors == []
