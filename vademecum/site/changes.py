"""« Quoi de neuf » : what changed in a site's tasks since the previous school year.

The previous state is read from the data's git history: the last commit before the school
year's turnover date (1 August). Without history (no git, shallow clone), the page says so.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vademecum.data.cascade import load_catalog
from vademecum.data.catalog import Catalog
from vademecum.data.model import Task
from vademecum.data.school_year import TURNOVER_DAY, TURNOVER_MONTH, SchoolYear

COMPARED_FIELDS = (
    "title",
    "details",
    "when",
    "who",
    "themes",
    "level",
    "flags",
    "services",
    "resources",
    "legal_texts",
    "notes",
)


def field_word(name: str) -> str:
    """A task field's French name, as the form editor shows it, in lower case (« quand »)."""
    return (Task.model_fields[name].title or name).lower()


@dataclass
class Changes:
    since: str | None  # the commit compared with, or None
    history: bool = False  # whether the data's git history could be read at all
    added: list[Task] = field(default_factory=list)
    removed: list[Task] = field(default_factory=list)
    modified: list[tuple[Task, list[str]]] = field(default_factory=list)
    # document id → its edition in the previous year's data (None: not a source then)
    previous_editions: dict[str, str | None] = field(default_factory=dict)


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _catalog_at(root: Path, commit: str, academy: str) -> Catalog | None:
    archive = _git(root, "archive", "--format=tar", commit, "data")
    if archive is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        catalog, _ = load_catalog(Path(folder), academy)
    return catalog


def changes_since_previous_year(root: Path, catalog: Catalog, year: SchoolYear) -> Changes:
    turnover = f"{year.start}-{TURNOVER_MONTH:02d}-{TURNOVER_DAY:02d}T00:00:00"
    found = _git(root, "log", "-1", "--format=%H", f"--before={turnover}", "--", "data")
    commit = found.decode().strip() if found else ""
    if not commit:
        return Changes(None, history=found is not None)
    previous = _catalog_at(root.resolve(), commit, catalog.academy.id)
    old = {t.id: t for t in previous.tasks} if previous else {}
    new = {t.id: t for t in catalog.tasks}
    changes = Changes(commit[:10], history=True)
    before_docs = {d.id: d for d in previous.documents} if previous else {}
    changes.previous_editions = {
        d.id: (getattr(before_docs[d.id], "edition", None) or "édition non précisée")
        if d.id in before_docs
        else None
        for d in catalog.documents
    }
    changes.added = [task for task_id, task in new.items() if task_id not in old]
    changes.removed = [task for task_id, task in old.items() if task_id not in new]
    for task_id, task in new.items():
        if task_id in old:
            before, after = old[task_id].model_dump(), task.model_dump()
            fields = [field_word(f) for f in COMPARED_FIELDS if before.get(f) != after.get(f)]
            if fields:
                changes.modified.append((task, fields))
    return changes
