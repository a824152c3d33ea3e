"""A cheap guard against drift in figures: every number a record prints appears in the seed
sections it cites (issue « Content, round two », point 6).

The cited section is found from its label (`source.section`, then `other_sources`): each part of
the label (« Cible 2.1 — CO2 : … ») is looked up in order in the seed, and the text that follows
each place where the last part is found, over a window, stands for the section. A record whose
section cannot be found is listed (a warning), and its numbers are looked up in the whole seed.
Skipped without the seeds, required when VADEMECUM_SEEDS names them (as test_seed_coverage).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import cache
from typing import Any

from tests.conftest import REPO
from tests.data.test_provenance_data import SEED_OF
from tests.data.test_seed_coverage import seed
from vademecum.data.cascade import academy_ids, load_catalog
from vademecum.data.model import text_fields

WINDOW = 6000  # characters after a section's heading taken as the section
MAX_PLACES = 20  # places where a heading repeats (a table of contents, a running header…)
NOT_PROSE = {"id", "url", "email", "phone", "verified_by"}
# A number: digits with French thousands groups (« 1 500 ») and decimals (« 0,4 »); single
# digits (« 3e », « 2 réunions ») are too common to tell anything.
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u202f\u00a0]\d{3}(?!\d))*(?:[.,]\d+)?")


def plain(text: str) -> str:
    """Case, accents, typographic quotes and white space folded, for lookups."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("«", '"').replace("»", '"')
    return re.sub(r"\s+", " ", text)


def numbers(text: str) -> set[str]:
    found = set()
    for match in _NUMBER.finditer(text):
        number = re.sub(r"[ \u202f\u00a0]", "", match.group()).replace(",", ".")
        if len(number.replace(".", "")) >= 2:
            found.add(number)
    return found


def as_numbers(text: str) -> str:
    """The text with « 1 500 » as « 1500 » and « 0,4 » as « 0.4 », as `numbers` gives them."""
    text = re.sub(r"(?<=\d)[ \u202f\u00a0](?=\d{3}(?!\d))", "", text)
    return re.sub(r"(?<=\d),(?=\d)", ".", text)


@cache
def seed_text(document: str) -> str:
    return plain(seed(SEED_OF[document]))


def _candidates(part: str) -> list[str]:
    """The part of a label, then shorter forms of it (the seed's heading may be worded longer)."""
    found = [part]
    if ":" in part:
        found += [piece.strip() for piece in part.split(":")]
    if numbered := re.match(r"^(\d+(?:\.\d+)*\.?)\s+(.*)$", part):
        found.append(numbered.group(2))
    words = part.split()
    found += [" ".join(words[:n]) for n in (6, 4, 3, 2) if len(words) > n]
    return [candidate for candidate in found if len(candidate) >= 3]


def _find(text: str, part: str, start: int) -> int:
    for candidate in _candidates(part):
        if (at := text.find(candidate, start)) >= 0:
            return at
    return -1


def section_text(document: str, label: str) -> str | None:
    """The cited section as the windows after each place of the label's last part found."""
    text = seed_text(document)
    position, last = 0, None
    for part in (plain(p).strip(' )"') for p in re.split(r" — | ; |\(", label)):
        if not part:
            continue
        at = _find(text, part, position)
        if at < 0:
            at = _find(text, part, 0)
        if at >= 0:
            position, last = at, part
    if last is None:
        return None
    starts = [position]
    while len(starts) < MAX_PLACES and (at := _find(text, last, starts[-1] + 1)) >= 0:
        starts.append(at)
    return " ".join(text[start : start + WINDOW] for start in starts)


def prose(record: Any) -> str:
    fields = set(text_fields(type(record))) - NOT_PROSE
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record.model_dump(mode="json", include=fields))
    return " ".join(out)


def cited_records():
    """(académie, kind, record, its sources, the cited documents' titles) once per record."""
    seen = set()
    for academy in academy_ids(REPO):
        catalog, problems = load_catalog(REPO, academy)
        assert catalog is not None, problems
        documents = {d.id: d for d in catalog.all("documents")}
        for kind, entry in catalog:
            record = entry.record
            source = getattr(record, "source", None)
            if source is None or source.document not in SEED_OF:
                continue
            sources = [source, *getattr(record, "other_sources", [])]
            key = (kind, record.id, tuple((s.document, s.section) for s in sources))
            if key in seen:
                continue
            seen.add(key)
            # A document's own title and edition (« 2025/2026 ») may be quoted anywhere.
            titles = " ".join(
                f"{documents[s.document].title} {documents[s.document].edition or ''}"
                for s in sources
                if s.document in documents
            )
            yield academy, kind, record, sources, plain(titles)


def figures_out_of_section() -> tuple[list[tuple], list[tuple]]:
    """Numbers not in their cited sections, and records whose first section was not found."""
    wrong, unfound = [], []
    for academy, kind, record, sources, titles in cited_records():
        sections = [
            section_text(s.document, s.section) if s.document in SEED_OF else None for s in sources
        ]
        if sections[0] is None:
            unfound.append((academy, kind, record.id, sources[0].section))
            sections[0] = seed_text(sources[0].document)
        haystack = as_numbers(" ".join(s for s in sections if s) + " " + titles)
        for number in sorted(numbers(prose(record))):
            if number not in haystack:
                wrong.append((academy, kind, record.id, number, sources[0].section))
    return wrong, unfound


def test_numbers_are_read_as_the_seeds_print_them():
    assert numbers("1 500 enseignants, 0,4 % de filles, 3e, 20 h, n° 2013-595") == {
        "1500",
        "0.4",
        "20",
        "2013",
        "595",
    }
    assert "1500" in as_numbers("1 500 enseignants") and "0.4" in as_numbers("0,4 %")


def test_a_section_is_found_from_its_label():
    text = seed_text("drane-na-projet-de-service")
    section = section_text(
        "drane-na-projet-de-service",
        "Cible 2.1 — CO2 : Accompagner le déploiement de systèmes robotisés de téléprésence",
    )
    assert section is not None and "117" in section
    assert text.index("cible 2.1") < text.index(section[:200])
    assert section_text("drane-na-projet-de-service", "Intitulé qui n'existe pas") is None


def test_every_figure_appears_in_the_cited_section():
    wrong, unfound = figures_out_of_section()
    if unfound:
        listed = "\n".join(f"  {a} {k}[{i}] : « {s} »" for a, k, i, s in unfound)
        warnings.warn(f"sections introuvables dans leur document source :\n{listed}", stacklevel=1)
    assert not wrong, "\n".join(
        f"{a} {k}[{i}] : « {n} » absent de la section citée « {s} »" for a, k, i, n, s in wrong
    )
