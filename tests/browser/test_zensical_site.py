"""The same site built by Zensical (`vademecum build --generator zensical`): the checklists,
filters, print, search, privacy and accessibility a principal relies on, on one académie."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.browser.conftest import Watched, serve
from tests.browser.test_accessibility import AXE, axe_violations
from tests.browser.test_print import flat, pdf_text, print_pdf, sheet_count
from tests.conftest import free_port, make_project
from vademecum.cli import main

pytest.importorskip("zensical", reason="Zensical absent : pip install '.[zensical]' (make test)")

ACADEMY = "academie-test"
SEPTEMBER = f"{ACADEMY}/calendrier/septembre/"


@pytest.fixture(scope="module")
def zensical_server(tmp_path_factory, browser):
    project = make_project(tmp_path_factory.mktemp("zensical-site") / "project")
    site = project.parent / "site"
    port = free_port()
    previous = os.environ.get("VADEMECUM_SITE_URL")
    os.environ["VADEMECUM_SITE_URL"] = f"http://127.0.0.1:{port}/"
    try:
        code = main(
            [
                "--root",
                str(project),
                "build",
                "--generator",
                "zensical",
                "--all",
                "--site-dir",
                str(site),
            ]
        )
    finally:
        if previous is None:
            del os.environ["VADEMECUM_SITE_URL"]
        else:
            os.environ["VADEMECUM_SITE_URL"] = previous
    assert code == 0
    yield from serve(site, port)


@pytest.fixture
def zwatched(context, zensical_server):
    page = Watched(context.new_page(), zensical_server)
    yield page
    assert page.errors == [], page.errors  # console errors, CSP refusals included
    third_party = [u for u in page.requests if not u.startswith(zensical_server)]
    assert third_party == [], third_party


def test_ticks_persist_across_reload_and_pages(zwatched):
    page = zwatched.goto(SEPTEMBER)
    page.locator("#vm-done-designer-rupn").check()
    raw = page.evaluate("k => localStorage.getItem(k)", f"vademecum:v2:{ACADEMY}:2026-2027:done")
    assert json.loads(raw) == {"designer-rupn": "2026-10-15"}
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#vm-done-designer-rupn").is_checked()
    page = zwatched.goto(f"{ACADEMY}/suivi/")
    page = zwatched.goto(SEPTEMBER)
    assert page.locator("#vm-done-designer-rupn").is_checked()
    assert page.locator(".vm-progress").inner_text() == "2 tâche(s) sur cette page ; 1 faite(s)"


def test_filters_count_right(zwatched):
    page = zwatched.goto(SEPTEMBER)
    page.locator("form.vm-filter-bar").get_by_label("Mon rôle").select_option(
        label="Référent cybersécurité"
    )
    assert page.locator("article#designer-rupn").is_visible()
    assert page.locator("article#mettre-a-jour-stsweb").is_hidden()
    assert page.locator(".vm-progress").inner_text() == "1 tâche(s) affichée(s) sur 2 ; 0 faite(s)"
    page = zwatched.goto(f"{ACADEMY}/calendrier/mai/")  # remembered from page to page
    assert page.get_by_label("Mon rôle").input_value() == "referent-cyber"


def test_list_print_of_a_month_fits_two_sheets_with_every_title(
    zwatched, zensical_server, tmp_path
):
    page = zwatched.goto(SEPTEMBER)
    pdf = print_pdf(page, tmp_path / "liste.pdf")
    text = flat(pdf_text(pdf, ""))
    assert 1 <= sheet_count(pdf) <= 2
    index = json.loads(page.request.get(f"{zensical_server}{ACADEMY}/taches.json").text())
    titles = [t["title"] for t in index["tasks"] if "septembre" in t["when"]]
    assert titles
    for title in titles:
        assert title in text, title
    for chrome in ("Imprimer", "Rechercher", "Table des matières"):
        assert chrome not in text, chrome


def test_print_button_is_styled_as_on_material(zwatched):
    page = zwatched.goto(SEPTEMBER)
    button = page.locator(".vm-print-bar button").first
    assert button.is_visible() and button.is_enabled()
    # Material's indigo, as on the MkDocs build (Zensical's « modern » look greys it out).
    assert button.evaluate("b => getComputedStyle(b).color") == "rgb(64, 81, 181)"
    assert button.evaluate("b => getComputedStyle(b).borderColor") == "rgb(64, 81, 181)"


def zensical_search(page, query: str) -> list[str]:
    """The pages Zensical's search panel lists for `query` (its panel is its own component)."""
    page.locator("button.md-search__button").click()
    box = page.locator("input[aria-controls$='-results']")
    box.fill(query)
    links = page.locator("[id$='-results'] a[href]")
    links.first.wait_for(timeout=10000)
    return [h.split("?")[0] for h in links.evaluate_all("links => links.map(a => a.href)")]


def test_search_finds_a_query_typed_without_accents(zwatched, zensical_server):
    page = zwatched.goto(f"{ACADEMY}/")
    found = zensical_search(page, "educonnect")  # the service is « ÉduConnect »
    assert f"{zensical_server}{ACADEMY}/services/educonnect/" in found, found


def test_search_panel_speaks_french(zwatched):
    page = zwatched.goto(f"{ACADEMY}/")
    zensical_search(page, "educonnect")
    box = page.locator("input[aria-controls$='-results']")
    assert box.get_attribute("aria-label") == "Rechercher"
    assert box.get_attribute("placeholder") == "Rechercher"
    assert page.locator("[id$='-results']").get_attribute("aria-label") == (
        "Résultats de la recherche"
    )
    panel = page.locator("dialog").first.inner_text()
    assert re.search(r"\b\d+ résultats?\b", panel), panel
    assert not re.search(r"\b(results?|Search|Filters)\b", panel), panel
    box.fill("zzzqqq")
    page.locator("dialog").first.get_by_text("Aucun résultat").wait_for()


def test_search_breadcrumbs_are_plain_text(zwatched, zensical_server):
    page = zwatched.goto(f"{ACADEMY}/")
    index = json.loads(page.request.get(f"{zensical_server}{ACADEMY}/search.json").text())
    paths = [" › ".join(item["path"]) for item in index["items"]]
    assert any("L'écosystème" in p for p in paths), sorted(set(paths))
    assert [p for p in paths if "&#" in p or "&amp;" in p] == []
    found = zensical_search(page, "ecosysteme")
    assert f"{zensical_server}{ACADEMY}/ecosysteme/" in found
    shown = page.locator("[id$='-results'] menu").all_inner_texts()
    assert any("L'écosystème" in text for text in shown), shown


@pytest.fixture(scope="module")
def axe_js() -> str:
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core est introuvable : `make test` l'installe (npm ci).")
        pytest.skip("axe-core absent (installé par `make test`)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["", "calendrier/septembre/", "suivi/", "glossaire/"])
def test_axe_finds_no_violation(browser, zensical_server, axe_js, path):
    context = browser.new_context(bypass_csp=True, locale="fr-FR")  # axe is injected inline
    try:
        watched = Watched(context.new_page(), zensical_server)
        page = watched.goto(f"{ACADEMY}/{path}")
        assert axe_violations(page, axe_js) == []
        assert watched.errors == []
    finally:
        context.close()
