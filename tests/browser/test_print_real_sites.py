"""Printing the shipped data's académies (data/): in « liste », the default, every month page fits
on two A4 sheets and the year's booklet on twelve, with every task's title and the table of
contents. The sites are built once per session (fixture `real_server`)."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_print import flat, pdf_text, print_pdf, sheet_count

ACADEMIES = ["besancon", "dijon", "limoges", "national", "versailles"]
MONTH_SHEETS = 2
BOOKLET_SHEETS = 12


def squeezed(text: str) -> str:
    """Without any space: a title wrapped after a dash (« janvier–\\nfévrier ») still matches."""
    return "".join(text.split())


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def tasks_index(context, base: str) -> dict:
    return json.loads(context.request.get(f"{base}taches.json").text())


@pytest.mark.parametrize("academy", ACADEMIES)
def test_every_month_prints_on_two_sheets_with_every_title(context, real_server, academy, tmp_path):
    base = f"{real_server}{academy}/"
    index = tasks_index(context, base)
    problems = []
    for period in index["periods"]:
        titles = [task["title"] for task in index["tasks"] if period in task["when"]]
        if not titles:
            continue
        page = open_page(context, f"{base}calendrier/{period}/")
        pdf = print_pdf(page, tmp_path / f"{period}.pdf")
        page.close()
        sheets = sheet_count(pdf)
        if sheets > MONTH_SHEETS:
            problems.append(f"{period} : {sheets} pages")
        text = squeezed(flat(pdf_text(pdf, "-raw")))
        problems += [f"{period} : « {t} » absent" for t in titles if squeezed(t) not in text]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("academy", ACADEMIES)
def test_list_booklet_holds_the_year_on_twelve_sheets_with_its_contents(
    context, real_server, academy, tmp_path
):
    base = f"{real_server}{academy}/"
    index = tasks_index(context, base)
    page = open_page(context, f"{base}livret/")
    assert page.locator("input[name=vm-print-mode][value=liste]").is_checked()  # the default
    pdf = print_pdf(page, tmp_path / "livret.pdf")
    assert sheet_count(pdf) <= BOOKLET_SHEETS
    sheets = pdf_text(pdf, "")
    text = flat(sheets)
    first = flat(sheets[:1])
    assert "Vademecum du pilotage numérique" in first and "Sommaire" in first
    assert "imprimez" not in text.lower()
    contents = page.eval_on_selector_all(
        ".vm-booklet-toc a",
        "links => links.map(a => [a.textContent, a.hash, a.pathname === location.pathname])",
    )
    periods = [p for p in index["periods"] if any(p in t["when"] for t in index["tasks"])]
    # Anchors named after the periods' slugs, so that a link stays right whatever the pages.
    assert [hash_ for _, hash_, _ in contents] == [f"#livret-{p}" for p in periods] + [
        "#livret-contacts"
    ]
    for label, hash_, same_page in contents:
        assert same_page and label in first, label
        assert page.locator(f"[id='{hash_[1:]}']").count() == 1, hash_
    year = squeezed(flat(pdf_text(pdf, "-raw")))
    missing = [t["title"] for t in index["tasks"] if squeezed(t["title"]) not in year]
    assert missing == []
