"""A school year's ticks belong to it until its end (31 July): in June and July the month pages,
home, « Mon bilan » and « Mon suivi » show this year's ticks, and the coming rentrée's preparation
is its own list with its own ticks. Real browser, `page.clock` for the dates."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_checklists import ACADEMY, SEPTEMBER, box, import_file, stored

THIS = f"vademecum:v2:{ACADEMY}:2026-2027:done"
COMING = f"vademecum:v2:{ACADEMY}:2027-2028:done"
HOME = f"{ACADEMY}/"


def at(context, day: str) -> None:
    context.clock.set_fixed_time(f"{day}T10:00:00")


def home(page, server):
    page.goto(server + HOME)
    page.locator(".vm-now--month, .vm-now--late").first.wait_for()
    return page


def report_count(page, server) -> str:
    page.goto(server + f"{ACADEMY}/bilan/")
    page.locator("[data-vm-module=bilan][data-ready]").wait_for()
    return page.locator(".vm-bilan-count").inner_text()


def test_september_ticks_stay_this_year_s_in_june_and_the_rentree_has_its_own_list(context, server):
    at(context, "2026-09-04")
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    box(page, "mettre-a-jour-stsweb").check()  # also « avant la rentrée »
    page.goto(server + f"{ACADEMY}/calendrier/octobre/")
    box(page, "cybermois").check()
    for day in ("2027-06-01", "2027-06-15"):
        at(context, day)
        page.goto(server + SEPTEMBER)
        expect(box(page, "mettre-a-jour-stsweb")).to_be_checked()
        expect(box(page, "designer-rupn")).to_be_checked()
        expect(page.locator(".vm-progress")).to_have_text("2 tâche(s) sur cette page ; 2 faite(s)")
        home(page, server)
        expect(page.locator('[data-vm="year-progress"]')).to_contain_text(
            "Année 2026-2027 : 3 tâche(s) faite(s) sur 4"
        )
        preparation = page.locator(".vm-now--preparation")
        expect(preparation.locator("h3")).to_have_text("Rentrée 2027 : préparation")
        expect(preparation).to_contain_text("l'année scolaire 2027-2028")
        expect(page.locator("#vm-prep-mettre-a-jour-stsweb")).not_to_be_checked()
        assert report_count(page, server).startswith("3 tâches faites sur 4")
    # The coming rentrée's tick goes to the coming year only, and this year's stays.
    home(page, server)
    page.locator("#vm-prep-mettre-a-jour-stsweb").check()
    assert stored(page, COMING) == {"mettre-a-jour-stsweb": "2027-06-15"}
    assert set(stored(page, THIS)) == {"designer-rupn", "mettre-a-jour-stsweb", "cybermois"}
    # A tick on the June page on 15 June is this year's work.
    page.goto(server + f"{ACADEMY}/calendrier/juin/")
    box(page, "bilan-ca").check()
    assert stored(page, THIS)["bilan-ca"] == "2027-06-15"
    assert "bilan-ca" not in stored(page, COMING)
    # Unticking on the September page changes this year, not the preparation.
    page.goto(server + SEPTEMBER)
    box(page, "mettre-a-jour-stsweb").uncheck()
    assert "mettre-a-jour-stsweb" not in stored(page, THIS)
    assert stored(page, COMING) == {"mettre-a-jour-stsweb": "2027-06-15"}
    home(page, server)
    expect(page.locator("#vm-prep-mettre-a-jour-stsweb")).to_be_checked()
    # After the turnover the preparation is this year's: still ticked, on every page.
    at(context, "2027-08-20")
    home(page, server)
    expect(page.locator(".vm-now--preparation h3")).to_have_text("Rentrée 2027 : préparation")
    expect(page.locator("#vm-home-mettre-a-jour-stsweb")).to_be_checked()
    page.goto(server + SEPTEMBER)
    expect(box(page, "mettre-a-jour-stsweb")).to_be_checked()
    expect(box(page, "designer-rupn")).not_to_be_checked()


def seeded(context, ticks: dict[str, dict]) -> None:
    """Stored ticks, written once before the first page's scripts run."""
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        f" for (const [k, v] of Object.entries({json.dumps(ticks)}))"
        " localStorage.setItem(k, JSON.stringify(v)); }"
    )


def test_ticks_an_earlier_version_stored_for_the_coming_year_count_this_year_too(context, server):
    """Earlier versions stored a 15 June tick on an « avant la rentrée » task under the coming
    year, whatever page it was made on: it shows on this year's pages and stays in the
    preparation list; copied once, so unticking it here holds."""
    at(context, "2027-06-20")
    earlier = {
        THIS: {"designer-rupn": "2026-09-04"},
        COMING: {"mettre-a-jour-stsweb": "2027-06-15"},
    }
    seeded(context, earlier)
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    expect(box(page, "mettre-a-jour-stsweb")).to_be_checked()
    expect(box(page, "designer-rupn")).to_be_checked()
    assert stored(page, THIS) == {
        "designer-rupn": "2026-09-04",
        "mettre-a-jour-stsweb": "2027-06-15",
    }
    assert stored(page, COMING) == earlier[COMING]  # not lost: still the coming year's
    home(page, server)
    expect(page.locator("#vm-prep-mettre-a-jour-stsweb")).to_be_checked()
    page.goto(server + SEPTEMBER)
    box(page, "mettre-a-jour-stsweb").uncheck()
    page.reload()
    expect(box(page, "mettre-a-jour-stsweb")).not_to_be_checked()  # copied once only
    assert stored(page, COMING) == earlier[COMING]


def test_clearing_importing_and_exporting_act_on_the_year_they_name(context, server):
    at(context, "2027-06-15")
    this = {"designer-rupn": "2026-09-04", "cybermois": "2026-10-02"}
    coming = {"mettre-a-jour-stsweb": "2027-06-10"}
    # Made with this version (the earlier versions' ticks were copied already: the mark).
    seeded(context, {THIS: this, COMING: coming, THIS.replace(":done", ":split"): 1})
    page = context.new_page()
    page.goto(server + f"{ACADEMY}/suivi/")
    # Export: one button per year, each file holds its year's ticks.
    for name, year, ids in (
        ("année 2026-2027", "2026-2027", ["cybermois", "designer-rupn"]),
        ("préparation de la rentrée 2027, année 2027-2028", "2027-2028", ["mettre-a-jour-stsweb"]),
    ):
        with page.expect_download() as download:
            page.get_by_role("button", name=f"Exporter (fichier JSON) — {name}").click()
        data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert data["schoolYear"] == year and [d["id"] for d in data["done"]] == ids
        assert download.value.suggested_filename == f"vademecum-{ACADEMY}-{year}.json"
    # Replace, with a file of the coming year: only the coming year changes.
    import_file(
        page,
        {
            "format": "vademecum-progress",
            "version": 2,
            "academy": ACADEMY,
            "schoolYear": "2027-2028",
            "done": ["designer-rupn"],
        },
    )
    choice = page.locator(".vm-import-choice")
    expect(choice).to_contain_text(
        "1 tâche cochée de la préparation de la rentrée 2027, année 2027-2028"
    )
    choice.get_by_role("button", name="Remplacer — préparation de la rentrée 2027").click()
    expect(page.locator(".vm-message")).to_contain_text("rentrée 2027, année 2027-2028")
    assert stored(page, COMING) == {"designer-rupn": 1}
    assert stored(page, THIS) == this
    # Clear this year: the dialog names it, the coming year's ticks stay and the page says so.
    asked: list[str] = []

    def accept(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Tout décocher — année 2026-2027").click()
    expect(page.locator(".vm-message")).to_contain_text("Cases de l'année 2026-2027 effacées.")
    expect(page.locator(".vm-message")).to_contain_text("ne changent pas")
    assert "2 case(s) cochée(s) de l'année 2026-2027" in asked[0]
    assert stored(page, THIS) == {}
    assert stored(page, COMING) == {"designer-rupn": 1}
    page.once("dialog", accept)
    page.get_by_role("button", name="Tout décocher — préparation de la rentrée 2027").click()
    assert stored(page, COMING) == {}
