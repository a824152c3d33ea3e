"""The browser script takes the build's facts from the page and taches.json, never from a copy."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO
from vademecum.browser_facts import page_facts
from vademecum.checklist_index import SCHEMA_VERSION
from vademecum.labels import LEVEL_LABELS, PERIOD_LABELS, PERIOD_ORDER
from vademecum.school_year import TURNOVER_DAY, TURNOVER_MONTH

SCRIPT = (REPO / "overrides/assets/javascripts/vademecum.js").read_text(encoding="utf-8")
CODE = re.sub(r"/\*.*?\*/|//[^\n]*", "", SCRIPT, flags=re.S)  # comments may name the facts


def test_script_names_no_period_and_no_level_label():
    quoted = re.findall(r"[\"'`]([^\"'`]*)[\"'`]", CODE)
    periods = {p.value for p in PERIOD_ORDER} | {label.lower() for label in PERIOD_LABELS.values()}
    labels = {label.lower() for label in LEVEL_LABELS.values()}
    words = {w.lower() for text in quoted for w in re.findall(r"[\w'-]+", text)}
    assert not words & periods, sorted(words & periods)
    assert not any(label in text.lower() for text in quoted for label in labels)


def test_script_holds_no_storage_version_nor_turnover_date():
    assert not re.search(rf"\bv{SCHEMA_VERSION}\b|VERSION\s*=", CODE)
    # The turnover as a month number (1-12) or a JavaScript month index (0-11).
    assert not re.search(rf"\b({TURNOVER_MONTH}|{TURNOVER_MONTH - 1})\b", CODE)
    assert "facts.turnover" in CODE and "facts.version" in CODE


def test_page_facts_come_from_the_python_side():
    facts = page_facts()
    assert facts["version"] == SCHEMA_VERSION
    assert facts["turnover"] == {"month": TURNOVER_MONTH, "day": TURNOVER_DAY}
    assert facts["levels"] == {
        level.value: label for level, label in LEVEL_LABELS.items()
    }
    assert next(iter(facts["levels"])) == facts["every_level"]  # « Collège et lycée » first
    json.dumps(facts)  # written as JSON into the page
