"""Saving through the form editor (/admin/) changes only the lines the editor changed.

The forge is answered by the test (tests/browser/fake_github.py): the editor signs in with a
stored token, reads the project's data files and commits; the test then diffs the committed
file against the original.
"""

from __future__ import annotations

import difflib
import json
import os
import re

import pytest

from tests.browser.conftest import build_and_serve
from tests.browser.fake_github import FakeGitHub
from tests.conftest import REPO, make_project, write
from vademecum.data.cascade import load_catalog
from vademecum.editors.cms_site import CMS_SCRIPT

ACADEMY = "academie-test"
REPO_NAME = "drane/vademecum"
TASKS = f"data/academies/{ACADEMY}/tasks.yml"

# Comments, the schema line, flow lists and folded text: what a hand-written file holds. One task
# is for lycées only, one has no level (all schools), none says gives_url.
ORIGINAL = """\
# yaml-language-server: $schema=../../../schema/tasks.json
# Tâches propres à l'académie de test.
tasks:
  # ----- Orientation -----
  - id: preparer-affectation-seconde
    title: Préparer l'affectation des élèves de seconde
    details: >-
      Un texte plié sur plusieurs lignes, que l'éditeur en ligne ne doit pas
      réécrire sur une seule.
    when: [mars]
    who: {lead: chef-etablissement, with: [rupn]}
    themes: [gouvernance]
    level: lycee
    source: {document: doc-national, section: Affectation}

  - id: verifier-comptes-eleves  # pour tous les établissements
    title: Vérifier les comptes des élèves
    when: [septembre]
    who: {lead: rupn}
    themes: [gouvernance]
    source: {document: doc-national, section: Comptes, page: 3}
change:
  - id: designer-rupn
    title: Désigner le RUPN avant les vacances de Toussaint
    who: {lead: chef-etablissement, with: [rupn, referent-cyber]}
remove:
  - id: suivre-ent
    reason: L'ENT de l'académie publie ses propres statistiques.
"""

# The one change the editor makes: two months of a national task.
ADDED = [
    "  - id: mettre-a-jour-stsweb",
    "    when: [juin, juillet]",
]


@pytest.fixture(scope="module")
def project_server(tmp_path_factory, browser):
    if not (REPO / CMS_SCRIPT).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("Sveltia CMS est introuvable : `make test` l'installe (npm ci).")
        pytest.skip("node_modules absent (npm ci)")
    project = make_project(tmp_path_factory.mktemp("admin-save") / "project")
    write(project, TASKS, ORIGINAL)
    saved = {k: os.environ.get(k) for k in ("VADEMECUM_CMS_REPO", "VADEMECUM_CMS_BACKEND")}
    os.environ.update(VADEMECUM_CMS_REPO=REPO_NAME, VADEMECUM_CMS_BACKEND="github")
    try:
        for base in build_and_serve(project):
            yield project, base
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _editor(browser, base: str, forge: FakeGitHub):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 1000})
    # Signed in already: the token the editor pasted once, as Sveltia CMS keeps it.
    user = {"backendName": "github", "token": "jeton-de-test", "login": "editrice"}
    context.add_init_script(
        f"localStorage.setItem('sveltia-cms.user', {json.dumps(json.dumps(user))});"
    )
    page = context.new_page()
    local = base.split("/")[2]
    outside: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def route(request_route):
        url = request_route.request.url
        host = url.split("/")[2] if "://" in url else ""
        if host == "api.github.com":
            forge.answer(request_route)
        elif host != local and not url.startswith(("data:", "blob:")):
            outside.append(url)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.goto(f"{base}{ACADEMY}/admin/")
    return context, page, outside, errors


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]


def _pick(page, field: str, option: str) -> None:
    page.get_by_role("combobox", name=field).last.click()
    page.get_by_role("option", name=option).click()


def _wait(page, done, seconds: int = 30) -> None:
    """Let the page run (the forge's answers are given meanwhile) until `done()` holds."""
    for _ in range(seconds * 10):
        if done():
            return
        page.wait_for_timeout(100)


def test_saving_a_change_writes_only_its_lines(browser, project_server):
    project, base = project_server
    forge = FakeGitHub.of(project, REPO_NAME)
    assert forge.files[TASKS].decode("utf-8") == ORIGINAL
    context, page, outside, errors = _editor(browser, base, forge)
    try:
        page.get_by_text("Tâches", exact=True).first.click(timeout=60_000)
        page.get_by_text("Tâches — Académie de test", exact=False).first.click(timeout=30_000)
        page.get_by_role("button", name=re.compile(r"Ajouter.*\(change:\)")).click()
        _pick(page, "Élément", "Mettre à jour STSweb et SIECLE (mettre-a-jour-stsweb)")
        _pick(page, "Quand", "Juin")
        _pick(page, "Quand", "Juillet")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        _wait(page, lambda: forge.pulls)
        assert len(forge.commits) == 1, (forge.unknown, errors)
        commit = forge.commits[0]
        assert [a["path"] for a in commit["fileChanges"]["additions"]] == [TASKS]
        # Through a branch and a pull request, never onto main
        branch = commit["branch"]["branchName"]
        assert branch != "main" and forge.files[TASKS].decode("utf-8") == ORIGINAL
        assert [pull["head"] for pull in forge.pulls] == [branch]
        saved = forge.branches[branch][TASKS].decode("utf-8")
        assert _diff(ORIGINAL, saved) == [f"+{line}" for line in ADDED], saved
        assert outside == [] and forge.unknown == []
    finally:
        context.close()
    write(project, TASKS, saved)
    try:
        catalog, problems = load_catalog(project, ACADEMY)
    finally:
        write(project, TASKS, ORIGINAL)
    assert catalog is not None and problems == [], [str(p) for p in problems]
    assert catalog.get("tasks", "mettre-a-jour-stsweb").when == ["juin", "juillet"]


def test_editing_a_field_rewrites_only_that_line(browser, project_server):
    project, base = project_server
    forge = FakeGitHub.of(project, REPO_NAME)
    context, page, _, errors = _editor(browser, base, forge)
    try:
        page.get_by_text("Tâches", exact=True).first.click(timeout=60_000)
        page.get_by_text("Tâches — Académie de test", exact=False).first.click(timeout=30_000)
        item = page.get_by_text("(designer-rupn)").first.locator(
            "xpath=ancestor::*[.//button[@aria-label='Développer']][1]"
        )
        item.get_by_role("button", name="Développer").click()
        title = page.get_by_role("textbox", name="Intitulé").last
        assert title.input_value() == "Désigner le RUPN avant les vacances de Toussaint"
        title.fill("Désigner le RUPN avant la Toussaint")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        _wait(page, lambda: forge.pulls)
        assert len(forge.commits) == 1, (forge.unknown, errors)
        saved = forge.branches[forge.commits[0]["branch"]["branchName"]][TASKS].decode("utf-8")
        assert _diff(ORIGINAL, saved) == [
            "-    title: Désigner le RUPN avant les vacances de Toussaint",
            "+    title: Désigner le RUPN avant la Toussaint",
        ], saved
    finally:
        context.close()
