"""« Mon bilan »: the CA's digital report built in the browser from the year's ticks, its fields,
its print (page.pdf read back with pdftotext/pdfinfo) and its Markdown export."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_print import pdf_pages

ACADEMY = "academie-test"
REPORT = f"{ACADEMY}/bilan/"
DONE_KEY = f"vademecum:v2:{ACADEMY}:2026-2027:done"
FIELDS_KEY = f"vademecum:v2:{ACADEMY}:2026-2027:bilan"
# Ticked in September, in October, and before the day was recorded (1); cybermois is left.
TICKS = {"designer-rupn": "2026-09-20", "bilan-ca": "2026-10-15", "mettre-a-jour-stsweb": 1}
TITLES = {
    "designer-rupn": "Désigner le RUPN avant les vacances de Toussaint",
    "bilan-ca": "Présenter le bilan numérique au conseil d'administration",
    "mettre-a-jour-stsweb": "Mettre à jour STSweb et SIECLE",
    "cybermois": "Organiser le Cybermois",
}
HOSTILE = '<img src=x onerror="window.__pwned=1"> Collège *Jean* [Moulin]'


def with_ticks(context, ticks: dict, key: str = DONE_KEY) -> None:
    context.add_init_script(
        f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(ticks))});"
    )


def open_report(watched, path: str = REPORT):
    page = watched.goto(path)
    page.locator("[data-vm-module=bilan][data-ready]").wait_for()
    return page


def rows(page, caption: str) -> list[list[str]]:
    table = page.locator("table.vm-bilan-table", has=page.locator("caption", has_text=caption))
    return table.locator("tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.children].map(c => c.textContent))"
    )


def listed_under(page, heading: str, list_class: str) -> list[str]:
    heading_json = json.dumps(heading, ensure_ascii=False)
    return page.locator(f"h4:text-is({heading_json}) + ul.{list_class} > li").all_inner_texts()


def test_report_lists_done_by_theme_and_month_what_remains_roles_and_texts(watched, context):
    with_ticks(context, TICKS)
    page = open_report(watched)
    doc = page.locator(".vm-bilan-doc")
    expect(doc.locator(".vm-bilan-count")).to_have_text("3 tâches faites sur 4 (75 %).")
    assert rows(page, "Tâches par thème") == [["Gouvernance", "2", "1"], ["Données", "1", "0"]]
    assert listed_under(page, "Gouvernance (2)", "vm-bilan-done") == [
        f"{TITLES['designer-rupn']} — cochée le 20/09/2026",
        f"{TITLES['bilan-ca']} — cochée le 15/10/2026",
    ]
    assert listed_under(page, "Données (1)", "vm-bilan-done") == [
        f"{TITLES['mettre-a-jour-stsweb']} — date non enregistrée"
    ]
    assert rows(page, "Tâches cochées, par mois") == [
        ["Septembre", "1"],
        ["Octobre", "1"],
        ["Date non enregistrée", "1"],
    ]
    assert listed_under(page, "Gouvernance (1)", "vm-bilan-todo") == [
        f"{TITLES['cybermois']} (octobre)"
    ]
    assert page.locator("ul.vm-bilan-roles > li").all_inner_texts() == [
        "Chef d'établissement : 3 tâches faites",
        "Référent numérique (RUPN) : 2 tâches faites",
        "Référent cybersécurité : 1 tâche faite",
    ]
    expect(doc).to_contain_text(
        "Code de l'éducation, article L312-9 — Formation à l'utilisation responsable des outils "
        "numériques (1 tâche faite)"
    )


def test_report_follows_the_ticks(watched):
    page = open_report(watched)
    expect(page.locator(".vm-bilan-doc")).to_contain_text("Aucune tâche cochée pour cette année")
    page = watched.goto(f"{ACADEMY}/calendrier/octobre/")
    page.locator("#vm-done-cybermois").check()
    page = open_report(watched)
    expect(page.locator(".vm-bilan-count")).to_have_text("1 tâche faite sur 4 (25 %).")
    assert listed_under(page, "Gouvernance (1)", "vm-bilan-done") == [
        f"{TITLES['cybermois']} — cochée le 15/10/2026"
    ]


def test_level_chosen_in_the_filter_bar_leaves_the_other_level_out(watched):
    page = open_report(watched, "national/bilan/")
    # The national site has suivre-ent, a collège task: a lycée does not report on it.
    expect(page.locator(".vm-bilan-doc")).to_contain_text("Suivre la fréquentation de l'ENT")
    page.evaluate(
        "localStorage.setItem('vademecum:v2:national:filters', "
        "JSON.stringify({roles: ['rupn'], level: 'lycee'}))"
    )
    page = open_report(watched, "national/bilan/")
    doc = page.locator(".vm-bilan-doc")
    assert "Suivre la fréquentation de l'ENT" not in doc.inner_text()
    # The role filter is for the lists, not for the report: the principal's tasks stay.
    expect(doc).to_contain_text("Mettre à jour STSweb et SIECLE")


def fill(page) -> None:
    page.get_by_label("Établissement").fill(HOSTILE)
    page.get_by_label("Taux de connexion à l'ENT").fill("72 % des élèves")
    page.get_by_label("Observations et perspectives").fill("Ligne un\nLigne deux")


def test_filled_fields_are_kept_across_reloads_and_escaped(watched, context):
    with_ticks(context, TICKS)
    page = open_report(watched)
    fill(page)
    page.reload()
    page.locator("[data-vm-module=bilan][data-ready]").wait_for()
    assert page.get_by_label("Taux de connexion à l'ENT").input_value() == "72 % des élèves"
    assert page.get_by_label("Observations et perspectives").input_value() == "Ligne un\nLigne deux"
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", FIELDS_KEY))
    assert stored["ent"] == "72 % des élèves" and stored["etablissement"] == HOSTILE
    indicators = dict(rows(page, "Indicateurs de l'établissement"))
    assert indicators["Taux de connexion à l'ENT"] == "72 % des élèves"
    assert indicators["Certification Pix des élèves"] == "non renseigné"
    doc = page.locator(".vm-bilan-doc")
    expect(doc).to_contain_text(HOSTILE)  # shown as text, never read as HTML
    assert doc.locator("img").count() == 0 and page.evaluate("window.__pwned") is None


def test_report_prints_alone_on_a_few_a4_pages(watched, context, tmp_path):
    with_ticks(context, TICKS)
    page = open_report(watched)
    fill(page)
    sheets = pdf_pages(page, tmp_path, "bilan")
    text = " ".join(" ".join(sheet.split()) for sheet in sheets)
    assert 1 <= len(sheets) <= 4
    assert "Académie de test — bilan numérique — année scolaire 2026-2027" in text
    for task in ("designer-rupn", "bilan-ca", "mettre-a-jour-stsweb", "cybermois"):
        assert TITLES[task] in text, task
    assert "72 % des élèves" in text
    for screen_only in (
        "Rechercher",
        "Mon suivi",
        "Indicateurs à renseigner",
        "Imprimer le bilan",
        "prêt à joindre",
        "Exporter",
    ):
        assert screen_only not in text, screen_only


def test_markdown_export_holds_the_report(watched, context):
    with_ticks(context, TICKS)
    page = open_report(watched)
    fill(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter (fichier Markdown)").click()
    assert download.value.suggested_filename == f"bilan-numerique-{ACADEMY}-2026-2027.md"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Bilan numérique de l'année scolaire 2026-2027\n")
    assert f"- {TITLES['designer-rupn']} — cochée le 20/09/2026" in text
    assert f"- {TITLES['mettre-a-jour-stsweb']} — date non enregistrée" in text
    assert f"- {TITLES['cybermois']} (octobre)" in text  # what remains
    assert "### Gouvernance" in text and "- Taux de connexion à l'ENT : 72 % des élèves" in text
    # Markdown in a field stays text: a word processor shows it as typed.
    assert "\\<img src=x" in text and "Collège \\*Jean\\* \\[Moulin\\]" in text
    assert "Ligne un  \nLigne deux" in text


def test_without_javascript_the_report_says_what_it_needs(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + REPORT)
    expect(page.locator("[data-vm-module=bilan]")).to_contain_text("il demande JavaScript")
    context.close()


def test_report_is_in_the_navigation_next_to_suivi(watched):
    page = watched.goto(f"{ACADEMY}/suivi/")
    links = page.locator("nav.md-nav--primary > ul > li > a").all_inner_texts()
    names = [" ".join(link.split()) for link in links]
    assert names.index("Mon bilan") == names.index("Mon suivi") + 1, names


@pytest.mark.parametrize("academy", ["limoges", "versailles", "besancon"])
def test_a_full_year_of_real_tasks_prints_on_four_pages_at_most(
    browser, real_server, tmp_path, academy
):
    """Every task of the académie ticked (the longest « réalisé ») or none (the longest « reste
    à faire »): the printed report stays within 4 A4 pages and names every task."""
    context = browser.new_context(locale="fr-FR")
    context.clock.set_fixed_time("2027-05-20T10:00:00")
    page = context.new_page()
    index = json.loads(page.request.get(f"{real_server}{academy}/taches.json").text())
    for ticked in (True, False):
        ticks = {t["id"]: "2027-05-02" for t in index["tasks"]} if ticked else {}
        page.goto(f"{real_server}{academy}/bilan/")
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)",
            [f"vademecum:v2:{academy}:2026-2027:done", json.dumps(ticks)],
        )
        page.reload()
        page.locator("[data-vm-module=bilan][data-ready]").wait_for()
        target = tmp_path / f"{academy}-{ticked}.pdf"
        page.pdf(path=str(target), format="A4", print_background=False)
        info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
        count = int(
            next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
        )
        print(academy, "all ticked" if ticked else "none ticked", count, "page(s)")
        assert count <= 4, (academy, ticked, count)
        # Compared without spaces: a title cut after « – » at the end of a line still counts.
        text = "".join(
            subprocess.run(
                ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        missing = [t["title"] for t in index["tasks"] if "".join(t["title"].split()) not in text]
        assert missing == [], (academy, ticked, missing[:3])
    context.close()
