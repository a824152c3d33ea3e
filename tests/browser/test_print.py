"""Printing: month pages and the year booklet printed to PDF in Chromium, read back with pdftotext."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ACADEMY = "academie-test"
MONTHS = {"septembre": "Septembre", "octobre": "Octobre", "mai": "Mai", "janvier": "Janvier"}


def pdf_pages(page, tmp_path: Path, name: str) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext est introuvable : `make test` installe poppler-utils.")
    target = tmp_path / f"{name}.pdf"
    page.pdf(path=str(target), format="A4", print_background=False)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [sheet for sheet in text.split("\f") if sheet.strip()]


def month_tasks(page, server: str, month: str) -> list[dict]:
    index = json.loads(page.request.get(f"{server}{ACADEMY}/taches.json").text())
    return [t for t in index["tasks"] if month in t["when"]]


@pytest.mark.parametrize("month", sorted(MONTHS))
def test_month_page_prints_as_a_clean_checklist(watched, server, tmp_path, month):
    page = watched.goto(f"{ACADEMY}/calendrier/{month}/")
    sheets = pdf_pages(page, tmp_path, month)
    text = " ".join(" ".join(sheet.split()) for sheet in sheets)
    assert 1 <= len(sheets) <= 2
    assert f"Académie de test — {MONTHS[month]} — année scolaire" in text
    for task in month_tasks(page, server, month):
        assert task["title"] in text, task["title"]
    for chrome in ("Imprimer", "Rechercher", "Mon suivi", "Glossaire", "Table des matières"):
        assert chrome not in text, chrome


def test_external_addresses_are_printed_after_their_text(watched, tmp_path):
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    text = " ".join(" ".join(s.split()) for s in pdf_pages(page, tmp_path, "sept"))
    assert "Modèle de lettre de mission <https://www.example.gouv.fr/lettre.docx>" in text


def test_reader_chooses_ticked_or_empty_boxes(watched):
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    page.locator("#vm-done-designer-rupn").check()
    page.emulate_media(media="print")
    appearance = "getComputedStyle(document.querySelector('#vm-done-designer-rupn')).appearance"
    assert page.evaluate(appearance) != "none"  # printed as on screen
    page.emulate_media(media="screen")
    page.get_by_label("imprimer les cases cochées").uncheck()
    page.emulate_media(media="print")
    assert page.evaluate(appearance) == "none"  # printed as an empty box
    assert page.locator(".vm-print-bar").is_hidden()


def test_print_button_opens_the_print_dialog(context, watched):
    context.add_init_script(
        "window.__printed = 0; window.print = () => { window.__printed += 1; };"
    )
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    page.get_by_role("button", name="Imprimer").click()
    assert page.evaluate("window.__printed") == 1


def test_year_booklet_starts_each_month_on_a_new_sheet(watched, server, tmp_path):
    page = watched.goto(f"{ACADEMY}/livret/")
    assert page.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == (
        page.evaluate("document.querySelectorAll('[id]').length")
    ), "duplicate ids in the booklet"
    sheets = pdf_pages(page, tmp_path, "livret")
    first_lines = [
        next(line.strip() for line in sheet.splitlines() if line.strip()) for sheet in sheets
    ]
    assert any("Vademecum du pilotage numérique" in sheet for sheet in sheets[:2])
    index = json.loads(page.request.get(f"{server}{ACADEMY}/taches.json").text())
    months_with_tasks = [p for p in index["periods"] if any(p in t["when"] for t in index["tasks"])]
    labels = {
        "avant-la-rentree": "Avant la rentrée",
        "aout": "Août",
        "septembre": "Septembre",
        "octobre": "Octobre",
        "novembre": "Novembre",
        "decembre": "Décembre",
        "janvier": "Janvier",
        "fevrier": "Février",
        "mars": "Mars",
        "avril": "Avril",
        "mai": "Mai",
        "juin": "Juin",
        "juillet": "Juillet",
        "toute-l-annee": "Toute l'année",
    }
    for period in months_with_tasks:
        assert labels[period] in first_lines, (period, first_lines)
    assert "Contacts" in first_lines
    assert "dpd@ac-test.fr" in " ".join(sheets)
