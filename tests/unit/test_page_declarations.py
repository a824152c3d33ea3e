"""Each page is declared once (vademecum/site/pages/declarations.py): pages, nav and browser map follow."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

import pytest

from tests.conftest import MINISITE, REPO
from vademecum.data.cascade import load_catalog
from vademecum.data.school_year import SchoolYear
from vademecum.site.browser_facts import page_facts
from vademecum.site.pages import PageBuilder
from vademecum.site.pages import declarations as registry
from vademecum.site.render.components import Renderer
from vademecum.site.sites import SiteData, nav

YEAR = SchoolYear(2026)


@pytest.fixture
def site():
    catalog, problems = load_catalog(MINISITE, "academie-test")
    assert catalog is not None, problems
    renderer = Renderer(catalog, YEAR)
    builder = PageBuilder(catalog, renderer, YEAR)
    return SiteData(catalog, renderer, builder.all()), builder


@pytest.fixture
def throwaway(monkeypatch):
    """One more page, declared with an existing builder and nothing else."""
    extra = registry.PageDeclaration(
        "essai", "outils/essai.md", "Page d'essai", "progress", nav="Essai", module="essai"
    )
    declared = (*registry.DECLARATIONS, extra)
    monkeypatch.setattr(registry, "DECLARATIONS", declared)
    monkeypatch.setattr(registry, "PAGES", registry.registry(declared))
    return extra


def flatten(entries):
    for entry in entries:
        if isinstance(entry, dict):
            for label, value in entry.items():
                if isinstance(value, list):
                    yield from flatten(value)
                else:
                    yield label, value
        else:
            yield None, entry


def test_a_declared_page_is_in_the_pages_the_nav_and_the_browser_map(site, throwaway):
    data, builder = site
    pages = {page.path: page for page in builder.all()}
    assert pages["outils/essai.md"].title == "Page d'essai"
    assert ("Essai", "outils/essai.md") in list(flatten(nav(data, {})))
    facts = page_facts()
    assert facts["pages"]["essai"] == "outils/essai/"
    assert "essai" in facts["modules"]


def test_every_page_built_is_declared_and_in_the_nav(site):
    data, builder = site
    built = [page.path for page in builder.all()]
    in_nav = [path for _, path in flatten(nav(data, {}))]
    assert in_nav[0] == "index.md"  # the hand-written home page, declared too
    assert sorted(built) == sorted(in_nav[1:])


def test_an_absent_page_is_neither_built_nor_in_the_nav(site, monkeypatch):
    data, builder = site
    absent = tuple(
        replace(d, present=lambda catalog: False) if d.name == "contacts" else d
        for d in registry.DECLARATIONS
    )
    monkeypatch.setattr(registry, "DECLARATIONS", absent)
    assert "contacts.md" not in [page.path for page in builder.all()]
    assert "contacts.md" not in [path for _, path in flatten(nav(data, {}))]


def test_a_page_declared_twice_is_refused():
    twice = (*registry.DECLARATIONS, registry.DECLARATIONS[-1])
    with pytest.raises(ValueError, match="déclarée deux fois"):
        registry.registry(twice)


# -- no page path written twice -------------------------------------------------------------

SCRIPTS = sorted((REPO / "overrides/assets/javascripts").glob("*.js"))
PYTHON = sorted(
    p
    for folder in ("vademecum", "vademecum_mkdocs", "macros")
    for p in (REPO / folder).rglob("*.py")
)
DECLARATIONS_FILE = REPO / "vademecum/site/pages/declarations.py"


def page_stems() -> set[str]:
    """The declared pages' paths without « .md » or « {id} »: « roles/ », « suivi », « calendrier/ »."""
    stems = set()
    for declaration in registry.DECLARATIONS:
        stem = declaration.path.removesuffix(".md").split("{id}")[0].removesuffix("index")
        if stem:
            stems.add(stem)
    return stems


def strings(path):
    """The string literals of a Python file (docstrings left out) and the pieces of f-strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
            id(node) not in docstrings
        ):
            yield node.value


def mentions(text: str, stem: str) -> bool:
    # « roles/ » as a path, « suivi » as a whole path (suivi.md, suivi/), not « suivi » in prose.
    if stem.endswith("/"):
        return re.search(rf"(?<![\w/-]){re.escape(stem)}", text) is not None
    return re.search(rf"(?<![\w/-]){re.escape(stem)}(\.md|/)", text) is not None


def test_no_script_names_a_page_path():
    for script in SCRIPTS:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S)
        quoted = re.findall(r"\"[^\"\n]*\"|'[^'\n]*'|`[^`]*`", code)
        found = {s for s in page_stems() for q in quoted if mentions(q, s)}
        assert not found, f"{script.name}: {sorted(found)}"


def test_no_python_module_but_the_registry_names_a_page_path():
    for path in PYTHON:
        if path == DECLARATIONS_FILE:
            continue
        found = {s for s in page_stems() for text in strings(path) if mentions(text, s)}
        assert not found, f"{path.relative_to(REPO)}: {sorted(found)}"
    registry_strings = list(strings(DECLARATIONS_FILE))
    for stem in page_stems():
        assert any(mentions(text, stem) for text in registry_strings), stem
