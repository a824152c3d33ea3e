"""Checklists in a real browser: ticking, storage keys, progress, filters, export/import, faults."""

from __future__ import annotations

import gzip
import html
import json
import re

from playwright.sync_api import expect

from tests.conftest import REPO
from vademecum.site.minify import minify

ACADEMY = "academie-test"
DONE_KEY = f"vademecum:v2:{ACADEMY}:2026-2027:done"
SEPTEMBER = f"{ACADEMY}/calendrier/septembre/"
TICKED = "2026-10-15"  # the day the tests tick on (the fixed clock of the context), as stored


def box(page, task_id: str):
    return page.locator(f"#vm-done-{task_id}")


def stored(page, key: str = DONE_KEY):
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def test_checkbox_is_labelled_by_the_task_title(watched):
    page = watched.goto(SEPTEMBER)
    checkbox = page.get_by_role("checkbox", name=re.compile("avant les vacances de Toussaint"))
    assert checkbox.count() == 1
    assert checkbox.get_attribute("id") == "vm-done-designer-rupn"


def test_tick_persists_and_shows_on_role_and_theme_pages(watched):
    page = watched.goto(SEPTEMBER)
    box(page, "designer-rupn").check()
    assert stored(page) == {"designer-rupn": TICKED}
    page.reload()
    assert box(page, "designer-rupn").is_checked()
    for path in ("roles/rupn/", "themes/gouvernance/", "prise-de-fonction/"):
        page = watched.goto(f"{ACADEMY}/{path}")
        assert box(page, "designer-rupn").is_checked(), path
    box(page, "designer-rupn").uncheck()
    assert stored(page) == {}


def test_keyboard_tab_reaches_checkbox_and_space_toggles(watched):
    page = watched.goto(SEPTEMBER)
    target = box(page, "mettre-a-jour-stsweb")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement && document.activeElement.id"
        ) == target.get_attribute("id"):
            break
    else:
        raise AssertionError("Tab never reached the checkbox")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    assert target.is_checked() and stored(page) == {"mettre-a-jour-stsweb": TICKED}


def test_open_tabs_stay_in_sync(context, server):
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(server + SEPTEMBER)
    box(first, "designer-rupn").check()
    second.wait_for_function("document.querySelector('#vm-done-designer-rupn').checked")
    assert second.locator(".vm-progress").inner_text().endswith("; 1 faite(s)")


def test_two_academies_on_one_origin_do_not_share_ticks(watched):
    page = watched.goto(SEPTEMBER)
    box(page, "designer-rupn").check()
    page = watched.goto("national/calendrier/septembre/")
    assert not box(page, "designer-rupn").is_checked()
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == [DONE_KEY]


def test_new_school_year_starts_empty(context, server):
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    context.clock.set_fixed_time("2027-08-02T10:00:00")  # the year turns over on 1 August
    page.reload()
    assert not box(page, "designer-rupn").is_checked()
    assert stored(page, f"vademecum:v2:{ACADEMY}:2027-2028:done") is None
    assert stored(page) == {"designer-rupn": TICKED}  # last year's progress is kept, not dropped


def test_progress_per_page_per_month_and_year(watched):
    page = watched.goto(SEPTEMBER)
    assert page.locator(".vm-progress").inner_text() == "2 tâche(s) sur cette page ; 0 faite(s)"
    box(page, "designer-rupn").check()
    assert page.locator(".vm-progress").inner_text() == "2 tâche(s) sur cette page ; 1 faite(s)"
    page = watched.goto(f"{ACADEMY}/calendrier/")
    assert page.locator('[data-vm-month="septembre"]').inner_text() == "1 / 2"
    assert page.locator('[data-vm-month="octobre"]').inner_text() == "0 / 1"
    page = watched.goto(f"{ACADEMY}/")
    assert "1 tâche(s) faite(s) sur 4." in page.locator('[data-vm="year-progress"]').inner_text()


def test_this_month_and_late_tasks_on_home_page(watched):
    page = watched.goto(f"{ACADEMY}/")
    month = page.locator('[data-vm-module="accueil"]')
    month.locator("text=À faire en octobre").wait_for()
    now = month.locator(".vm-now--month li")
    late = month.locator(".vm-now--late li")
    assert month.locator(".vm-now--preparation").count() == 0  # mid-October: no preparation block
    assert "toutes ses périodes sont passées" in month.locator(".vm-now--late").inner_text()
    assert now.count() == 1 and "Cybermois" in now.inner_text()
    assert {late.nth(i).inner_text().split(" voir")[0] for i in range(late.count())} == {
        "Désigner le RUPN avant les vacances de Toussaint",
        "Mettre à jour STSweb et SIECLE",
    }
    month.get_by_role("checkbox", name="Mettre à jour STSweb et SIECLE").check()
    assert late.locator("input:not(:checked)").count() == 1  # stays listed, ticked, until reload
    assert stored(page) == {"mettre-a-jour-stsweb": TICKED}


def test_role_and_level_filters_apply_everywhere_and_clear_in_one_click(watched):
    page = watched.goto(SEPTEMBER)
    bar = page.locator("form.vm-filter-bar")
    bar.get_by_label("Mon rôle").select_option(label="Référent cybersécurité")
    assert page.locator("article#designer-rupn").is_visible()
    assert page.locator("article#mettre-a-jour-stsweb").is_hidden()
    assert page.locator(".vm-progress").inner_text() == "1 tâche(s) affichée(s) sur 2 ; 0 faite(s)"
    page = watched.goto(f"{ACADEMY}/calendrier/mai/")  # remembered from page to page
    assert page.locator("article#bilan-ca").is_hidden()
    assert page.get_by_label("Mon rôle").input_value() == "referent-cyber"
    page.get_by_role("button", name="Tout afficher").click()
    assert page.locator("article#bilan-ca").is_visible()
    assert page.get_by_role("button", name="Tout afficher").is_hidden()
    page.get_by_label("Établissement").select_option(label="Lycée")
    page = watched.goto(f"{ACADEMY}/")
    assert page.get_by_label("Établissement").input_value() == "lycee"
    page.get_by_label("Mon rôle").select_option(label="Référent cybersécurité")
    assert "(selon vos filtres)" in page.locator('[data-vm="year-progress"]').inner_text()


def test_roles_stored_by_an_earlier_version_become_what_the_bar_shows(context, server):
    key = f"vademecum:v2:{ACADEMY}:filters"
    context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem('{key}', JSON.stringify({{roles: ['referent-cyber', 'rupn'], level: ''}})); }}"
    )
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    page.locator("form.vm-filter-bar").wait_for()
    assert page.get_by_label("Mon rôle").input_value() == "referent-cyber"
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key))["roles"] == [
        "referent-cyber"
    ]
    assert page.locator(
        "article#mettre-a-jour-stsweb"
    ).is_hidden()  # the head's task, not the referent's


def export_file(page) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter (fichier JSON)").click()
    return json.loads(open(download.value.path(), encoding="utf-8").read())


def import_file(page, data) -> None:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    page.locator("#vm-import").set_input_files(
        files=[{"name": "p.json", "mimeType": "application/json", "buffer": content}]
    )


def test_export_is_readable_then_imports_in_another_browser(browser, context, server):
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    page.evaluate(  # an old tick, made before the day was recorded
        "k => localStorage.setItem(k, JSON.stringify({...JSON.parse(localStorage.getItem(k)),"
        " 'bilan-ca': 1}))",
        DONE_KEY,
    )
    page.goto(server + f"{ACADEMY}/suivi/")
    data = export_file(page)
    assert data["academy"] == ACADEMY and data["schoolYear"] == "2026-2027" and data["version"] == 2
    assert data["format"] == "vademecum-progress" and data["academyName"] == "Académie de test"
    assert data["done"] == [
        {
            "id": "bilan-ca",
            "title": "Présenter le bilan numérique au conseil d'administration",
            "periods": ["Mai", "Juin"],
            "ticked": None,
        },
        {
            "id": "designer-rupn",
            "title": "Désigner le RUPN avant les vacances de Toussaint",
            "periods": ["Septembre"],
            "ticked": TICKED,
        },
    ]
    other = browser.new_context()
    other.clock.set_fixed_time("2026-11-20T10:00:00")
    fresh = other.new_page()
    fresh.goto(server + f"{ACADEMY}/suivi/")
    import_file(fresh, data)
    fresh.get_by_role("button", name="Fusionner").click()
    expect(fresh.locator(".vm-message")).to_contain_text("Progression importée (fusion) : 2 tâches")
    # The day each task was ticked travels with it; an unknown day stays unknown.
    assert stored(fresh) == {"designer-rupn": TICKED, "bilan-ca": 1}
    fresh.goto(server + SEPTEMBER)
    assert box(fresh, "designer-rupn").is_checked()
    other.close()


OLD_FILE = {  # written before the export was readable: ids only
    "format": "vademecum-progress",
    "version": 2,
    "academy": ACADEMY,
    "schoolYear": "2026-2027",
    "done": ["cybermois", "mettre-a-jour-stsweb"],
}


def ticked_then_offered(watched, data) -> object:
    """« Mon suivi » with designer-rupn and cybermois ticked, `data` chosen for import."""
    page = watched.goto(SEPTEMBER)
    box(page, "designer-rupn").check()
    page = watched.goto(f"{ACADEMY}/calendrier/octobre/")
    box(page, "cybermois").check()
    page = watched.goto(f"{ACADEMY}/suivi/")
    import_file(page, data)
    choice = page.locator(".vm-import-choice")
    expect(choice).to_contain_text("Ce fichier contient 2 tâches cochées de l'année 2026-2027.")
    expect(choice).to_contain_text("Fusionner : 1 tâche cochée sera ajoutée, aucune décochée.")
    expect(choice).to_contain_text("Remplacer : 1 tâche cochée sera ajoutée, 1 décochée.")
    assert stored(page) == {"designer-rupn": TICKED, "cybermois": TICKED}  # nothing yet
    return page


def test_import_merge_adds_the_file_ticks_and_keeps_mine(watched):
    page = ticked_then_offered(watched, OLD_FILE)
    page.get_by_role("button", name="Fusionner").click()
    expect(page.locator(".vm-message")).to_contain_text("importée (fusion) : 3 tâches cochées")
    assert stored(page) == {"designer-rupn": TICKED, "cybermois": TICKED, "mettre-a-jour-stsweb": 1}
    assert page.locator(".vm-import-choice button").count() == 0


def test_import_replace_takes_the_file_as_it_is(watched):
    readable = {
        **OLD_FILE,
        "done": [
            {"id": "cybermois", "title": "…", "periods": ["Octobre"], "ticked": "2026-10-02"},
            {"id": "mettre-a-jour-stsweb", "title": "…", "periods": [], "ticked": "2026-09-01"},
        ],
    }
    page = ticked_then_offered(watched, readable)
    page.get_by_role("button", name="Remplacer").click()
    expect(page.locator(".vm-message")).to_contain_text("importée (remplacement) : 2 tâches")
    assert stored(page) == {"cybermois": "2026-10-02", "mettre-a-jour-stsweb": "2026-09-01"}
    page = watched.goto(SEPTEMBER)
    assert not box(page, "designer-rupn").is_checked()
    assert box(page, "mettre-a-jour-stsweb").is_checked()


def test_import_merge_reads_the_ticks_stored_when_it_is_confirmed(context, server):
    """A tick made in another tab while the import choice is on screen is kept by « Fusionner »."""
    suivi, other = context.new_page(), context.new_page()
    suivi.goto(server + f"{ACADEMY}/suivi/")
    import_file(suivi, OLD_FILE)
    expect(suivi.locator(".vm-import-choice")).to_contain_text("Fusionner")
    other.goto(server + SEPTEMBER)
    box(other, "designer-rupn").check()
    suivi.get_by_role("button", name="Fusionner").click()
    assert stored(suivi) == {"designer-rupn": TICKED, "cybermois": 1, "mettre-a-jour-stsweb": 1}


def test_import_cancel_keeps_everything(watched):
    page = ticked_then_offered(watched, OLD_FILE)
    page.get_by_role("button", name="Annuler").click()
    expect(page.locator(".vm-message")).to_contain_text("Import annulé")
    assert stored(page) == {"designer-rupn": TICKED, "cybermois": TICKED}
    assert page.locator(".vm-import-choice button").count() == 0


def test_bad_imports_are_refused_and_progress_kept(watched):
    page = watched.goto(SEPTEMBER)
    box(page, "designer-rupn").check()
    page = watched.goto(f"{ACADEMY}/suivi/")
    good = {
        "format": "vademecum-progress",
        "version": 2,
        "academy": ACADEMY,
        "schoolYear": "2026-2027",
        "done": ["cybermois"],
    }
    cases = [
        (b"pas du json", "pas un fichier JSON valide"),
        (json.dumps({**good, "academy": "national"}).encode(), "concerne l'académie « national »"),
        (json.dumps({**good, "version": 9}).encode(), "version de fichier inconnue (9)"),
        (json.dumps({**good, "done": ["inventee"]}).encode(), "tâches inconnues (inventee)"),
        (json.dumps({"format": "autre"}).encode(), "pas un export de progression"),
        (json.dumps({**good, "done": [{"title": "sans id"}]}).encode(), "n'a pas d'identifiant"),
        (json.dumps({**good, "schoolYear": "2025-2026"}).encode(), "l'année scolaire 2025-2026"),
    ]
    for content, message in cases:
        page.locator("#vm-import").set_input_files(
            files=[{"name": "x.json", "mimeType": "application/json", "buffer": content}]
        )
        expect(page.locator(".vm-message")).to_contain_text(message)
        assert "n'a pas changé" in page.locator(".vm-message").inner_text()
        assert page.locator(".vm-import-choice button").count() == 0  # nothing to choose
        assert stored(page) == {"designer-rupn": TICKED}


def test_new_year_reset_asks_for_confirmation(watched):
    page = watched.goto(SEPTEMBER)
    box(page, "designer-rupn").check()
    page = watched.goto(f"{ACADEMY}/suivi/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Tout décocher").click()
    assert stored(page) == {"designer-rupn": TICKED}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Tout décocher").click()
    assert stored(page) == {}


STORAGE_DISABLED = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});
"""
QUOTA_EXCEEDED = """
Storage.prototype.setItem = function () {
  throw new DOMException('Quota exceeded', 'QuotaExceededError');
};
"""


def test_storage_disabled_still_works_and_warns_once(context, server):
    context.add_init_script(STORAGE_DISABLED)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    box(page, "mettre-a-jour-stsweb").check()
    assert box(page, "designer-rupn").is_checked()
    assert page.locator(".vm-progress").inner_text().endswith("; 2 faite(s)")
    expect(page.locator("#vm-storage[role=alert]")).to_be_in_viewport()
    assert page.locator("[role=alert]").count() == 1
    assert "ne peut plus être enregistrée" in page.locator("#vm-storage").inner_text()
    assert errors == []


def test_quota_exceeded_keeps_ticks_for_the_session(context, server):
    context.add_init_script(QUOTA_EXCEEDED)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    assert box(page, "designer-rupn").is_checked()
    assert page.locator("#vm-storage[role=alert]").count() == 1
    box(page, "mettre-a-jour-stsweb").check()
    assert page.locator("#vm-storage[role=alert]").count() == 1
    assert page.locator(".vm-progress").inner_text().endswith("; 2 faite(s)")
    assert errors == []


def test_old_schema_is_migrated_not_dropped(watched, context):
    old_key = f"vademecum:v1:{ACADEMY}:2026-2027"
    context.add_init_script(
        f"if (!localStorage.getItem('{DONE_KEY}')) localStorage.setItem('{old_key}', "
        "JSON.stringify(['designer-rupn']));"
    )
    page = watched.goto(SEPTEMBER)
    assert box(page, "designer-rupn").is_checked()
    assert stored(page) == {"designer-rupn": 1}
    assert stored(page, old_key) is None


def test_instant_navigation_keeps_working(watched):
    page = watched.goto(SEPTEMBER)
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a", has_text="Octobre").first.click()
    page.wait_for_url(re.compile("calendrier/octobre/"))
    page.locator(".vm-progress").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not happen"
    box(page, "cybermois").check()
    assert page.locator(".vm-progress").inner_text() == "1 tâche(s) sur cette page ; 1 faite(s)"
    assert stored(page) == {"cybermois": TICKED}


def test_without_javascript_lists_stay_readable(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + SEPTEMBER)
    assert page.locator("article.vm-task").count() == 2
    assert page.locator("article#designer-rupn").is_visible()
    assert page.locator("input.vm-done").count() == 2
    context.close()


def test_only_same_origin_requests(watched):
    for path in (f"{ACADEMY}/", SEPTEMBER, f"{ACADEMY}/suivi/", f"{ACADEMY}/roles/rupn/"):
        watched.goto(path)
    assert watched.requests and all(url.startswith(watched.base) for url in watched.requests), [
        url for url in watched.requests if not url.startswith(watched.base)
    ]


def test_own_javascript_is_small():
    """The script of every page and each page's own module stay within 6 KB gzipped, as the site
    publishes them (minified by vademecum.site.minify: the sources keep their comments)."""
    scripts = sorted((REPO / "overrides/assets/javascripts").glob("*.js"))
    assert {s.name for s in scripts} >= {"vademecum.js", "accueil.js", "suivi.js", "bilan.js"}
    minified = minify(scripts, REPO)
    assert minified is not None, "esbuild introuvable : lancez `make setup`"
    sizes = {s.name: len(gzip.compress(minified[s], 9)) for s in scripts}
    assert all(size <= 6_000 for size in sizes.values()), sizes  # 6 Ko, as `make bench` counts
    sources = {s.name: len(gzip.compress(s.read_bytes(), 9)) for s in scripts}
    assert all(sizes[name] < sources[name] for name in sizes), (sizes, sources)


def test_page_modules_load_only_where_named(watched):
    watched.goto(SEPTEMBER)
    assert not any(url.endswith(("accueil.js", "suivi.js")) for url in watched.requests)
    watched.goto(f"{ACADEMY}/suivi/")
    assert any(url.endswith("/assets/javascripts/suivi.js") for url in watched.requests)
    assert not any(url.endswith("accueil.js") for url in watched.requests)


def tab_through(page, limit: int = 250) -> list[str]:
    """Press Tab until focus comes back to the start; return what got focus, in order."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => { const e = document.activeElement; if (!e || e === document.body) return '';"
            " if (!e.dataset.vmKey) e.dataset.vmKey = 'k' + Math.random().toString(36).slice(2);"
            " return e.dataset.vmKey; }"
        )
        if key and key in seen:
            break
        seen.append(key)
    return seen


def keys_of(page, selector: str) -> set[str]:
    return set(
        page.evaluate(
            f"() => [...document.querySelectorAll({selector!r})].map(e => e.dataset.vmKey || '')"
        )
    )


def test_keyboard_reaches_every_checkbox_and_control(watched):
    page = watched.goto(f"{ACADEMY}/calendrier/septembre/")
    page.locator(".vm-filter-bar").wait_for()
    reached = set(tab_through(page))
    targets = keys_of(
        page, "input.vm-done, .vm-print-bar button, #vm-print-ticks, .vm-filter-bar select"
    )
    assert "" not in targets and targets <= reached
    assert keys_of(page, ".vm-print-mode input:checked") <= reached
    page = watched.goto(f"{ACADEMY}/suivi/")
    page.locator("#vm-import").wait_for()
    reached = set(tab_through(page))
    targets = keys_of(page, ".vm-tools input[type=checkbox], .vm-tools button, #vm-import")
    assert "" not in targets and targets <= reached
    radios = keys_of(page, ".vm-tools input[type=radio]:checked")
    assert radios <= reached  # one stop per radio group, on the chosen option
    page.get_by_role("button", name="Exporter (fichier JSON)").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def _rewrite(url: str, change):
    """A route handler serving `url` with its body passed through `change`."""

    def handler(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))

    return handler


FACTS = re.compile(r"<meta name=\"vm-facts\" content='([^']*)'>")


def test_storage_version_and_turnover_come_from_the_page(context, server):
    def other_facts(body: str) -> str:
        found = FACTS.search(body)
        assert found, "the page carries no vm-facts"
        facts = json.loads(html.unescape(found.group(1)))
        facts |= {"version": 7, "turnover": {"month": 10, "day": 20}}
        return body.replace(
            found.group(0), f"<meta name=\"vm-facts\" content='{json.dumps(facts)}'>"
        )

    page = context.new_page()
    page.route(server + SEPTEMBER, _rewrite(server + SEPTEMBER, other_facts))
    page.goto(server + SEPTEMBER)
    box(page, "designer-rupn").check()
    # 15 October 2026 comes before a 20 October turnover: still the school year 2025-2026.
    assert stored(page, f"vademecum:v7:{ACADEMY}:2025-2026:done") == {"designer-rupn": TICKED}
    assert stored(page) is None


def test_months_and_their_labels_come_from_the_index(watched):
    def relabel(body: str) -> str:
        index = json.loads(body)
        index["period_labels"]["novembre"] = "Novembre (renommé)"
        index["months"] |= {"octobre": 11, "novembre": 10}  # the clock says October
        index["tasks"][0]["when"] = ["novembre"]  # a task to do in the (renamed) current month
        return json.dumps(index)

    url = f"{watched.base}{ACADEMY}/taches.json"
    watched.page.route(url, _rewrite(url, relabel))
    page = watched.goto(f"{ACADEMY}/")
    page.locator('[data-vm-module="accueil"]').locator(
        "text=À faire en novembre (renommé)"
    ).wait_for()


def test_an_error_status_for_the_index_is_not_read_as_data(context, server):
    page = context.new_page()
    thrown: list[str] = []
    page.on("pageerror", lambda error: thrown.append(str(error)))
    page.route(
        f"{server}{ACADEMY}/taches.json",
        lambda route: route.fulfill(
            status=500, content_type="application/json", body='{"tasks": []}'
        ),
    )
    page.goto(f"{server}{ACADEMY}/suivi/")
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-vm-module="suivi"]')).to_contain_text("demandent JavaScript")
    assert thrown == []
