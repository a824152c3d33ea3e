"""« Modifier cette page » opens the file that holds what the page shows (issue 16, part 4)."""

from __future__ import annotations

import re

from tests.conftest import make_project, write
from vademecum.cli import main

BASE = "https://forge.example.org/drane/vademecum/-/edit/main/"
LOCAL_RESOURCE = """resources:
  - id: guide-academique
    title: Guide académique du numérique
    url: https://www.example.org/guide
    publisher: DRANE de test
    kind: guide
    themes: [gouvernance]
    source: {document: doc-region, section: Ressources}
"""


def edit_button(html: str) -> str:
    """The href of the theme's « Modifier cette page » button."""
    match = re.search(r'<a href="([^"]+)"[^>]*class="md-content__button md-icon"', html)
    assert match, "no edit button"
    return match.group(1)


def test_contacts_and_resources_open_the_files_that_hold_them(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    write(project, "data/academies/academie-test/resources.yml", LOCAL_RESOURCE)
    monkeypatch.setenv("VADEMECUM_EDIT_URL", BASE.rstrip("/"))
    site = tmp_path / "site"
    args = ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
    assert main(args) == 0

    contacts = (site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert edit_button(contacts) == BASE + "data/academies/academie-test/contacts.yml"
    note = re.search(r'<p class="vm-edit-files">.*?</p>', contacts, re.S).group(0)
    assert f'href="{BASE}data/academies/academie-test/contacts.yml"' in note
    assert f'href="{BASE}data/national/contacts.yml"' in note
    assert note.index("academies/academie-test") < note.index("national/contacts")

    resources = (site / "ressources" / "index.html").read_text(encoding="utf-8")
    assert edit_button(resources) == BASE + "data/academies/academie-test/resources.yml"
    assert f'href="{BASE}data/national/resources.yml"' in resources

    texts = (site / "textes" / "index.html").read_text(encoding="utf-8")
    assert edit_button(texts) == BASE + "data/national/legal_texts.yml"
    assert "vm-edit-files" not in texts  # one file: the button is enough


def test_the_national_site_edits_the_national_files(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    monkeypatch.setenv("VADEMECUM_EDIT_URL", BASE)
    site = tmp_path / "site"
    args = ["--root", str(project), "build", "--academy", "national", "--site-dir", str(site)]
    assert main(args) == 0
    contacts = (site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert edit_button(contacts) == BASE + "data/national/contacts.yml"


def test_without_an_edit_address_the_files_are_named_as_text(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    monkeypatch.delenv("VADEMECUM_EDIT_URL", raising=False)
    site = tmp_path / "site"
    args = ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
    assert main(args) == 0
    contacts = (site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert "<code>data/academies/academie-test/contacts.yml</code>" in contacts
