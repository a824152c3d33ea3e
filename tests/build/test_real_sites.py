"""The shipped data: every académie builds strictly, with its guide's content, behind one landing page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project
from vademecum.cli import main

ACADEMIES = ["besancon", "dijon", "limoges", "national", "versailles"]


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "data")
    site = project / "site"
    assert main(["--root", str(project), "build", "--all", "--site-dir", str(site)]) == 0
    return site


def test_every_academy_and_the_landing_page(real):
    assert sorted(p.name for p in real.iterdir() if p.is_dir()) == ACADEMIES
    landing = (real / "index.html").read_text(encoding="utf-8")
    for region in ("Bourgogne-Franche-Comté", "Île-de-France", "Nouvelle-Aquitaine"):
        assert region in landing
    assert landing.index("Bourgogne-Franche-Comté") < landing.index("Académie de Besançon")


@pytest.mark.parametrize("academy", ACADEMIES)
def test_every_task_is_on_each_of_its_month_pages(real, academy):
    index = json.loads((real / academy / "taches.json").read_text(encoding="utf-8"))
    assert index["academy"] == academy and index["tasks"]
    pages = {}
    for task in index["tasks"]:
        for period in task["when"]:
            if period not in pages:
                html = (real / academy / "calendrier" / period / "index.html").read_text(
                    encoding="utf-8"
                )
                pages[period] = set(re.findall(r'<article class="vm-task" id="([^"]+)"', html))
            assert task["id"] in pages[period], (task["id"], period)


def test_local_content_is_marked_and_contacts_listed(real):
    september = (real / "besancon" / "calendrier" / "septembre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--region" in september
    assert "dpd@ac-besancon.fr" in (real / "besancon" / "contacts" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--academy" in (
        real / "limoges" / "calendrier" / "octobre" / "index.html"
    ).read_text(encoding="utf-8")
    assert (real / "limoges" / "strategie" / "index.html").is_file()
    assert (real / "limoges" / "autoevaluation" / "index.html").is_file()
    assert list((real / "versailles" / "scenarios").iterdir())
    national = (real / "national" / "calendrier" / "septembre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "vm-badge--region" not in national and "vm-badge--academy" not in national
