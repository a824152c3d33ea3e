"""Cross-record checks: every id a record names must exist in the merged data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vademecum.checks.advice import suggestion
from vademecum.checks.problems import Problem
from vademecum.data.catalog import Catalog
from vademecum.data.kinds import REGISTRY
from vademecum.data.locations import Locations

# (record kind, field, sub-field or None, referenced kind)
REFERENCES: list[tuple[str, str, str | None, str]] = [
    ("roles", "services", None, "services"),
    ("services", "administered_by", None, "roles"),
    ("resources", "themes", None, "themes"),
    ("tasks", "who", "lead", "roles"),
    ("tasks", "who", "with", "roles"),
    ("tasks", "themes", None, "themes"),
    ("tasks", "services", None, "services"),
    ("tasks", "resources", None, "resources"),
    ("tasks", "legal_texts", None, "legal_texts"),
    ("scenarios", "steps", None, "tasks"),
]


def _values(
    record: Any, field: str, sub: str | None
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    dumped = record.model_dump(by_alias=True, mode="json")
    value = dumped.get(field)
    if sub is not None:
        value = (value or {}).get(sub)
        prefix: tuple[str | int, ...] = (field, sub)
    else:
        prefix = (field,)
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index), item


def check_references(catalog: Catalog, loader: Locations) -> list[Problem]:
    problems: list[Problem] = []

    def report(
        kind: str,
        record_id: str,
        field: str,
        subpath: tuple[str | int, ...],
        target_kind: str,
        ref: str,
    ) -> None:
        if (target_kind, ref) in loader.invalid:
            return  # that record has its own problem already
        site = loader.record_site(kind, record_id, field)
        if site is None:  # pragma: no cover - every stored record has a site
            return
        removed = loader.removed.get((target_kind, ref))
        kind_of = REGISTRY[target_kind]
        if removed:
            message = f"{kind_of.singular} « {ref} » {kind_of.removed()} par {removed}"
        else:
            entries = catalog.entries(target_kind)
            files = sorted({entry.defined_in for entry in entries})
            e = "e" if kind_of.feminine else ""
            where = f" ; les {kind_of.plural} sont défini{e}s dans {', '.join(files)}"
            message = (
                f"{kind_of.unknown()} « {ref} »"
                + suggestion(ref, [entry.record.id for entry in entries])
                + (where if files else "")
            )
        name = f"{kind}[{record_id}]" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in subpath
        )
        line, column = site.loaded.where(site.path + subpath)
        problems.append(Problem(site.shown_as, line, column, name, message))

    for kind, field, sub, target in REFERENCES:
        for record in catalog.all(kind):
            for subpath, ref in _values(record, field, sub):
                if not catalog.has(target, ref):
                    report(kind, record.id, field, subpath, target, ref)
    for kind, entry in catalog:
        source = getattr(entry.record, "source", None)
        if source is not None and not catalog.has("documents", source.document):
            report(
                kind,
                entry.record.id,
                "source",
                ("source", "document"),
                "documents",
                source.document,
            )
        for index, other in enumerate(getattr(entry.record, "other_sources", [])):
            if not catalog.has("documents", other.document):
                report(
                    kind,
                    entry.record.id,
                    "other_sources",
                    ("other_sources", index, "document"),
                    "documents",
                    other.document,
                )
    problems.extend(_unknown_territories(catalog, loader))
    return problems


SCOPED_KINDS = ("tasks", "services", "contacts", "resources")


def _unknown_territories(catalog: Catalog, loader: Locations) -> list[Problem]:
    """`scope` names territories the académie declares (academy.yml, territories)."""
    known = [t.id for t in catalog.academy.territories]
    listed = ", ".join(known) or "aucun"
    problems = []
    for kind in SCOPED_KINDS:
        for record in catalog.all(kind):
            for index, territory in enumerate(record.scope):
                if territory in known:
                    continue
                site = loader.record_site(kind, record.id, "scope")
                if site is None:  # pragma: no cover - every stored record has a site
                    continue
                line, column = site.where(("scope", index))
                problems.append(
                    Problem(
                        site.shown_as,
                        line,
                        column,
                        f"{kind}[{record.id}].scope[{index}]",
                        f"territoire inconnu « {territory} » ; territoires déclarés dans "
                        f"academy.yml (territories) : {listed}",
                    )
                )
    return problems
