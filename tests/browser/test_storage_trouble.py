"""Storage problems are said, never shown as emptiness: a full or unreadable localStorage keeps
the stored ticks and bilan fields, shows a French banner (role="alert", in the viewport) that
offers the export of what is in memory, and nothing is saved over what is stored."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_checklists import ACADEMY, DONE_KEY, SEPTEMBER, box, stored

FIELDS_KEY = DONE_KEY.replace(":done", ":bilan")
TICKS = {"designer-rupn": "2026-09-04", "cybermois": "2026-10-02"}
FIELDS = {"etablissement": "Collège Jean Moulin"}
# Ticks and fields stored first, then the origin's storage filled to its quota, once, before the
# page's scripts run (filler keys are not the site's).
FULL = (
    "if (localStorage.getItem('filler-0') === null) {"
    f" localStorage.setItem({json.dumps(DONE_KEY)}, {json.dumps(json.dumps(TICKS))});"
    f" localStorage.setItem({json.dumps(FIELDS_KEY)}, {json.dumps(json.dumps(FIELDS))});"
    " let size = 1 << 20, i = 0;"
    " while (size >= 1) { try { localStorage.setItem('filler-' + i, 'x'.repeat(size)); i += 1; }"
    " catch { size = Math.floor(size / 2); } } }"
)


def banner(page):
    alert = page.locator("#vm-storage[role=alert]")
    expect(alert).to_be_in_viewport()
    return alert


def downloaded(page, button) -> Path:
    with page.expect_download() as download:
        button.click()
    return Path(download.value.path())


def test_a_full_storage_keeps_the_ticks_says_so_and_saves_nothing_over_them(context, server):
    context.add_init_script(FULL)
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    expect(box(page, "designer-rupn")).to_be_checked()  # stored ticks shown, not emptiness
    alert = banner(page)
    expect(alert).to_contain_text("stockage plein ou désactivé")
    box(page, "mettre-a-jour-stsweb").check()
    expect(page.locator(".vm-progress")).to_have_text("2 tâche(s) sur cette page ; 2 faite(s)")
    assert stored(page) == TICKS  # the failed save left the stored ticks as they were
    page.mouse.wheel(0, 5000)
    banner(page)  # still in the viewport after scrolling
    exported = json.loads(
        downloaded(page, alert.get_by_role("button", name="Exporter ma progression")).read_text()
    )
    assert {d["id"] for d in exported["done"]} == {*TICKS, "mettre-a-jour-stsweb"}  # in memory
    page.goto(server + f"{ACADEMY}/suivi/")
    banner(page)
    exported = json.loads(
        downloaded(page, page.get_by_role("button", name="Exporter (fichier JSON)")).read_text()
    )
    assert {d["id"] for d in exported["done"]} == set(TICKS)
    page.goto(server + f"{ACADEMY}/")
    expect(page.locator('[data-vm="year-progress"]')).to_contain_text("2 tâche(s) faite(s)")
    banner(page)
    assert stored(page) == TICKS and stored(page, FIELDS_KEY) == FIELDS


def test_typing_in_the_bilan_with_a_full_storage_warns_where_one_types(context, server):
    context.add_init_script(FULL)
    page = context.new_page()
    page.set_viewport_size({"width": 1366, "height": 700})
    page.goto(server + f"{ACADEMY}/bilan/")
    page.locator("[data-vm-module=bilan][data-ready]").wait_for()
    expect(page.locator("#vm-bilan-etablissement")).to_have_value(FIELDS["etablissement"])
    expect(page.locator(".vm-bilan-count")).to_contain_text("2 tâches faites")
    notes = page.locator("#vm-bilan-observations")
    notes.scroll_into_view_if_needed()
    notes.type("Parc renouvelé")
    warning = page.locator(".vm-bilan-form [role=alert]")
    expect(warning).to_be_in_viewport()
    expect(warning).to_contain_text("n'est pas enregistré")
    expect(notes).to_have_value("Parc renouvelé")
    assert stored(page, FIELDS_KEY) == FIELDS
    markdown = downloaded(
        page, warning.get_by_role("button", name="Exporter (fichier Markdown)")
    ).read_text(encoding="utf-8")
    assert "Observations et perspectives : Parc renouvelé" in markdown
    assert "Collège Jean Moulin" in markdown


def test_unreadable_stored_ticks_are_said_and_never_written_over(context, server):
    context.add_init_script(f"localStorage.setItem('{DONE_KEY}', '{{pas du json');")
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    expect(banner(page)).to_contain_text("illisible")
    box(page, "designer-rupn").check()
    expect(box(page, "designer-rupn")).to_be_checked()  # kept in memory for this page
    assert page.evaluate("k => localStorage.getItem(k)", DONE_KEY) == "{pas du json"


def test_the_banner_stays_once_through_instant_navigation(context, server):
    context.add_init_script(FULL)
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    banner(page)
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a", has_text="Octobre").first.click()
    page.wait_for_url("**/calendrier/octobre/")
    page.locator(".vm-progress").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not happen"
    banner(page)
    assert page.locator("#vm-storage").count() == 1
