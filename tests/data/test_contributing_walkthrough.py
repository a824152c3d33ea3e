"""The editors' walk-through (CONTRIBUTING.md, section 6) works: each YAML example, written where
the guide says, passes `vademecum check` on a copy of the shipped data; and the guide states the
`verified_on` rule the checker applies."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from vademecum.checks.freshness import CHECKED_KINDS
from vademecum.data.cascade import load_catalog
from vademecum.data.kinds import MODELS as KINDS

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
DIJON = "data/academies/dijon"


def example(heading: str, index: int = 0) -> str:
    part = GUIDE.split(heading, 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", part, re.S)[index]


def source_document() -> str:
    return example("### 6.4 Citer sa source")


STEPS = {
    "tâche": {f"{DIJON}/tasks.yml": lambda: example("### 6.2 Ajouter une tâche")},
    "retirer une tâche": {f"{DIJON}/tasks.yml": lambda: example("### 6.3 Retirer")},
    "documents et connaissance de la DRANE": {
        f"{DIJON}/documents.yml": lambda: (
            source_document() + example("### 6.4 Citer sa source", 1).replace("documents:\n", "")
        )
    },
    "ajouter une ressource": {
        f"{DIJON}/documents.yml": source_document,
        f"{DIJON}/resources.yml": lambda: example("### 6.5 Ressources"),
    },
    "modifier une ressource": {f"{DIJON}/resources.yml": lambda: example("### 6.5 Ressources", 1)},
    "retirer une ressource": {f"{DIJON}/resources.yml": lambda: example("### 6.5 Ressources", 2)},
    "ajouter un texte officiel": {
        f"{DIJON}/documents.yml": source_document,
        f"{DIJON}/legal_texts.yml": lambda: example("### 6.6 Textes officiels"),
    },
    "ajouter un contact": {
        f"{DIJON}/documents.yml": source_document,
        f"{DIJON}/contacts.yml": lambda: example("### 6.7 Contacts").replace("contacts:\n", ""),
    },
    "modifier un contact": {f"{DIJON}/contacts.yml": lambda: example("### 6.7 Contacts", 1)},
}


def _check(files: dict[str, str], tmp_path: Path, academy: str = "dijon") -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.read_text(encoding="utf-8") + "\n" if path.exists() else ""
        path.write_text(before + text, encoding="utf-8")
    _, problems = load_catalog(root, academy, dt.date(2026, 11, 28))
    return [str(p) for p in problems if not p.warning]


@pytest.mark.parametrize("step", STEPS, ids=list(STEPS))
def test_each_step_of_the_walkthrough_passes_the_checker(step, tmp_path):
    files = {path: make() for path, make in STEPS[step].items()}
    assert _check(files, tmp_path) == []


def _new_academy_files() -> dict[str, str]:
    academy = example("### 6.9 Ajouter une académie")
    academy = academy.replace("https://…", "https://ent.example.fr").replace("…", "ENT")
    return {"data/academies/nancy-metz/academy.yml": academy}


def test_a_new_academy_and_its_region_from_the_web_pass(tmp_path):
    files = _new_academy_files()
    files["data/regions/grand-est/region.yml"] = example("### 6.10")
    assert _check(files, tmp_path, "nancy-metz") == []


def test_a_new_academy_without_its_region_fails_as_the_guide_says(tmp_path):
    (problem,) = _check(_new_academy_files(), tmp_path, "nancy-metz")
    assert "région académique inconnue" in problem
    assert "région académique inconnue" in GUIDE


def test_the_guide_states_the_verified_on_rule_the_checker_applies():
    table = GUIDE.split("### 6.8", 1)[1].split("\n### ", 1)[0]
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in table.splitlines()
        if line.startswith("| ") and "---" not in line and "élément" not in line
    }
    labels = {"legal_texts": "texte officiel", "contacts": "contact", "resources": "ressource"}
    for kind in CHECKED_KINDS:
        required = KINDS[kind].model_fields["verified_on"].is_required()
        row = next(v for k, v in rows.items() if labels[kind] in k)
        assert row.startswith("erreur" if required else "aucun message"), (kind, row)


def test_the_guide_covers_every_step_an_editor_needs():
    for words in (
        "Ressources : ajouter, modifier, retirer",
        "Textes officiels : ajouter, modifier, retirer",
        "Contacts : ajouter, modifier, retirer",
        "Ajouter une tâche",
        "Retirer une tâche",
        "Ajouter une académie",
        "Ajouter ou modifier une région académique",
        "connaissance-drane",
        "L'éditeur en ligne (formulaires)",
        "Pour la DRANE : activer l'éditeur en ligne",
        "VADEMECUM_CMS_APP_ID",
        "fork",
        "Plusieurs fichiers dans la même demande",
        "Lire une vérification qui échoue",
        "(docs/messages.md)",
    ):
        assert words in GUIDE, words
    # The catalogue lives in docs/messages.md; the form editor's sign-in and `make admin` (§7)
    # took 40 lines this round.
    assert len(GUIDE.splitlines()) < 950
