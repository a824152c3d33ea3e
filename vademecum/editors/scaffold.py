"""`vademecum new-academy`: the files of a new académie (and of its région when it is new).

The overlay files hold commented examples only: each section is present but empty, which
`vademecum check` accepts, so the new site checks and builds at once. The examples name real
ids of the national data, so that uncommenting them gives valid data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from vademecum.checks.characters import forbidden_character
from vademecum.checks.problems import printable
from vademecum.data.model import MAX_PLAIN_TEXT, SLUG_PATTERN
from vademecum.data.yamlload import load_file
from vademecum.editors.schema import schema_line

SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "sur", "en", "d"}


class ScaffoldError(Exception):
    """A French message for the editor; the command exits with code 2."""


def display_name(slug: str) -> str:
    """`ile-de-france` → `Ile-de-France`: a readable starting point for a name."""
    parts = slug.split("-")
    return "-".join(
        p if (i and p in SMALL_WORDS) else p[:1].upper() + p[1:] for i, p in enumerate(parts)
    )


def academy_title(slug: str) -> str:
    """`amiens` → `Académie d'Amiens`, `nancy-metz` → `Académie de Nancy-Metz`."""
    name = display_name(slug)
    return f"Académie d'{name}" if name[:1].lower() in "aeiouy" else f"Académie de {name}"


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""

    def reads_back(written: str) -> bool:
        try:
            return bool(yaml.safe_load(f"k: {written}") == {"k": value})
        except yaml.YAMLError:
            return False

    if "#" not in value and not value.startswith(("'", '"')) and reads_back(value):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    if not reads_back(quoted):  # a character the names are checked for (name_problem)
        raise ScaffoldError(f"texte impossible à écrire en YAML : « {printable(value)} »")
    return quoted


def name_problem(value: str) -> str | None:
    """Why a name given on the command line cannot go into the files (None when it can)."""
    if not value.strip():
        return "vide"
    if len(value) > MAX_PLAIN_TEXT:
        return f"trop long (maximum {MAX_PLAIN_TEXT} caractères)"
    bad = forbidden_character(value)
    if bad:
        return f"sur plusieurs lignes ou avec un caractère invisible : {bad}"
    return None


def _valid_slug(value: str) -> bool:
    return bool(re.fullmatch(SLUG_PATTERN, value)) and len(value) <= 80


def _national_ids(root: Path, kind: str) -> list[str]:
    path = root / "data" / "national" / f"{kind}.yml"
    if not path.is_file():
        return []
    value = load_file(path, str(path)).value
    items = value.get(kind) if isinstance(value, dict) else None
    return [i["id"] for i in items or [] if isinstance(i, dict) and isinstance(i.get("id"), str)]


def _academy_file(line: str, slug: str, name: str, region: str) -> str:
    return f"""{line}
# {name} : nom, région académique et ENT. Mode d'emploi : CONTRIBUTING.md.
id: {slug}
name: {yaml_text(name)}
region: {region}
# Nom et adresse de l'ENT de l'académie : complétez puis enlevez le « # » en début de ligne.
# ent_name: Nom de l'ENT
# ent_url: https://…
# Départements de l'académie, entre crochets et séparés par des virgules :
# departments: [Premier département, Deuxième département]
"""


def _header(line: str, what: str) -> str:
    return f"""{line}
# {what}
# Les données nationales et régionales s'appliquent déjà : ce fichier ajoute (section du nom
# du fichier), modifie (change:) ou supprime (remove:) des éléments pour cette académie.
# Règle complète : README.md, « La règle de priorité » ; mode d'emploi : CONTRIBUTING.md.
# Pour utiliser un exemple, enlevez « # » en début de ligne en gardant les espaces devant « - ».
"""


def _tasks_file(root: Path, line: str, slug: str, name: str) -> str:
    roles = _national_ids(root, "roles") or ["identifiant-d-un-role"]
    lead = "chef-etablissement" if "chef-etablissement" in roles else roles[0]
    others = [r for r in roles if r != lead][:1]
    themes = _national_ids(root, "themes") or ["identifiant-d-un-theme"]
    theme = "ent" if "ent" in themes else themes[0]
    tasks = _national_ids(root, "tasks") or ["identifiant-d-une-tache-nationale"]
    changed, removed = tasks[0], tasks[-1]
    with_roles = f", with: [{others[0]}]" if others else ""
    return (
        _header(line, f"Tâches de l'année propres à l'{name[0].lower()}{name[1:]}.")
        + f"""tasks:
  # - id: presenter-ent-{slug}
  #   title: Présenter l'ENT de l'académie aux nouveaux personnels
  #   details: >-
  #     Lors de la réunion de prérentrée, montrer comment se connecter à l'ENT et où trouver
  #     l'aide en ligne.
  #   when: [septembre]
  #   who: {{lead: {lead}{with_roles}}}
  #   themes: [{theme}]
  #   flags: [prise-de-fonction]
  #   source: {{document: guide-numerique-{slug}, section: "1. L'ENT"}}

change:
  # Modifier une tâche existante : son id, puis seulement les champs à remplacer.
  # - id: {changed}
  #   when: [septembre, octobre]

remove:
  # Supprimer une tâche pour cette académie : son id et la raison.
  # - id: {removed}
  #   reason: Remplacée par une tâche académique.
"""
    )


def _contacts_file(line: str, slug: str, name: str) -> str:
    of_academy = f"{name[0].lower()}{name[1:]}"
    return (
        _header(line, f"Contacts de l'{of_academy} (adresses fonctionnelles de préférence).")
        + f"""contacts:
  # - id: dpd-{slug}
  #   name: {yaml_text(f"Délégué à la protection des données de l'{of_academy}")}
  #   purpose: >-
  #     Conseil sur le RGPD (registre des traitements, information des personnes, violation
  #     de données).
  #   email: dpd@ac-{slug}.fr  # à vérifier sur le site de l'académie
  #   verified_on: AAAA-MM-JJ  # seulement si vous avez vérifié l'adresse auprès du service
  #   verified_by: Prénom Nom, fonction  # qui a fait cette vérification
  #   source: {{document: guide-numerique-{slug}, section: "Contacts"}}
"""
    )


def _documents_file(line: str, slug: str, name: str) -> str:
    of_academy = f"{name[0].lower()}{name[1:]}"
    return (
        _header(line, f"Documents sources de l'{of_academy}, cités par les autres fichiers.")
        + f"""documents:
  # - id: guide-numerique-{slug}
  #   title: Guide du numérique pour les chefs d'établissement
  #   publisher: {yaml_text(f"DRANE, {of_academy}")}
  #   edition: 2025-2026  # l'édition, telle que le document la nomme
  #   school_year: "2025-2026"  # année scolaire pour laquelle cette édition est écrite
  #   url: https://www.ac-{slug}.fr/…  # adresse du document
  #   scope: académie
"""
    )


def _region_file(line: str, slug: str, name: str | None) -> str:
    if name:
        return f"{line}\nid: {slug}\nname: {yaml_text(name)}\n"
    return (
        f"{line}\nid: {slug}\n"
        "# À vérifier : nom officiel de la région académique (avec ses accents).\n"
        f"name: {yaml_text(display_name(slug))}\n"
    )


def new_academy(
    root: Path,
    academy_id: str,
    region_id: str,
    name: str | None = None,
    region_name: str | None = None,
) -> list[str]:
    """Create the académie's files; returns their paths relative to `root`."""
    if not _valid_slug(academy_id):
        raise ScaffoldError(
            f"identifiant d'académie invalide « {academy_id} » : minuscules sans accents, "
            "chiffres et tirets (ex. nancy-metz)"
        )
    if not _valid_slug(region_id):
        raise ScaffoldError(
            f"identifiant de région invalide « {region_id} » : minuscules sans accents, "
            "chiffres et tirets (ex. grand-est)"
        )
    for option, label, value in (
        ("--name", "nom de l'académie", name),
        ("--region-name", "nom de la région", region_name),
    ):
        problem = None if value is None else name_problem(value)
        if problem:
            raise ScaffoldError(
                f"{option} : {label} {problem} (reçu « {printable(value or '')} ») ; "
                "écrivez le nom sur une seule ligne, sans caractère de contrôle"
            )
    data = root / "data"
    folder = data / "academies" / academy_id
    if folder.exists() and any(folder.iterdir()):
        raise ScaffoldError(
            f"l'académie « {academy_id} » existe déjà (dossier data/academies/{academy_id}/) ; "
            "modifiez ses fichiers ou choisissez un autre identifiant"
        )
    name = (name or academy_title(academy_id)).strip()
    files: dict[Path, str] = {}

    def add(path: Path, build: Callable[[str], str]) -> None:
        files[path] = build(schema_line(path, root))

    add(folder / "academy.yml", lambda line: _academy_file(line, academy_id, name, region_id))
    add(folder / "documents.yml", lambda line: _documents_file(line, academy_id, name))
    add(folder / "tasks.yml", lambda line: _tasks_file(root, line, academy_id, name))
    add(folder / "contacts.yml", lambda line: _contacts_file(line, academy_id, name))
    region_file = data / "regions" / region_id / "region.yml"
    if not region_file.is_file():
        add(region_file, lambda line: _region_file(line, region_id, region_name))
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
        written.append(path.relative_to(root).as_posix())
    return written
