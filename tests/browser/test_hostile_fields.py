"""Every text field of the model, filled with a hostile value, on every page of the site.

The fields and their kind (plain text or Markdown) come from the model itself
(`vademecum.data.model.text_fields`), so a new field is attacked as soon as it exists. Each page is
opened in Chromium with a dialog listener, every element is poked, and the search is run; the
non-HTML outputs (search index, calendars, JSON) are read too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar
from pydantic import BaseModel

from tests.browser.conftest import build_and_serve
from tests.conftest import make_project, write
from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.model import Academy, Region, TextKind, text_fields

PLAIN = (
    "Nom<script>alert('p')</script>[lien](javascript:alert('l'))<img src=x onerror=alert('i')>"
    "**gras** {: onclick=\"alert('a')\" } </title><script>alert('t')</script>"
)
MARKDOWN = (
    "Texte <script>alert('m')</script> [lien](javascript:alert('ml')) "
    "<img src=x onerror=alert('mi')> {{ 7*7 }} [ok](https://exemple.fr)\n\n- un\n- deux\n"
)
HOSTILE = {TextKind.PLAIN: PLAIN, TextKind.MARKDOWN: MARKDOWN}
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
"""


def poison(record: dict[str, Any], model: type[BaseModel]) -> int:
    """Replace every text field of `record` (nested records too); returns how many."""
    count = 0
    for name, kind in text_fields(model).items():
        value = record.get(name)
        if isinstance(value, list):
            record[name] = [HOSTILE[kind] for _ in value]
            count += 1
        elif value is not None:
            record[name] = HOSTILE[kind]
            count += 1
    for name, info in model.model_fields.items():
        value = record.get(info.alias or name)
        nested = _nested(info.annotation)
        if nested is None or value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                count += poison(item, nested)
    return count


def _nested(annotation: Any) -> type[BaseModel] | None:
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    return next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)


@pytest.fixture(scope="module")
def served(tmp_path_factory, browser):
    project = make_project(tmp_path_factory.mktemp("hostile-fields") / "project")
    poisoned = 0
    for path in sorted((project / "data").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name in ("academy.yml", "region.yml"):
            poisoned += poison(data, Academy if path.name == "academy.yml" else Region)
        else:
            for record in data.get(path.stem) or []:
                poisoned += poison(record, KINDS[path.stem])
        write(project, str(path.relative_to(project)), yaml.safe_dump(data, allow_unicode=True))
    assert poisoned > 90  # every kind of the mini-site is attacked
    write(
        project, "content/guide-hostile.md", "# Guide\n\n{{ academy.name }} {{ academy_name() }}\n"
    )
    for base in build_and_serve(project):
        # A guide may not write a <script> (check and build refuse it): one is put into a built
        # page instead, for the CSP to block.
        built = project / "site" / "academie-test"
        html = (built / "index.html").read_text(encoding="utf-8")
        raw = html.replace("</body>", "<script>window.__ran = 1</script></body>", 1)
        write(project, "site/academie-test/guide-script/index.html", raw)
        yield project / "site", base


def pages(site: Path, academy: str) -> list[str]:
    root = site / academy
    return sorted(
        p.parent.relative_to(root).as_posix().removeprefix(".") + "/"
        for p in root.rglob("index.html")
    )


def test_every_text_field_is_attacked():
    attacked = {kind: set(text_fields(model).values()) for kind, model in KINDS.items()}
    assert all(attacked.values())
    assert TextKind.MARKDOWN in attacked["tasks"] and TextKind.PLAIN in attacked["roles"]


@pytest.mark.parametrize("academy", ["academie-test", "national"])
def test_no_page_runs_a_hostile_value(browser, served, academy):
    site, base = served
    # guide-script/ holds a raw inline script on purpose: its CSP violation is tested below.
    paths = [p for p in pages(site, academy) if p != "guide-script/"]
    assert len(paths) > 30
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    dialogs: list[str] = []
    # The site's own confirm() (« Effacer toutes les cases… ? ») may quote the académie's name as
    # text; an injected script would call alert().
    page.on("dialog", lambda d: (d.type == "alert" and dialogs.append(d.message), d.dismiss()))
    for path in paths:
        page.goto(f"{base}{academy}/{path.removeprefix('/')}")
        page.wait_for_load_state("load")
        page.evaluate(
            "() => document.querySelectorAll('body *').forEach(e => ['mouseover', 'click',"
            " 'error', 'focus'].forEach(t => e.dispatchEvent(new Event(t, {bubbles: false}))))"
        )
        found = page.evaluate(
            """() => ({
              images: document.querySelectorAll('img[src=x], img[src$="/x"]').length,
              handlers: document.querySelectorAll('[onclick], [onerror], [onmouseover]').length,
              links: document.querySelectorAll('a[href^="javascript:"], a[href^="data:"]').length,
              scripts: [...document.scripts].filter(s => s.text.includes('alert')).length,
              csp: window.__csp.length,
              title: document.title,
            })"""
        )
        assert found == {**found, "images": 0, "handlers": 0, "links": 0, "scripts": 0, "csp": 0}, (
            path
        )
        assert dialogs == [], (path, dialogs)
    # The search renders titles and snippets as HTML: run it on the hostile words.
    page.goto(f"{base}{academy}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("alert")
    page.wait_for_timeout(1500)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('.md-search-result img[src=x]').length") == 0
    context.close()


def test_titles_and_site_name_are_text(browser, served):
    site, base = served
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{base}academie-test/roles/")
    header = page.inner_text(".md-header__topic")
    assert "<script>" in header  # shown as text, not run
    assert "<script>" in page.title()
    context.close()


def test_non_html_outputs_carry_no_markup(served):
    site, _ = served
    index = json.loads((site / "academie-test/search/search_index.json").read_text())
    for doc in index["docs"]:
        assert "<script" not in doc["title"] and "<img" not in doc["title"], doc["title"]
        assert not re.search(r"<(script|img)\b", doc["text"]), doc["location"]
    tasks = json.loads((site / "academie-test/taches.json").read_text())
    assert tasks  # valid JSON whatever the values
    calendar = Calendar.from_ical((site / "academie-test/calendrier.ics").read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries and all("\n" not in s for s in summaries)  # one line each, text as written


def test_an_inline_script_in_a_page_is_blocked_by_the_csp(browser, served):
    """Escaping and the guide check are not the only walls: a script the theme did not write
    never runs."""
    site, base = served
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(f"{base}academie-test/guide-script/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    context.close()
