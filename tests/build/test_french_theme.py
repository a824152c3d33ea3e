"""The theme speaks French on every page type: no label of Material's English left, no credit."""

from __future__ import annotations

import html
import re
from pathlib import Path

import material
import pytest

from tests.conftest import make_project
from vademecum.cli import main

LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
# Written in English in Material's templates themselves, outside its translations.
HARD_CODED = ["Made with", "Material for MkDocs", "404 - Not found", "Not found"]
PAGE_TYPES = [
    "index.html",
    "404.html",
    "calendrier/index.html",
    "calendrier/septembre/index.html",
    "roles/index.html",
    "themes/index.html",
    "services/index.html",
    "textes/index.html",
    "ressources/index.html",
    "glossaire/index.html",
    "contacts/index.html",
    "suivi/index.html",
    "bilan/index.html",
    "livret/index.html",
    "prise-de-fonction/index.html",
]


def translations(language: str) -> dict[str, str]:
    text = (LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)":\s*"((?:[^"\\]|\\.)*)"', text, re.M))


def english_labels() -> list[str]:
    """Material's English labels that its French translation changes (« Navigation » is both)."""
    english, french = translations("en"), translations("fr")
    labels = [
        value
        for key, value in english.items()
        if not key.startswith("search.config.") and french.get(key, value) != value
    ]
    return sorted({label for label in labels if len(label) > 3} | set(HARD_CODED))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("french") / "project")
    target = project / "site"
    assert (
        main(
            [
                "--root",
                str(project),
                "build",
                "--academy",
                "academie-test",
                "--site-dir",
                str(target),
            ]
        )
        == 0
    )
    return target


def visible_text(page: str) -> str:
    """Text and the attributes a person reads or hears (title, aria-label, placeholder, alt)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *attributes]))


def test_the_english_labels_are_known():
    labels = english_labels()
    assert "Back to top" in labels and "Made with" in labels and "Search" in labels


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_english_label_of_the_theme(site, path):
    text = visible_text((site / path).read_text(encoding="utf-8"))
    found = [
        label for label in english_labels() if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
    ]
    assert found == [], f"{path} : {found}"


def test_the_404_page_is_in_french(site):
    text = visible_text((site / "404.html").read_text(encoding="utf-8"))
    assert "Page introuvable" in text and "Retour à l'accueil" in text
