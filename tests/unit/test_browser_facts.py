"""The browser scripts take the build's facts from the page and taches.json, never from a copy;
page modules register under the names the page declarations give, with one contract."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO
from vademecum.data.labels import LEVEL_LABELS, PERIOD_LABELS, PERIOD_ORDER
from vademecum.data.school_year import TURNOVER_DAY, TURNOVER_MONTH
from vademecum.site.browser_facts import page_facts
from vademecum.site.checklist_index import SCHEMA_VERSION
from vademecum.site.pages.declarations import browser_map

SCRIPTS = sorted((REPO / "overrides/assets/javascripts").glob("*.js"))
MAIN = "vademecum.js"  # the script of every page; the others are page modules
# Added by the Zensical export only (French labels of its search panel): not a page module.
GENERATOR_SCRIPTS = {"zensical-fr"}


def code(name: str) -> str:
    """A script without its comments (comments may name the facts)."""
    text = (REPO / "overrides/assets/javascripts" / name).read_text(encoding="utf-8")
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)


def quoted(text: str) -> list[str]:
    return re.findall(r"\"[^\"\n]*\"|'[^'\n]*'|`[^`]*`", text)


def test_every_script_is_covered():
    assert MAIN in {s.name for s in SCRIPTS} and len(SCRIPTS) > 1


@pytest.mark.parametrize("script", [s.name for s in SCRIPTS])
def test_script_names_no_period_and_no_level_label(script):
    strings = [q[1:-1] for q in quoted(code(script))]
    periods = {p.value for p in PERIOD_ORDER} | {label.lower() for label in PERIOD_LABELS.values()}
    labels = {label.lower() for label in LEVEL_LABELS.values()}
    words = {w.lower() for text in strings for w in re.findall(r"[\w'-]+", text)}
    assert not words & periods, sorted(words & periods)
    assert not any(label in text.lower() for text in strings for label in labels)


@pytest.mark.parametrize("script", [s.name for s in SCRIPTS])
def test_script_holds_no_storage_version_nor_turnover_date(script):
    text = code(script)
    assert not re.search(rf"\bv{SCHEMA_VERSION}\b|VERSION\s*=", text)
    # The turnover as a month number (1-12) or a JavaScript month index (0-11): anywhere in the
    # main script; next to a month or a day in a module (which counts list items too).
    month = rf"\b({TURNOVER_MONTH}|{TURNOVER_MONTH - 1})\b"
    near = rf"(getMonth\(\)|month|Month|day|Day)[^;\n]{{0,20}}{month}"
    assert not re.search(month if script == MAIN else near, text)


def test_the_main_script_reads_the_facts():
    text = code(MAIN)
    assert "facts.turnover" in text and "facts.version" in text and "facts.modules" in text


def test_the_main_script_names_no_page_module():
    modules = browser_map()["modules"]
    assert modules
    found = [q for q in quoted(code(MAIN)) if q[1:-1] in modules]
    assert not found, found


def test_each_module_registers_under_its_own_declared_name_with_the_contract():
    declared = set(browser_map()["modules"])
    modules = {s.stem for s in SCRIPTS if s.name != MAIN and s.stem not in GENERATOR_SCRIPTS}
    assert modules == declared  # a file for every declared module, a declaration for every file
    for name in modules:
        calls = re.findall(r"window\.vademecum\.register\(\"([\w-]+)\", \{(.*?)\}\);", code(f"{name}.js"), re.S)
        assert [call[0] for call in calls] == [name], name
        body = calls[0][1]
        assert re.search(r"\bmount\b", body) and re.search(r"\brefresh\b", body), name


def test_modules_share_the_helpers_instead_of_copying_them():
    for script in SCRIPTS:
        if script.name == MAIN:
            continue
        text = code(script.name)
        # plural, the download of a file, the date tests: one copy each, in the api.
        for copy in (r"\?\s*many\s*:\s*one", "createObjectURL", r"getMonth\(\)", "dayOf"):
            assert not re.search(copy, text), (script.name, copy)


def test_page_facts_come_from_the_python_side():
    facts = page_facts()
    assert facts["version"] == SCHEMA_VERSION
    assert facts["turnover"] == {"month": TURNOVER_MONTH, "day": TURNOVER_DAY}
    assert facts["levels"] == {
        level.value: label for level, label in LEVEL_LABELS.items()
    }
    assert next(iter(facts["levels"])) == facts["every_level"]  # « Collège et lycée » first
    assert facts["pages"] == browser_map()["pages"] and facts["modules"] == browser_map()["modules"]
    json.dumps(facts)  # written as JSON into the page
