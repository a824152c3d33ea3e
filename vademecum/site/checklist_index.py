"""The checklist index (`taches.json`): what the browser script needs about every task.

Tasks come in the order of work (Catalog.work_rank). The home page computes « Maintenant »
from it, the filter bar reads its roles and territories, the progress per month reads it, an
imported progress file is checked against its ids, the export names each task by its title and
periods, and « Mon bilan » groups the year's ticks by theme with the roles and the legal texts
(their reference and title) they involve.
"""

from __future__ import annotations

import json

from vademecum.data.catalog import Catalog, task_periods, task_roles, task_url
from vademecum.data.labels import MONTH_NUMBERS, PERIOD_LABELS, PERIOD_ORDER
from vademecum.data.model import RoleKind
from vademecum.site.pages.declarations import page_url

CHECKLIST_INDEX = "taches.json"
# Version of the browser's checklist keys and progress files (vademecum:v<version>:…); the
# script reads it from the page (vademecum.site.browser_facts), never from a copy of its own.
SCHEMA_VERSION = 2


def checklist_index(catalog: Catalog) -> str:
    tasks = []
    for task in catalog.in_work_order(catalog.tasks):
        periods = task_periods(task)
        tasks.append(
            {
                "id": task.id,
                "title": task.title,
                "when": [p.value for p in periods],
                "roles": task_roles(task),
                "level": task.level.value,
                "scope": task.scope,
                "themes": task.themes,
                "legal_texts": task.legal_texts,
                "flags": [f.value for f in task.flags],
                "url": task_url(task),
            }
        )
    roles = [
        {
            "id": role.id,
            "name": role.full_name,
            "person": role.kind == RoleKind.PERSONNE,
        }
        for role in catalog.roles
    ]
    cited = {text_id for task in catalog.tasks for text_id in task.legal_texts}
    legal_texts = [
        {"id": text.id, "reference": text.reference, "title": text.title}
        for text in catalog.legal_texts
        if text.id in cited  # only what a task cites: the bilan names nothing else
    ]
    index = {
        "academy": catalog.academy.id,
        "version": SCHEMA_VERSION,
        "periods": [p.value for p in PERIOD_ORDER],  # in school-year order
        "period_labels": {p.value: PERIOD_LABELS[p] for p in PERIOD_ORDER},
        "months": {p.value: number for p, number in MONTH_NUMBERS.items()},  # calendar month
        "roles": roles,
        "territories": [{"id": t.id, "name": t.name} for t in catalog.academy.territories],
        "scenarios": [
            {"id": s.id, "title": s.title, "url": page_url("scenario", s.id), "steps": s.steps}
            for s in catalog.scenarios
        ],
        "themes": [{"id": t.id, "name": t.name} for t in catalog.themes],
        "legal_texts": legal_texts,
        "tasks": tasks,
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
