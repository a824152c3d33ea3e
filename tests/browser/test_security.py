"""Hostile data shows as text and runs nothing; the Content-Security-Policy holds on every page."""

from __future__ import annotations

import pytest
import yaml

from tests.browser.conftest import build_and_serve
from tests.browser.test_accessibility import PAGE_TYPES
from tests.conftest import make_project, write

CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""

SCRIPT = "<script>alert('titre')</script>"
ATTRIBUTE = '" onmouseover="alert(1)" x="'
IMAGE = "<img src=x onerror=alert(2)>"
JINJA = "{{ 7*7 }} {% if true %}oui{% endif %}"
SOURCE = {"document": "doc-region", "section": ATTRIBUTE}
HOSTILE_TASK = {
    "id": "tache-hostile",
    "title": f"{SCRIPT} {JINJA}",
    "details": f"{IMAGE} [lien](javascript:alert(3)) [donnée](data:text/html,<script>alert(4)</script>)\n"
    f'<a href="#" onclick="alert(5)">clic</a> \'apostrophes\' "guillemets" {JINJA}\n',
    "when": ["octobre"],
    "who": {"lead": "role-hostile"},
    "themes": ["gouvernance"],
    "notes": [{"kind": "attention", "text": IMAGE}],
    "source": SOURCE,
}
HOSTILE_ROLE = {
    "id": "role-hostile",
    "name": ATTRIBUTE,
    "abbreviation": "<b>RH</b>",
    "mission": SCRIPT,
    "default_holder": JINJA,
    "delegable": True,
    "source": SOURCE,
}
HOSTILE_TERM = {
    "id": "terme-hostile",
    "term": "<i>XSS</i>",
    "expansion": ATTRIBUTE,
    "definition": IMAGE,
    "source": SOURCE,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser):
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    folder = project / "data/academies/academie-test"
    tasks = yaml.safe_load((folder / "tasks.yml").read_text())
    roles = yaml.safe_load((folder / "roles.yml").read_text())
    tasks["tasks"] = [HOSTILE_TASK]
    roles["roles"].append(HOSTILE_ROLE)
    write(
        project, "data/academies/academie-test/tasks.yml", yaml.safe_dump(tasks, allow_unicode=True)
    )
    write(
        project, "data/academies/academie-test/roles.yml", yaml.safe_dump(roles, allow_unicode=True)
    )
    write(
        project,
        "data/academies/academie-test/glossary.yml",
        yaml.safe_dump({"glossary": [HOSTILE_TERM]}, allow_unicode=True),
    )
    yield from build_and_serve(project)


@pytest.mark.parametrize(
    "path", ["calendrier/octobre/", "roles/role-hostile/", "glossaire/", "roles/", "", "livret/"]
)
def test_hostile_data_is_shown_as_text_and_runs_nothing(browser, hostile, path):
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(hostile + f"academie-test/{path}")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        "() => document.querySelectorAll('main *').forEach(e => ['mouseover', 'click', 'error']"
        ".forEach(t => e.dispatchEvent(new Event(t, {bubbles: false}))))"
    )
    assert dialogs == [] and errors == []
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[onmouseover], [onerror], [onclick]").count() == 0
    assert page.locator('a[href^="javascript:"], a[href^="data:"]').count() == 0
    html = page.content()
    if path == "calendrier/octobre/":  # every hostile value printed literally, Jinja not evaluated
        text = page.inner_text("article#tache-hostile")
        assert SCRIPT in text and IMAGE in text and JINJA in text and ATTRIBUTE.strip() in text
    if path == "roles/role-hostile/":
        assert JINJA in page.inner_text("main") and SCRIPT in page.inner_text("main")
    assert "<script>alert" not in html.split("</head>", 1)[1].replace("&lt;script&gt;", "")
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_csp_violation_and_no_third_party_on_any_page_type(context, server, path):
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + f"academie-test/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("window.__csp") == []
    assert requests and all(url.startswith(server) for url in requests), requests  # RGPD


def test_an_inline_script_without_its_hash_is_blocked(context, server):
    """The policy really is enforced: a script the build did not hash does not run."""
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(server + "academie-test/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
