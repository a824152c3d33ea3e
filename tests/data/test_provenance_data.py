"""The shipped data says honestly where it comes from (issue « Content a principal can trust »).

The address test reads the seeds (../shared/seeds): skipped without them, required when VADEMECUM_SEEDS names them (.ci/run).
"""

from __future__ import annotations

import re
import urllib.parse

from tests.conftest import REPO
from tests.data.test_seed_coverage import seed
from vademecum.checks.provenance import URL_KINDS, is_legal_address
from vademecum.data.cascade import academy_ids, load_catalog

SEED_OF = {
    "drane-bfc-reperes-2025": "000",
    "srane-limoges-film-annuel-2025": "001",
    "ih2ef-pilotage-2025": "002",
    "drane-versailles-livret-2024": "003",
    "drane-na-projet-de-service": "004",
}


def catalogs():
    for academy in academy_ids(REPO):
        catalog, problems = load_catalog(REPO, academy)
        assert catalog is not None, problems
        yield academy, catalog


def flat(text: str) -> str:
    """The seed without white space: the extractions cut long addresses over two lines."""
    return re.sub(r"\s+", "", text).casefold()


def bare(url: str) -> str:
    return re.sub(r"^(https?://(www\.)?|mailto:)", "", url).casefold().rstrip("/")


# A line that ends inside an address (after « ac- », « / »…) goes on at the next non-empty line.
_WRAPPED = re.compile(r"(https?://[^\s\[\]<>()\"]*[-/_.=?&])[ \t]*\n\s*(?!https?://)")
_ADDRESS = re.compile(r"https?://[^\s\[\]<>()\"«»]+")
# An address printed without its scheme (« à l'adresse teleservices.education.gouv.fr »).
_HOST = re.compile(r"(?<![\w./@-])(?:[a-z0-9-]+\.)+(?:fr|org|com|eu|net)(?:/[^\s\[\]<>()\"«»]*)?")


def exact(url: str) -> str:
    """An address as compared with a seed's: no scheme, no « www. », percent-decoded."""
    plain = re.sub(r"^https?://(www\.)?", "", url.strip().rstrip(".,;:"))
    return urllib.parse.unquote(plain).casefold()


def printed_addresses(text: str) -> set[str]:
    """Every address the seed prints, whole (wrapped lines joined), as `exact` gives it."""
    while (joined := _WRAPPED.sub(r"\1", text)) != text:
        text = joined
    return {exact(found) for pattern in (_ADDRESS, _HOST) for found in pattern.findall(text)}


def test_printed_addresses_are_whole():
    text = "Voir https://pix.fr/eleve). Et [https://www.dane.ac-\n\nversailles.fr/a] ou pix.fr/x"
    assert printed_addresses(text) == {"pix.fr/eleve", "dane.ac-versailles.fr/a", "pix.fr/x"}
    assert exact("https://pix.fr/") not in printed_addresses(text)


def test_no_verification_date_without_who_checked():
    for academy, catalog in catalogs():
        for kind in ("legal_texts", "resources", "contacts"):
            for record in catalog.all(kind):
                assert not record.verified_on or record.verified_by, (academy, kind, record.id)


def test_no_legifrance_search_page():
    for path in (REPO / "data").rglob("*.yml"):
        assert "legifrance.gouv.fr/search" not in path.read_text(encoding="utf-8"), path


def test_every_address_is_in_its_source_or_checked():
    seeds = {document: flat(seed(prefix)) for document, prefix in SEED_OF.items()}
    for academy, catalog in catalogs():
        for kind in URL_KINDS:
            for record in catalog.all(kind):
                url = getattr(record, "url", None)
                if not url or getattr(record, "verified_on", None):
                    continue
                given = record.source.gives_url
                text = seeds.get(record.source.document, "")
                if not given:  # a change replaced the source: the address is an earlier one's
                    text = "".join(seeds.values())
                found = bare(url) in text or urllib.parse.unquote(bare(url)) in text
                assert found, (academy, kind, record.id, url)
        for document in catalog.all("documents"):
            if document.url:
                assert bare(document.url) in "".join(seeds.values()), document.id


def test_every_given_address_is_printed_whole_in_its_seed():
    """`gives_url: true` means the cited seed prints that very address, not a longer one."""
    printed = {document: printed_addresses(seed(prefix)) for document, prefix in SEED_OF.items()}
    wrong = set()
    for _, catalog in catalogs():
        for kind in URL_KINDS:
            for record in catalog.all(kind):
                url = getattr(record, "url", None)
                seen = printed.get(record.source.document, set())
                if url and record.source.gives_url and exact(url) not in seen:
                    wrong.add((kind, record.id, url, record.source.document))
    assert not wrong, sorted(wrong)


def test_no_legal_address_outside_the_seeds():
    """A Légifrance, EUR-Lex or ELI address is one a seed prints, never one built from a reference."""
    printed = set().union(*(printed_addresses(seed(prefix)) for prefix in SEED_OF.values()))
    for path in (REPO / "data").rglob("*.yml"):
        for url in re.findall(r"https?://\S+", path.read_text(encoding="utf-8")):
            if is_legal_address(url):
                assert exact(url) in printed, (path.name, url)


def test_every_source_has_its_edition_and_school_year():
    for _, catalog in catalogs():
        for document in catalog.all("documents"):
            assert document.edition and document.school_year, document.id
