"""Provenance: where a record comes from, and the checks that keep that honest.

A record transcribed from a guide carries the guide's edition (documents.yml); `verified_on`
is only for someone who checked the live official source that day. The checks:
- an address (url) must be given by the record's source (`source.gives_url`) or carry
  `verified_on` — otherwise a warning;
- a Légifrance search page is not a link to a text: an error;
- a Légifrance or ELI address must be printed in the cited document (`gives_url`): an error
  otherwise, since such an address is easy to build from a reference and wrong when built;
- `verified_on` needs `verified_by`, the editor who checked (a date alone may be a typing date);
- task titles start with an infinitive: « Vous… » or an imperative (« Vérifiez… ») warns;
- a source whose edition is older than the school year being built warns (to review).
"""

from __future__ import annotations

import re
from typing import Any

from vademecum.checks.problems import Problem
from vademecum.data.catalog import Catalog
from vademecum.data.locations import Locations
from vademecum.data.school_year import SchoolYear

URL_KINDS = ("services", "legal_texts", "resources", "contacts")
_LEGIFRANCE_SEARCH = re.compile(r"^https?://(www\.)?legifrance\.gouv\.fr/search", re.IGNORECASE)
# Addresses of official texts: Légifrance, EUR-Lex, or any ELI (European Legislation Identifier).
_LEGAL_ADDRESS = re.compile(
    r"^https?://([^/]*\.)?(legifrance\.gouv\.fr|eur-lex\.europa\.eu)(/|$)|/eli/", re.IGNORECASE
)
# Words ending in -ez that are not imperatives.
_NOT_IMPERATIVE = {"chez", "assez", "nez", "rez"}
_IMPERATIVE_IRREGULAR = {"faites", "dites", "soyez", "ayez", "sachez", "veuillez"}


def url_is_sourced(record: Any) -> bool:
    return bool(record.source.gives_url or getattr(record, "verified_on", None))


def is_legal_address(url: str) -> bool:
    """A Légifrance, EUR-Lex or ELI address: only a source that prints it may give it."""
    return bool(_LEGAL_ADDRESS.search(url))


def imperative_title(title: str) -> bool:
    """« Vous … » or a second-person imperative (« Vérifiez », « N'oubliez pas »)."""
    words = re.findall(r"[\wÀ-ÿ]+", title.casefold())
    if not words:
        return False
    first = words[1] if words[0] in ("n", "ne") and len(words) > 1 else words[0]
    if first == "vous" or first in _IMPERATIVE_IRREGULAR:
        return True
    return first.endswith("ez") and first not in _NOT_IMPERATIVE


def _problem(
    loader: Locations, kind: str, record_id: str, field: str, message: str, warning: bool
) -> Problem | None:
    site = loader.record_site(kind, record_id, field)
    if site is None:  # pragma: no cover - every stored record has a site
        return None
    line, column = site.where((field,))
    return Problem(site.shown_as, line, column, f"{kind}[{record_id}].{field}", message, warning)


def check_provenance(catalog: Catalog, loader: Locations) -> list[Problem]:
    found = []
    for kind in URL_KINDS:
        for record in catalog.all(kind):
            url = getattr(record, "url", None)
            if not url:
                continue
            if _LEGIFRANCE_SEARCH.match(url):
                found.append(
                    _problem(
                        loader,
                        kind,
                        record.id,
                        "url",
                        "lien vers une recherche Légifrance, pas vers le texte : donnez le lien "
                        "permanent que fournit une source, ou retirez le lien et gardez la "
                        "référence complète",
                        False,
                    )
                )
            elif (
                is_legal_address(url)
                and not record.source.gives_url
                and (kind, record.id) not in loader.url_given_earlier
            ):
                found.append(
                    _problem(
                        loader,
                        kind,
                        record.id,
                        "url",
                        "adresse Légifrance ou ELI que le document cité n'imprime pas : ne "
                        "construisez pas d'adresse à partir de la référence ; gardez celle que "
                        "la source donne (gives_url: true dans source), ou retirez le lien et "
                        "gardez la référence complète",
                        False,
                    )
                )
            elif not url_is_sourced(record) and (kind, record.id) not in loader.url_given_earlier:
                found.append(
                    _problem(
                        loader,
                        kind,
                        record.id,
                        "url",
                        "adresse absente du document source : si la source la donne, écrivez "
                        "gives_url: true dans source ; sinon vérifiez-la sur le site officiel et "
                        "ajoutez verified_on, ou retirez-la",
                        True,
                    )
                )
    for kind in ("legal_texts", "resources", "contacts"):
        for record in catalog.all(kind):
            if record.verified_on and not record.verified_by:
                found.append(
                    _problem(
                        loader,
                        kind,
                        record.id,
                        "verified_on",
                        "verified_on sans verified_by : indiquez qui a vérifié la source "
                        "officielle ce jour-là, ou retirez la date",
                        True,
                    )
                )
    for task in catalog.tasks:
        if imperative_title(task.title):
            found.append(
                _problem(
                    loader,
                    "tasks",
                    task.id,
                    "title",
                    "intitulé à l'impératif ou commençant par « Vous » : commencez par un verbe "
                    "à l'infinitif (ex. « Vérifier… »)",
                    True,
                )
            )
    return [p for p in found if p is not None]


def is_outdated(document: Any, year: SchoolYear) -> bool:
    """The edition was written for an earlier school year than the one being built."""
    if not document.school_year:
        return False
    return int(document.school_year[:4]) < year.start


def outdated_sources(catalog: Catalog, loader: Locations, year: SchoolYear) -> list[Problem]:
    found = []
    for document in catalog.documents:
        if is_outdated(document, year):
            found.append(
                _problem(
                    loader,
                    "documents",
                    document.id,
                    "school_year",
                    f"édition écrite pour {document.school_year}, site construit pour "
                    f"{year.label} : contenu à revoir d'après l'édition en vigueur",
                    True,
                )
            )
    return [p for p in found if p is not None]


def cited_documents(catalog: Catalog) -> list[Any]:
    """The documents some record cites, in documents.yml order."""
    cited: set[str] = set()
    for _kind, entry in catalog:
        source = getattr(entry.record, "source", None)
        if source is not None:
            cited.add(source.document)
        for other in getattr(entry.record, "other_sources", []):
            cited.add(other.document)
    return [d for d in catalog.documents if d.id in cited]
