"""Printing: month pages and the year booklet printed to PDF in Chromium, read back with pdftotext."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ACADEMY = "academie-test"
MONTHS = {"septembre": "Septembre", "octobre": "Octobre", "mai": "Mai", "janvier": "Janvier"}


def print_pdf(page, target: Path) -> Path:
    """The page printed to an A4 PDF, as Chromium's « Enregistrer en PDF » does."""
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.fail("pdftotext et pdfinfo sont introuvables : `make test` installe poppler-utils.")
    page.pdf(path=str(target), format="A4", print_background=False)
    return target


def pdf_text(pdf: Path, mode: str = "-layout") -> list[str]:
    """The text of each sheet: as laid out, in reading order ("": a wrapped title stays whole)
    or in drawing order ("-raw": a line's columns one after the other)."""
    command = ["pdftotext", *([mode] if mode else []), str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [sheet for sheet in text.split("\f") if sheet.strip()]


def sheet_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def flat(sheets: list[str]) -> str:
    return " ".join(" ".join(sheet.split()) for sheet in sheets)


def pdf_pages(page, tmp_path: Path, name: str) -> list[str]:
    return pdf_text(print_pdf(page, tmp_path / f"{name}.pdf"))


def choose_detailed(page) -> None:
    page.get_by_label("détaillée").check()


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
    choose_detailed(page)
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


def test_detailed_booklet_starts_each_month_on_a_new_sheet(watched, server, tmp_path):
    page = watched.goto(f"{ACADEMY}/livret/")
    assert page.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == (
        page.evaluate("document.querySelectorAll('[id]').length")
    ), "duplicate ids in the booklet"
    choose_detailed(page)
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


# The details of the September task « designer-rupn », and the source line of every task.
DETAIL = "Choisir un ou plusieurs enseignants"


def test_detailed_prints_the_details_that_the_list_leaves_out(watched, server, tmp_path):
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    listed = flat(pdf_text(print_pdf(page, tmp_path / "liste.pdf"), ""))
    choose_detailed(page)
    detailed = flat(pdf_text(print_pdf(page, tmp_path / "detaillee.pdf"), ""))
    for text in (DETAIL, "Modèle de lettre de mission", "D'après"):
        assert text in detailed, text
        assert text not in listed, text
    for task in month_tasks(page, server, "septembre"):  # both print every title
        assert task["title"] in listed and task["title"] in detailed, task["title"]


def test_list_line_names_who_leads_and_when(watched, server, tmp_path):
    """Like the BFC year plan: each line gives the task, who leads it and its periods."""
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    text = flat(pdf_text(print_pdf(page, tmp_path / "liste.pdf"), "-raw"))
    task = page.locator("#mettre-a-jour-stsweb")
    title = task.locator(".vm-task__name").inner_text()
    lead = task.locator(".vm-task__lead").inner_text()
    periods = task.locator(".vm-task__when").get_attribute("data-label")
    assert lead and "," in periods  # a task of several months: its periods, not the page's
    line = re.escape(title) + r" (?:\S+ ){0,6}?" + re.escape(f"{lead} {periods}")
    assert re.search(line, text), (title, lead, periods, text[:600])


@pytest.mark.parametrize("mode", ["liste", "détaillée"])
def test_booklet_cover_carries_no_screen_instruction(watched, tmp_path, mode):
    page = watched.goto(f"{ACADEMY}/livret/")
    instruction = page.get_by_text("imprimez cette page")
    assert instruction.is_visible()  # on screen, the instruction is there
    if mode == "détaillée":
        choose_detailed(page)
    text = flat(pdf_text(print_pdf(page, tmp_path / "livret.pdf"), ""))
    assert "Vademecum du pilotage numérique" in text  # the cover
    assert "imprimez" not in text.lower()
    assert "Sommaire" in text
