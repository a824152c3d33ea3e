"""docs/messages.md, the editors' message catalogue: every message the checker can print is
documented there, and the guide (CONTRIBUTING.md) sends editors to it.

The catalogue's examples are run against the shipped data in
tests/data/test_contributing_examples.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
CATALOGUE = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")
MESSAGE_MODULES = [
    "data/yamlload.py",
    "checks/messages.py",
    "data/cascade.py",
    "checks/references.py",
    "checks/freshness.py",
    "guides/loading.py",
    "checks/advice.py",
]


def message_fragments(path: Path) -> list[tuple[int, str]]:
    """The fixed parts of the French strings of a module (f-string parts split at {…})."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.Dict):
            skipped.update(id(key) for key in node.keys if key is not None)  # English keys
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
    out = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = [node.value]
        else:
            continue
        for part in parts:
            text = part.strip(" «»")
            # A message has words: leave out separators, field labels and patterns.
            if " " in text and re.search(r"[^\W\d_]{4,}", text):
                out.append((node.lineno, text))
    return out


FRAGMENTS = [
    (f"{name}:{line}", text)
    for name in MESSAGE_MODULES
    for line, text in message_fragments(REPO / "vademecum" / name)
]


def test_fragments_are_found():
    texts = {text for _, text in FRAGMENTS}
    assert "fichier vide : supprimez-le ou ajoutez des données" in texts
    assert "champ obligatoire manquant" in texts
    assert "mapping values are not allowed here" not in texts  # English YAML errors, translated
    assert len(FRAGMENTS) > 50


@pytest.mark.parametrize(("where", "text"), FRAGMENTS, ids=[w for w, _ in FRAGMENTS])
def test_every_checker_message_is_in_the_guide(where, text):
    assert text in CATALOGUE, (
        f"message de vademecum/{where} absent de docs/messages.md : "
        f"« {text} » (ajoutez un exemple fautif, le message affiché et la correction)"
    )
