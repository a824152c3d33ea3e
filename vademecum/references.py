"""Cross-record checks: every id a record names must exist in the merged data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vademecum.advice import suggestion
from vademecum.catalog import Catalog
from vademecum.problems import Problem

if TYPE_CHECKING:
    from vademecum.cascade import Loader

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

KIND_LABELS = {
    "roles": "rôle",
    "services": "service",
    "themes": "thème",
    "resources": "ressource",
    "legal_texts": "texte officiel",
    "tasks": "tâche",
    "documents": "document source",
}
FEMININE = {"resources", "tasks"}
PLURALS = {
    "roles": "rôles",
    "services": "services",
    "themes": "thèmes",
    "resources": "ressources",
    "legal_texts": "textes officiels",
    "tasks": "tâches",
    "documents": "documents sources",
}


def _values(record: Any, field: str, sub: str | None) -> Iterator[tuple[tuple, str]]:
    dumped = record.model_dump(by_alias=True, mode="json")
    value = dumped.get(field)
    if sub is not None:
        value = (value or {}).get(sub)
        prefix: tuple = (field, sub)
    else:
        prefix = (field,)
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index), item


def check_references(catalog: Catalog, loader: Loader) -> list[Problem]:
    problems: list[Problem] = []

    def report(kind: str, record_id: str, field: str, subpath: tuple, target_kind: str, ref: str):
        if (target_kind, ref) in loader.invalid:
            return  # that record has its own problem already
        site = loader.sites.get((kind, record_id, field)) or loader.sites.get(
            (kind, record_id, "id")
        )
        if site is None:  # pragma: no cover - every stored record has a site
            return
        removed = loader.removed.get((target_kind, ref))
        label = KIND_LABELS.get(target_kind, target_kind)
        e = "e" if target_kind in FEMININE else ""  # « ressource inconnue », « rôle inconnu »
        if removed:
            message = f"{label} « {ref} » supprimé{e} par {removed}"
        else:
            entries = catalog.entries(target_kind)
            files = sorted({entry.defined_in for entry in entries})
            where = f" ; les {PLURALS.get(target_kind, target_kind)} sont défini{e}s dans {', '.join(files)}"
            message = (
                f"{label} inconnu{e} « {ref} »"
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
    return problems
