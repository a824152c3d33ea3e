"""The error examples of the message catalogue (docs/messages.md), run over the shipped data,
print what the catalogue says.

The examples name real ids of data/ (Dijon, Bourgogne-Franche-Comté): when the data change,
regenerate the example or its printed line in the guide.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from vademecum.data.cascade import load_catalog

CATALOGUE = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")


def printed_examples() -> list[tuple[str, str, str]]:
    """(file shown in the example, example YAML, printed line) for the guide's error examples."""
    section = CATALOGUE.split("## Messages d'erreur", 1)[1]
    pattern = re.compile(
        r"```yaml\n# (data/\S+\.yml)\n(.*?)```\n\n```text\n(.*?)\n```", flags=re.DOTALL
    )
    return [
        (m[1], m[2], m[3])
        for m in pattern.finditer(section)
        if "…" not in m[2] and "# et dans " not in m[2]  # partial or spread over two files
    ]


def test_the_guide_has_examples_for_the_error_messages():
    assert len(printed_examples()) > 40


@pytest.mark.parametrize(
    ("file", "example", "printed"),
    printed_examples(),
    ids=[p.split(": ", 1)[-1][:50] for _, _, p in printed_examples()],
)
def test_error_examples_print_what_the_guide_says(tmp_path, file, example, printed):
    """Each complete example, written over the repository's data, prints the guide's message."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    target = root / file
    level = "../../" if file.startswith("data/national/") else "../../../"
    first = f"# yaml-language-server: $schema={level}schema/{target.stem}.json\n"
    target.write_text(first + example, encoding="utf-8")
    parts = Path(file).parts
    academy = parts[2] if parts[1] == "academies" else "national"
    if parts[1] == "regions":
        academy = next(
            p.parent.name
            for p in sorted((root / "data/academies").glob("*/academy.yml"))
            if f"region: {parts[2]}" in p.read_text(encoding="utf-8")
        )
    _, problems = load_catalog(root, academy, dt.date.today())
    shown = {str(problem) for problem in problems}
    for line in printed.splitlines():
        # Messages naming other data files depend on the data of the day: compare the start.
        assert line in shown or any(s.startswith(line.split(" par data/")[0]) for s in shown), (
            f"{file} : le guide annonce « {line} », le vérificateur affiche : {sorted(shown)}"
        )
