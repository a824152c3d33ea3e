"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA) on every page type, in French."""

from __future__ import annotations

import json
import os

import pytest

from tests.browser.conftest import Watched
from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ALLOWED = json.loads((REPO / "tests/browser/axe_allowed.json").read_text(encoding="utf-8"))[
    "allowed"
]
PAGE_TYPES = [
    "",
    "prise-de-fonction/",
    "ecosysteme/",
    "calendrier/",
    "calendrier/septembre/",
    "roles/",
    "roles/rupn/",
    "themes/",
    "themes/gouvernance/",
    "services/",
    "services/ent/",
    "textes/",
    "ressources/",
    "glossaire/",
    "contacts/",
    "suivi/",
    "bilan/",
    "livret/",
    "scenarios/rentree/",
    "autoevaluation/",
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core est introuvable : `make test` l'installe (npm ci).")
        pytest.skip("axe-core absent (installé par `make test`)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, but the allowed ones."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}) {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["id"] not in ALLOWED
    ]


@pytest.fixture
def audited(browser, server):
    """A page where axe can be injected: the site's own CSP would rightly block it."""
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    watched = Watched(context.new_page(), server)
    yield watched
    assert watched.errors == [], watched.errors
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_wcag_a_aa_violations(audited, axe_source, path):
    page = audited.goto(f"academie-test/{path}")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize(
    ("day", "path"),
    [
        ("2026-08-27", "versailles/"),  # « Maintenant »: the preparation block, folded lists
        ("2026-09-03", "versailles/calendrier/septembre/"),  # the filter bar with territories
    ],
)
def test_working_view_of_a_real_site_has_no_violations(browser, real_server, axe_source, day, path):
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    context.clock.set_fixed_time(f"{day}T09:00:00")
    try:
        watched = Watched(context.new_page(), real_server)
        page = watched.goto(path)
        page.locator(".vm-filter-bar").wait_for()
        assert axe_violations(page, axe_source) == []
        assert watched.errors == [], watched.errors
    finally:
        context.close()


def test_filled_report_and_import_choice_have_no_violations(audited, axe_source):
    """« Mon bilan » with ticks (every table and list shown), « Mon suivi » asking how to import."""
    page = audited.goto("academie-test/suivi/")
    page.evaluate(
        "localStorage.setItem('vademecum:v2:academie-test:2026-2027:done',"
        " JSON.stringify({'designer-rupn': '2026-09-20', 'bilan-ca': 1}))"
    )
    page.locator("#vm-import").set_input_files(
        files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps({
            "format": "vademecum-progress", "version": 2, "academy": "academie-test",
            "schoolYear": page.evaluate("window.vademecum.api.schoolYear()"), "done": ["cybermois"],
        }).encode()}]
    )
    page.get_by_role("button", name="Remplacer").wait_for()
    assert axe_violations(page, axe_source) == []
    page = audited.goto("academie-test/bilan/")
    page.locator("ul.vm-bilan-done").first.wait_for()
    page.get_by_label("Taux de connexion à l'ENT").fill("72 %")
    assert axe_violations(page, axe_source) == []


def test_june_home_with_the_storage_banner_has_no_violations(browser, server, axe_source):
    """On 15 June « Maintenant » holds the coming rentrée's own list; a refused save shows the
    storage banner at the bottom of the viewport."""
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    context.clock.set_fixed_time("2027-06-15T09:00:00")
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('Quota exceeded', 'QuotaExceededError'); };"
    )
    try:
        watched = Watched(context.new_page(), server)
        page = watched.goto("academie-test/")
        page.locator(".vm-now--preparation input[data-year='2027-2028']").first.wait_for()
        page.locator("#vm-storage[role=alert]").wait_for()
        assert page.locator("#vm-storage button").all_inner_texts() == [  # what memory holds
            "Exporter ma progression 2026-2027",
            "Exporter ma progression 2027-2028",
        ]
        assert axe_violations(page, axe_source) == []
        assert watched.errors == [], watched.errors
    finally:
        context.close()
