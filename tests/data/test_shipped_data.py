"""The data shipped in data/ is clean for every académie."""

from __future__ import annotations

from tests.conftest import REPO
from vademecum.data.cascade import academy_ids, load_catalog


def test_every_academy_is_clean():
    ids = academy_ids(REPO)
    assert "national" in ids
    for academy in ids:
        catalog, problems = load_catalog(REPO, academy)
        assert problems == [], "\n".join(str(p) for p in problems)
        assert catalog is not None and catalog.counts().get("tasks", 0) > 0


def test_national_base_has_the_official_texts_of_002():
    catalog, _ = load_catalog(REPO, "national")
    assert catalog is not None
    references = " ".join(t.reference + " " + t.title for t in catalog.all("legal_texts"))
    for needle in [
        "L312-9",
        "D121-1",
        "2019-919",
        "2019-536",
        "19 juillet 2024",
        "2015-058",
        "23 octobre 2024",
        "21 décembre 2021",
        "CRCN",
    ]:
        assert needle in references, needle
    # The RGPD has no address: no seed prints one (a built ELI address is refused).
    assert all(
        t.url.startswith(("https://", "http://")) for t in catalog.all("legal_texts") if t.url
    )
