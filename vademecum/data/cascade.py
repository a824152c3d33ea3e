"""Load a site's data: national → région académique → académie, merged by id.

The one precedence rule (also written in README.md, section « Pour les éditeurs »):
each level's file `<kind>.yml` may
- add records under `<kind>:` (an id that already exists is an error: use `change`);
- override named fields of an existing record under `change:` (each field replaced whole);
- remove an existing record under `remove:` (with a reason).
Within a level, additions come first, then changes, then removals. The national level only adds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vademecum.checks.advice import record_name, suggestion
from vademecum.checks.freshness import stale_records
from vademecum.checks.messages import french
from vademecum.checks.noop_changes import no_op_message, unchanged_fields
from vademecum.checks.problems import Problem, relative
from vademecum.checks.provenance import check_provenance, outdated_sources
from vademecum.checks.references import check_references
from vademecum.data.catalog import Catalog, Entry, LevelName
from vademecum.data.kinds import MODELS
from vademecum.data.locations import Locations, Site
from vademecum.data.model import Academy, Region, Removal
from vademecum.data.school_year import school_year_of
from vademecum.data.yamlload import Loaded, Path_, load_file

M = TypeVar("M", bound=BaseModel)


@dataclass(kw_only=True)
class Loader(Locations):
    root: Path
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, dict[str, Entry]] = field(default_factory=dict)
    yaml_traps: set[tuple[str, int, int]] = field(default_factory=set)
    added_at: dict[tuple[str, str], Site] = field(default_factory=dict)  # where each id was added
    unreadable: list[str] = field(default_factory=list)  # files whose syntax could not be read
    _shown: dict[Path, str] = field(default_factory=dict)  # asked once per record: resolved once

    # -- helpers -----------------------------------------------------------------
    def shown(self, path: Path) -> str:
        known = self._shown.get(path)
        if known is None:
            known = self._shown[path] = relative(path, self.root)
        return known

    def add_problem(
        self,
        site: Site,
        subpath: Path_,
        field_name: str,
        message: str,
        key: bool = False,
        warning: bool = False,
    ) -> None:
        line, column = site.loaded.where(site.path + subpath, key)
        if (site.shown_as, line, column) in self.yaml_traps:
            return  # the YAML trap found there says it better
        self.problems.append(Problem(site.shown_as, line, column, field_name, message, warning))

    def load(self, path: Path) -> Loaded | None:
        loaded = load_file(path, self.shown(path))
        if loaded.value is None:
            self.unreadable.append(self.shown(path))
        self.problems.extend(loaded.problems)
        self.yaml_traps.update((p.file, p.line, p.column) for p in loaded.problems)
        return loaded if loaded.value is not None else None

    def validate(self, model: type[M], data: Any, site: Site, label: str) -> M | None:
        if not isinstance(data, dict):
            self.add_problem(site, (), label, "bloc de champs attendu (clé: valeur)")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                allowed = _field_names(model, loc[:-1])
                where = loc if detail["type"] != "missing" else loc[:-1]
                name = label + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
                at_key = detail["type"] == "extra_forbidden"
                self.add_problem(site, where, name, french(detail, allowed), at_key)
            return None

    # -- levels ------------------------------------------------------------------
    def load_level(self, folder: Path, level: LevelName, own_file: str | None) -> None:
        parsed: list[tuple[str, Path, Loaded]] = []
        for path in sorted(folder.iterdir()):
            kind = self.data_file_kind(path, own_file)
            if kind is None:
                continue
            loaded = self.load(path)
            if loaded is not None:
                parsed.append((kind, path, loaded))
        tops = []
        for kind, path, loaded in parsed:
            top = self.top_level(kind, path, loaded, level)
            if top is not None:
                tops.append((kind, path, loaded, top))
        for kind, path, loaded, top in tops:
            self.add_records(kind, path, loaded, top.get(kind) or [], level)
        for kind, path, loaded, top in tops:
            self.change_records(kind, path, loaded, top.get("change") or [], level)
        for kind, path, loaded, top in tops:
            self.remove_records(kind, path, loaded, top.get("remove") or [])

    def file_problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.shown(path), 1, 1, "(fichier)", message))

    def data_file_kind(self, path: Path, own_file: str | None) -> str | None:
        """The kind a data file holds, or None when it is not read (with a problem if unexpected)."""
        if path.name.startswith("."):
            return None  # .gitkeep, editors' and systems' hidden files
        names = f"noms possibles : {', '.join(f'{k}.yml' for k in MODELS)}"
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                self.file_problem(
                    path, "lien symbolique cassé : supprimez-le ou remplacez-le par le fichier"
                )
                return None
            if self.root.resolve() not in target.parents:
                self.file_problem(
                    path,
                    "lien symbolique vers un fichier hors du projet : copiez le fichier dans data/",
                )
                return None
        stem, suffix = path.stem, path.suffix
        if path.is_dir():
            self.file_problem(path, f"dossier inattendu : un fichier est attendu ici ; {names}")
            return None
        if suffix == ".yaml":
            self.file_problem(path, "extension .yaml : renommez en .yml")
            return None
        if suffix != ".yml":
            if suffix.lower() in (".yml", ".yaml") or stem.lower() in MODELS:
                hint = f"renommez-le en {stem.lower()}.yml" if stem.lower() in MODELS else names
                self.file_problem(path, f"nom de fichier presque correct, ignoré : {hint}")
            else:
                self.file_problem(
                    path, f"fichier inattendu dans {self.shown(path.parent)}/ ; {names}"
                )
            return None
        if stem == own_file:
            return None
        if stem not in MODELS:
            self.file_problem(path, f"nom de fichier inconnu ; {names}")
            return None
        return stem

    def top_level(
        self, kind: str, path: Path, loaded: Loaded, level: LevelName
    ) -> dict[str, Any] | None:
        site = Site(self.shown(path), loaded, ())
        if not isinstance(loaded.value, dict):
            self.add_problem(site, (), "(fichier)", f"le fichier doit commencer par « {kind}: »")
            return None
        allowed = [kind] if level == "national" else [kind, "change", "remove"]
        top = loaded.value
        for key, value in top.items():
            if key not in allowed:
                hint = (
                    " (change et remove sont réservés aux surcharges régionales ou académiques)"
                    if key in ("change", "remove")
                    else ""
                )
                self.add_problem(
                    site,
                    (key,),
                    key,
                    f"section inconnue ; sections possibles : {', '.join(allowed)}{hint}",
                    key=True,
                )
            elif value is not None and not isinstance(value, list):
                self.add_problem(site, (key,), key, "liste attendue (éléments précédés de « - »)")
        return {k: v for k, v in top.items() if k in allowed and isinstance(v, list)}

    def add_records(
        self, kind: str, path: Path, loaded: Loaded, items: list[Any], level: LevelName
    ) -> None:
        model = MODELS[kind]
        store = self.records.setdefault(kind, {})
        for index, item in enumerate(items):
            site = Site(self.shown(path), loaded, (kind, index))
            label = f"{kind}[{record_name(item, index)}]"
            record = self.validate(model, item, site, label)
            if record is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.invalid.add((kind, item["id"]))
                continue
            record_id = record.id  # type: ignore[attr-defined]
            if record_id in store:
                self.add_problem(
                    site, ("id",), f"{label}.id", self.duplicate(kind, record_id, site, level)
                )
                continue
            store[record_id] = Entry(record, level, site.shown_as)
            self.added_at[(kind, record_id)] = site
            for name in item:
                self.sites[(kind, record_id, name)] = Site(site.shown_as, loaded, (kind, index))

    def change_records(
        self, kind: str, path: Path, loaded: Loaded, items: list[Any], level: LevelName
    ) -> None:
        model = MODELS[kind]
        store = self.records.setdefault(kind, {})
        for index, item in enumerate(items):
            site = Site(self.shown(path), loaded, ("change", index))
            label = f"change[{record_name(item, index)}]"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                self.add_problem(site, (), label + ".id", "« id » de l'élément à modifier attendu")
                continue
            record_id = item["id"]
            if record_id not in store:
                if self.misplaced(kind, "change", item, site, label):
                    continue
                if (kind, record_id) not in self.invalid:  # else it has its own problem
                    self.add_problem(site, ("id",), label + ".id", self.unknown(kind, record_id))
                continue
            if len(item) == 1:
                self.add_problem(site, ("id",), label, "aucun champ à modifier")
                continue
            entry = store[record_id]
            merged = entry.record.model_dump(by_alias=True, exclude_defaults=True, mode="python")
            old_source = getattr(entry.record, "source", None)
            if "url" in item:
                self.url_given_earlier.discard((kind, record_id))
            elif "source" in item and old_source is not None and old_source.gives_url:
                self.url_given_earlier.add((kind, record_id))
            merged.update(item)
            record = self.validate(model, merged, site, label)
            if record is None:
                continue
            for name in unchanged_fields(entry.record, record, item):
                origin = self.sites.get((kind, record_id, name))
                message = no_op_message(name, item[name], origin)
                self.add_problem(site, (name,), f"{label}.{name}", message, warning=True)
            entry.record = record
            entry.level = level
            entry.changed_in.append(site.shown_as)
            for name in item:
                self.sites[(kind, record_id, name)] = site

    def remove_records(self, kind: str, path: Path, loaded: Loaded, items: list[Any]) -> None:
        store = self.records.setdefault(kind, {})
        for index, item in enumerate(items):
            site = Site(self.shown(path), loaded, ("remove", index))
            label = f"remove[{record_name(item, index)}]"
            if self.misplaced(kind, "remove", item, site, label):
                continue
            removal = self.validate(Removal, item, site, label)
            if removal is None:
                continue
            if removal.id not in store:
                if (kind, removal.id) not in self.invalid:  # else it has its own problem
                    self.add_problem(site, ("id",), f"{label}.id", self.unknown(kind, removal.id))
                continue
            del store[removal.id]
            self.removed[(kind, removal.id)] = site.shown_as

    def unknown(self, kind: str, record_id: str) -> str:
        where = self.removed.get((kind, record_id))
        if where:
            return f"« {record_id} » a déjà été supprimé par {where}"
        store = self.records.get(kind, {})
        files = sorted({entry.defined_in for entry in store.values()})
        defined = f" (définis dans {', '.join(files)})" if files else ""
        return f"identifiant inconnu « {record_id} » dans {kind}{defined}{suggestion(record_id, store)}"

    def duplicate(self, kind: str, record_id: str, site: Site, level: LevelName) -> str:
        """Where the first record with this id is, and what to do: rename, or change it."""
        entry = self.records[kind][record_id]
        first = self.added_at.get((kind, record_id))
        line = f" ligne {first.loaded.where(first.path + ('id',))[0]}" if first else ""
        if entry.defined_in == site.shown_as:
            return (
                f"identifiant « {record_id} » en double : déjà utilisé{line} de ce fichier ; "
                "donnez un autre identifiant à l'un des deux, ou supprimez la copie"
            )
        if entry.level == level:
            return (
                f"identifiant « {record_id} » en double : déjà utilisé dans {entry.defined_in}{line} ; "
                "donnez un autre identifiant à l'un des deux"
            )
        return (
            f"identifiant « {record_id} » déjà défini dans {entry.defined_in}{line} ; pour le "
            "modifier ici, mettez-le sous « change: » avec seulement les champs à remplacer, "
            "ou donnez-lui un autre identifiant"
        )

    def misplaced(self, kind: str, section: str, item: Any, site: Site, label: str) -> bool:
        """A new record written under remove: or change: (often appended at the end of the
        file): one problem that says so, instead of one per field."""
        if not isinstance(item, dict):
            return False
        fields = set(MODELS[kind].model_fields) | {
            f.alias for f in MODELS[kind].model_fields.values() if f.alias
        }
        if section == "remove":
            extra = [k for k in item if k not in ("id", "reason") and k in fields]
            if not extra or "reason" in item:
                return False
        else:
            required = [n for n, f in MODELS[kind].model_fields.items() if f.is_required()]
            if not all(name in item for name in required):
                return False
        self.add_problem(
            site,
            (),
            label,
            f"cet élément complet se trouve sous « {section}: », qui sert à "
            + ("retirer" if section == "remove" else "modifier")
            + f" un élément existant ; pour l'ajouter, déplacez-le sous « {kind}: », "
            f"avant la ligne « {section}: »",
        )
        if isinstance(item.get("id"), str):
            self.invalid.add((kind, item["id"]))
        return True


def academy_ids(root: Path) -> list[str]:
    folder = root / "data" / "academies"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "academy.yml").is_file())


def load_catalog(
    root: Path, academy_id: str, today: dt.date | None = None
) -> tuple[Catalog | None, list[Problem]]:
    """Load, merge and validate one académie's data; problems come back all at once.

    With `today`, records not verified for more than a year, and sources whose edition is older
    than the school year being built, come back as warnings too (a catalog is still returned
    when there are only warnings).
    """
    loader = Loader(root=root)
    data = root / "data"
    academy_file = data / "academies" / academy_id / "academy.yml"
    if not academy_file.is_file():
        known = ", ".join(academy_ids(root)) if (data / "academies").is_dir() else "aucune"
        loader.problems.append(
            Problem(
                relative(academy_file, root),
                1,
                1,
                "(académie)",
                f"académie inconnue « {academy_id} » ; académies disponibles : {known}",
            )
        )
        return None, loader.problems
    academy = _load_single(loader, academy_file, Academy, "academy")
    region: Region | None = None
    levels: list[tuple[Path, LevelName, str | None]] = [(data / "national", "national", None)]
    if academy is not None and academy.region:
        region_file = data / "regions" / academy.region / "region.yml"
        if region_file.is_file():
            region = _load_single(loader, region_file, Region, "region")
            levels.append((region_file.parent, "region", "region"))
        else:
            loaded = load_file(academy_file, loader.shown(academy_file))
            loader.add_problem(
                Site(loader.shown(academy_file), loaded, ()),
                ("region",),
                "region",
                f"région académique inconnue « {academy.region} » "
                f"(dossier data/regions/{academy.region}/region.yml absent)",
            )
    levels.append((academy_file.parent, "academy", "academy"))
    for folder, level, own_file in levels:
        if folder.is_dir():
            loader.load_level(folder, level, own_file)
    if academy is None:
        return None, _unreadable_first(loader, sorted(loader.problems))
    catalog = Catalog(academy, region, loader.records)
    loader.problems.extend(check_references(catalog, loader))
    loader.problems.extend(check_provenance(catalog, loader))
    if today is not None:
        loader.problems.extend(stale_records(catalog, loader, today))
        loader.problems.extend(outdated_sources(catalog, loader, school_year_of(today)))
    problems = _unreadable_first(loader, sorted(set(loader.problems)))
    if any(not p.warning for p in problems):
        return None, problems
    return catalog, problems


def _unreadable_first(loader: Loader, problems: list[Problem]) -> list[Problem]:
    """A file that cannot be read hides its records: what other files then say about them
    (unknown task, unknown role…) is a knock-on effect. Only the unreadable files' problems
    are shown, and the others are counted in one line, until the syntax is fixed."""
    if not loader.unreadable:
        return problems
    first = [p for p in problems if p.file in loader.unreadable]
    held = len(problems) - len(first)
    if held:
        first.append(
            Problem(
                loader.unreadable[0],
                first[-1].line if first else 1,
                first[-1].column if first else 1,
                "(suite)",
                f"{held} autre(s) problème(s) mis de côté : ils peuvent venir de cette erreur ; "
                "corrigez-la d'abord, puis relancez la vérification",
            )
        )
    return first


def _load_single(loader: Loader, path: Path, model: type[BaseModel], label: str) -> Any:
    loaded = loader.load(path)
    if loaded is None:
        return None
    record = loader.validate(model, loaded.value, Site(loader.shown(path), loaded, ()), label)
    if record is not None and record.id != path.parent.name:  # type: ignore[attr-defined]
        loader.add_problem(
            Site(loader.shown(path), loaded, ()),
            ("id",),
            "id",
            f"l'identifiant doit être le nom du dossier « {path.parent.name} »",
        )
    return record


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (possibly nested) model that `loc` points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            break
        fields = {f.alias or n: f for n, f in current.model_fields.items()}
        if part not in fields:
            break
        current = _nested_model(fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _nested_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _nested_model(arg)
        if inner is not None:
            return inner
    return None
