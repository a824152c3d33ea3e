"""The principal's working view on the real Versailles site, on the dates that matter (issue 13):
« Maintenant » on the home page, compact month pages, the filter bar, preparation ticks."""

from __future__ import annotations

import json

import pytest

ACADEMY = "versailles"
SEPTEMBER = f"{ACADEMY}/calendrier/septembre/"


@pytest.fixture
def on_day(browser, real_server):
    """Open a page of the real sites with the browser's clock set to a given day."""
    contexts = []

    def open_page(day: str, path: str, viewport=(1366, 900)):
        ctx = browser.new_context(
            locale="fr-FR", viewport={"width": viewport[0], "height": viewport[1]}
        )
        ctx.clock.set_fixed_time(f"{day}T09:00:00")
        contexts.append(ctx)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(real_server + path)
        page.wait_for_load_state("networkidle")
        page.errors = errors
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


def index_of(page) -> dict:
    return json.loads(
        page.request.get(page.url.split(ACADEMY)[0] + f"{ACADEMY}/taches.json").text()
    )


def titles(locator) -> list[str]:
    """The task titles of a list, folded ones included, in page order."""
    return [t.strip() for t in locator.locator("li > label").all_text_contents()]


def now_block(page):
    """« Maintenant » on the home page, once the script has filled it."""
    now = page.locator("[data-vm-module=accueil]")
    now.locator(".vm-now").first.wait_for()
    return now


def test_on_27_august_the_home_page_starts_with_the_preparation(on_day):
    page = on_day("2026-08-27", f"{ACADEMY}/")
    now = now_block(page)
    first = now.locator(".vm-now").first
    assert "vm-now--preparation" in first.get_attribute("class")
    assert page.locator(".md-content__inner h2").first.inner_text().startswith("Maintenant")
    preparation = [t for t in index_of(page)["tasks"] if "avant-la-rentree" in t["when"]]
    assert len(preparation) >= 10
    assert titles(first) == [t["title"] for t in preparation]  # all open, in the order of work
    scenario = first.get_by_role("link", name="Proposition de scénario de rentrée scolaire")
    assert scenario.get_attribute("href").endswith("scenarios/scenario-rentree-versailles/")
    assert "Aucune tâche" not in now.inner_text()
    assert page.errors == []


def test_on_3_september_the_home_page_lists_september_in_order_of_work(on_day):
    page = on_day("2026-09-03", f"{ACADEMY}/")
    now = now_block(page)
    month = now.locator(".vm-now").first
    assert "vm-now--month" in month.get_attribute("class")
    assert month.locator("h3").inner_text() == "À faire en septembre"
    index = index_of(page)
    september = [t["title"] for t in index["tasks"] if "septembre" in t["when"]]
    assert titles(month) == september
    # The preparation not ticked is late now, and the page says what late means.
    order = index["periods"]
    over = [
        t["title"]
        for t in index["tasks"]
        if all(order.index(p) < order.index("septembre") for p in t["when"])
    ]
    late = now.locator(".vm-now--late")
    assert "toutes ses périodes sont passées" in late.inner_text()
    assert over and titles(late) == over


@pytest.mark.parametrize(("viewport", "limit"), [((1366, 900), 6000), ((390, 844), 9000)])
def test_september_page_is_compact(on_day, viewport, limit):
    page = on_day("2026-09-03", SEPTEMBER, viewport)
    september = [t for t in index_of(page)["tasks"] if "septembre" in t["when"]]
    assert page.locator("article.vm-task").count() == len(september) >= 30
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= limit, height


def test_a_task_s_details_open_from_the_keyboard(on_day):
    page = on_day("2026-09-03", SEPTEMBER)
    summary = page.locator("article.vm-task details.vm-task__more > summary").first
    details = page.locator("article.vm-task details.vm-task__more").first
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert summary.evaluate("s => s === document.activeElement")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert details.locator(".vm-task__details").is_visible()


def test_role_level_and_territory_filters_leave_only_my_tasks(on_day):
    page = on_day("2026-09-03", SEPTEMBER)
    bar = page.locator("form.vm-filter-bar")
    bar.get_by_label("Mon rôle").select_option("chef-etablissement")
    bar.get_by_label("Établissement").select_option("lycee")
    bar.get_by_label("Territoire").select_option("yvelines")
    # People only: bodies (CA, DRANE…) are not « my role ».
    people = {r["id"] for r in index_of(page)["roles"] if r["person"]}
    offered = set(
        bar.get_by_label("Mon rôle").locator("option").evaluate_all("os => os.map(o => o.value)")
    )
    assert offered == people | {""} and len(people) < len(index_of(page)["roles"])
    shown = page.locator("article.vm-task:visible")
    assert 0 < shown.count() < page.locator("article.vm-task").count()
    for article in shown.all():
        assert article.get_attribute("data-level") in ("tous", "lycee")
        scope = article.get_attribute("data-scope").split()
        assert not scope or "yvelines" in scope
        assert "chef-etablissement" in article.get_attribute("data-roles").split()
    ids = {a.get_attribute("data-task") for a in shown.all()}
    assert page.locator(".vm-progress").inner_text() == (
        f"{len(ids)} tâche(s) affichée(s) sur {page.locator('article.vm-task').count()} ; 0 faite(s)"
    )
    essonne = [
        t for t in index_of(page)["tasks"] if "septembre" in t["when"] and t["scope"] == ["essonne"]
    ]
    assert essonne, "the Versailles data marks Essonne-only tasks"
    for task in essonne:
        assert page.locator(f"article.vm-task[data-task='{task['id']}']").is_hidden()
    # Remembered on the next page, for this académie.
    page.goto(page.url.replace("septembre", "octobre"))
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Territoire").input_value() == "yvelines"


def test_june_ticks_stay_this_year_s_and_the_rentree_list_is_the_coming_year_s(
    browser, real_server
):
    """On 15 June a « toute l'année » task that is also « avant la rentrée » ticked on its page is
    this year's work; the home page's « Rentrée 2026 : préparation » list has its own ticks, for
    the coming year, still ticked on 20 August on the home and « avant la rentrée » pages."""
    year_task = "mettre-a-jour-siecle-stsweb-rentree"  # avant la rentrée, septembre, toute l'année
    key = f"vademecum:v2:{ACADEMY}:{{}}:done"
    ctx = browser.new_context(locale="fr-FR")
    try:
        ctx.clock.set_fixed_time("2026-06-15T10:00:00")
        page = ctx.new_page()
        page.goto(real_server + f"{ACADEMY}/calendrier/toute-l-annee/")
        page.locator(f"#vm-done-{year_task}").check()
        this_year = page.evaluate(
            "k => JSON.parse(localStorage.getItem(k))", key.format("2025-2026")
        )
        assert this_year == {year_task: "2026-06-15"}  # not the coming year's
        page.goto(real_server + SEPTEMBER)
        assert page.locator(f"#vm-done-{year_task}").is_checked()
        ctx.clock.set_fixed_time("2026-07-15T10:00:00")
        page.goto(real_server + f"{ACADEMY}/")
        preparation = page.locator(".vm-now--preparation")
        preparation.wait_for()
        assert preparation.locator("h3").inner_text() == "Rentrée 2026 : préparation"
        assert not page.locator(f"#vm-prep-{year_task}").is_checked()  # the coming year's box
        first = preparation.locator("input.vm-done").first
        task = first.get_attribute("data-task")
        first.check()
        ticks = page.evaluate(
            "ks => ks.map(k => JSON.parse(localStorage.getItem(k)))",
            [key.format("2025-2026"), key.format("2026-2027")],
        )
        assert set(ticks[0]) == {year_task} and set(ticks[1]) == {task}
        ctx.clock.set_fixed_time("2026-08-20T10:00:00")
        page.goto(real_server + f"{ACADEMY}/")
        page.locator(".vm-now--preparation").wait_for()
        assert page.locator(f"#vm-home-{task}").is_checked()
        page.goto(real_server + f"{ACADEMY}/calendrier/avant-la-rentree/")
        assert page.locator(f"input.vm-done[data-task='{task}']").first.is_checked()
    finally:
        ctx.close()
