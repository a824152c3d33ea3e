"""The merged, validated data of one site: what every page reads, loaded once per build."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from vademecum.data.labels import PERIOD_ORDER
from vademecum.data.model import (
    Academy,
    AssessmentDomain,
    Contact,
    Document,
    Flag,
    LegalText,
    Period,
    Region,
    Resource,
    Role,
    Scenario,
    Service,
    Task,
    Term,
    Theme,
)
from vademecum.site.pages.declarations import page_url

LevelName = Literal["national", "region", "academy"]


def task_roles(task: Task) -> list[str]:
    """The roles of a task: the one that leads it, then the ones associated with it."""
    return [task.who.lead, *task.who.with_]


def task_periods(task: Task) -> list[Period]:
    """A task's periods in the order of the school year, each once."""
    return sorted(set(task.when), key=PERIOD_ORDER.index)


def task_url(task: Task, period: Period | None = None) -> str:
    """The task on a month page (its first period by default), relative to the site root."""
    return page_url("period", (period or task_periods(task)[0]).value) + f"#{task.id}"


@dataclass
class Entry:
    """A record with where it comes from: `level` is the most local level that set it."""

    record: Any
    level: LevelName
    defined_in: str
    changed_in: list[str] = field(default_factory=list)

    @property
    def is_local(self) -> bool:
        return self.level != "national"

    @property
    def edit_file(self) -> str:
        """The file an editor opens to change this record (the most local one)."""
        return self.changed_in[-1] if self.changed_in else self.defined_in


@dataclass
class Catalog:
    academy: Academy
    region: Region | None
    records: dict[str, dict[str, Entry]]
    _work_rank: dict[str, tuple[int, bool, int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    # Typed views of each kind (kinds.REGISTRY names them); `all(kind)` serves code that loops
    # over kinds.
    @property
    def documents(self) -> list[Document]:
        return self.all("documents")

    @property
    def themes(self) -> list[Theme]:
        return self.all("themes")

    @property
    def roles(self) -> list[Role]:
        return self.all("roles")

    @property
    def services(self) -> list[Service]:
        return self.all("services")

    @property
    def legal_texts(self) -> list[LegalText]:
        return self.all("legal_texts")

    @property
    def resources(self) -> list[Resource]:
        return self.all("resources")

    @property
    def glossary(self) -> list[Term]:
        return self.all("glossary")

    @property
    def contacts(self) -> list[Contact]:
        return self.all("contacts")

    @property
    def tasks(self) -> list[Task]:
        return self.all("tasks")

    @property
    def scenarios(self) -> list[Scenario]:
        return self.all("scenarios")

    @property
    def assessment(self) -> list[AssessmentDomain]:
        return self.all("assessment")

    def role(self, role_id: str) -> Role:
        role: Role = self.get("roles", role_id)
        return role

    def legal_text(self, text_id: str) -> LegalText:
        text: LegalText = self.get("legal_texts", text_id)
        return text

    def resource(self, resource_id: str) -> Resource:
        resource: Resource = self.get("resources", resource_id)
        return resource

    def entries(self, kind: str) -> list[Entry]:
        return list(self.records.get(kind, {}).values())

    def all(self, kind: str) -> list[Any]:
        return [entry.record for entry in self.records.get(kind, {}).values()]

    def get(self, kind: str, record_id: str) -> Any:
        return self.records[kind][record_id].record

    def entry(self, kind: str, record_id: str) -> Entry:
        return self.records[kind][record_id]

    def has(self, kind: str, record_id: str) -> bool:
        return record_id in self.records.get(kind, {})

    def tasks_of_role(self, role_id: str) -> list[Task]:
        """The tasks a role leads or is associated with, in data order."""
        return [t for t in self.tasks if role_id in task_roles(t)]

    def work_rank(self) -> dict[str, tuple[int, bool, int, int]]:
        """Each task's place in the order of work: the steps of a scenario first (in their
        order), then regulatory tasks, then by theme (themes.yml order), then data order."""
        if self._work_rank is None:
            tasks = self.tasks
            steps: dict[str, int] = {}
            for scenario in self.scenarios:
                for index, task_id in enumerate(scenario.steps):
                    steps.setdefault(task_id, index)
            themes = {theme.id: index for index, theme in enumerate(self.themes)}
            last = len(tasks)
            self._work_rank = {
                task.id: (
                    steps.get(task.id, last),
                    Flag.REGLEMENTAIRE not in task.flags,
                    themes.get(task.themes[0], last),
                    position,
                )
                for position, task in enumerate(tasks)
            }
        return self._work_rank

    def in_work_order(self, tasks: Iterable[Task]) -> list[Task]:
        rank = self.work_rank()
        return sorted(tasks, key=lambda task: rank[task.id])

    def counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.records.items()}

    def __iter__(self) -> Iterator[tuple[str, Entry]]:
        for kind, items in self.records.items():
            for entry in items.values():
                yield kind, entry
