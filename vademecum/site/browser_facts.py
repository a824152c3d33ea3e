"""What the browser script must know before it fetches taches.json, owned by the Python side.

The theme override (overrides/main.html) writes it into every page as <meta name="vm-facts">
(JSON): the storage version of the checklist keys, the day the school year turns over, and the
labels of the levels, the declared pages' URLs and the page modules. The script duplicates
none of them.
"""

from __future__ import annotations

from vademecum.data.labels import LEVEL_LABELS
from vademecum.data.model import Level, Period
from vademecum.data.school_year import (
    PREPARATION_DAY,
    PREPARATION_MONTH,
    RENTREE_MONTH,
    TURNOVER_DAY,
    TURNOVER_MONTH,
)
from vademecum.site.checklist_index import SCHEMA_VERSION
from vademecum.site.pages.declarations import browser_map

# The level of a task for every school, which the level filter shows as « no filter ».
EVERY_LEVEL = Level.TOUS


def page_facts() -> dict[str, object]:
    levels = [EVERY_LEVEL, *(level for level in LEVEL_LABELS if level is not EVERY_LEVEL)]
    return {
        "version": SCHEMA_VERSION,
        "turnover": {"month": TURNOVER_MONTH, "day": TURNOVER_DAY},
        # Ticks on these periods' tasks from `preparation` on count for the coming school year.
        "preparation": {"month": PREPARATION_MONTH, "day": PREPARATION_DAY},
        "preparation_periods": [Period.AVANT_LA_RENTREE.value],
        # From `preparation` to the rentrée, the home page shows the preparation first.
        "rentree": {"month": RENTREE_MONTH, "day": 1},
        "levels": {level.value: LEVEL_LABELS[level] for level in levels},
        "every_level": EVERY_LEVEL.value,
        # Each declared page's URL pattern and the page modules (vademecum/site/pages/declarations.py).
        **browser_map(),
    }
