"""Each académie's site carries its guide's year plan in full, with the guide's distinctive items.

Counts are read from the seeds themselves (../shared/seeds), so a dropped row fails the test.
A forge's runner has no ../shared/: there the tests that read a seed are skipped. They are
required (a missing seed fails) only when VADEMECUM_SEEDS names the folder, as .ci/run does.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO
from vademecum.data.cascade import load_catalog
from vademecum.data.labels import MONTHS

SEEDS_ENV = "VADEMECUM_SEEDS"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
BFC, LIMOGES = "drane-bfc-reperes-2025", "srane-limoges-film-annuel-2025"
VERSAILLES, NA = "drane-versailles-livret-2024", "drane-na-projet-de-service"


def seeds_folder() -> tuple[Path, bool]:
    """The seeds folder, and whether the run requires it (VADEMECUM_SEEDS names it)."""
    named = os.environ.get(SEEDS_ENV, "").strip()
    if named:
        return REPO / named, True  # a relative path is read from the repository root
    return DEFAULT_SEEDS, False


def seed(prefix: str) -> str:
    folder, required = seeds_folder()
    matches = sorted(folder.glob(f"{prefix}_*.txt"))
    if not matches:
        if required:
            pytest.fail(f"seed {prefix} not found in {folder} ({SEEDS_ENV} requires it)")
        pytest.skip(f"no seeds in {folder} (set {SEEDS_ENV} to require them)")
    return matches[0].read_text(encoding="utf-8")


def test_seeds_are_skipped_when_absent_even_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(f"{__name__}.DEFAULT_SEEDS", tmp_path / "no-shared" / "seeds")
    monkeypatch.delenv(SEEDS_ENV, raising=False)
    monkeypatch.setenv("CI", "true")  # what GitHub and GitLab runners set
    with pytest.raises(pytest.skip.Exception):
        seed("000")


def test_seeds_are_required_when_named(monkeypatch, tmp_path):
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path / "missing"))
    with pytest.raises(pytest.fail.Exception, match=SEEDS_ENV):
        seed("000")
    (tmp_path / "present").mkdir()
    (tmp_path / "present" / "000_guide.txt").write_text("texte", encoding="utf-8")
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path / "present"))
    assert seed("000") == "texte"


def test_ci_run_requires_the_seeds():
    script = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert re.search(rf"^export {SEEDS_ENV}=\.\./shared/seeds$", script, flags=re.MULTILINE)


@cache
def catalog(academy: str):
    loaded, problems = load_catalog(REPO, academy)
    assert loaded is not None, problems
    return loaded


def tasks_from(academy: str, document: str, section_prefix: str = ""):
    return [
        t
        for t in catalog(academy).all("tasks")
        if t.source.document == document and t.source.section.startswith(section_prefix)
    ]


def everything(academy: str) -> str:
    """All the text of an académie's records, for spot checks."""
    return " ".join(str(entry.record.model_dump(mode="json")) for _, entry in catalog(academy))


@pytest.mark.parametrize("academy", ["besancon", "dijon"])
def test_bfc_year_plan_complete(academy):
    text = seed("000")
    table = text[
        text.index("5. Organisation des actions de l'année («") : text.index("6. Identification")
    ]
    actions = max(len(re.findall("[▶►]", table)), table.count('input type="checkbox"'))
    assert actions >= 36
    assert len(tasks_from(academy, BFC, "5.")) >= actions


@pytest.mark.parametrize(
    ("academy", "own", "other"),
    [
        ("besancon", "dpd@ac-besancon.fr", "dpd@ac-dijon.fr"),
        ("dijon", "dpd@ac-dijon.fr", "dpd@ac-besancon.fr"),
    ],
)
def test_bfc_sites_differ_where_the_guide_does(academy, own, other):
    emails = {c.email for c in catalog(academy).all("contacts")}
    assert own in emails and other not in emails
    text = everything(academy)
    for needle in ["ÉCLAT-BFC", "CEPAGES", "20 h", "Pix", "apps.education", "RAD"]:
        assert needle in text, needle
    assert catalog(academy).academy.ent_name == "ÉCLAT-BFC"


def test_limoges_every_action_of_every_period():
    text = seed("001")
    ticks = text.count("✓")
    assert ticks >= 59
    assert len(tasks_from("limoges", LIMOGES)) >= ticks
    months = {p for t in tasks_from("limoges", LIMOGES) for p in t.when}
    assert months >= {p.value for p in MONTHS}
    contacts = {c.email for c in catalog("limoges").all("contacts")}
    for person in re.findall(r"[\w.]+@ac-limoges\.fr", text[: text.index("AOÛT / SEPTEMBRE")]):
        assert person.lower() in {c.lower() for c in contacts if c}, person
    titles = " ".join(t.title for t in catalog("limoges").all("tasks"))
    assert "Cybermois" in everything("limoges") and "Safer Internet Day" in everything("limoges")
    assert "ÉduConnect" in titles or "EduConnect" in titles


def test_versailles_scenario_families_and_support():
    scenarios = catalog("versailles").all("scenarios")
    assert len(scenarios) == 1 and len(scenarios[0].steps) == 11
    themes = " ".join(t.name for t in catalog("versailles").all("themes"))
    for family in ["Initialiser", "tableau de bord", "RH", "Planifier"]:
        assert family.lower() in themes.lower(), family
    text = everything("versailles")
    for needle in ["CARIINA", "Essonne", "Éléa", "Radio'Ed", "Label"]:
        assert needle in text, needle
    assert any(
        t.level.value == "college" and "Essonne" in (t.details + t.title)
        for t in catalog("versailles").all("tasks")
    )
    kinds = {n.kind.value for _, e in catalog("versailles") for n in getattr(e.record, "notes", [])}
    # The booklet's « Conseil » blocks are actions: they became tasks, the other blocks notes.
    assert kinds >= {"attention", "remarque", "reglementaire", "astuce", "exemple"}


def test_nouvelle_aquitaine_schematic_and_strategy():
    domains = catalog("limoges").all("assessment")
    assert len(domains) == 5 and all(len(d.levels) == 3 for d in domains)
    assert catalog("limoges").entry("assessment", domains[0].id).level == "region"
    strategy = (REPO / "content/regions/nouvelle-aquitaine/strategie.md").read_text(
        encoding="utf-8"
    )
    assert strategy.startswith("# ") and "SchémaTic" in strategy and "|" in strategy
    assert len(tasks_from("limoges", NA)) >= 20


def test_national_site_has_no_local_content():
    national = catalog("national")
    # The IH2EF sheet frames the national tasks; it has no calendar, so the months (and the three
    # actions it does not describe, informing people of data processing among them) are cited
    # from the guides that give them.
    main = [t.source.document for t in national.all("tasks")]
    assert main.count("ih2ef-pilotage-2025") >= len(main) - 3
    assert set(main) <= {"ih2ef-pilotage-2025", BFC}
    assert all(not e.is_local for _, e in national)


def test_every_seed_is_cited():
    cited = {
        t.source.document
        for a in ["besancon", "limoges", "versailles", "national"]
        for t in catalog(a).all("tasks")
    }
    assert cited == {BFC, LIMOGES, VERSAILLES, NA, "ih2ef-pilotage-2025"}
