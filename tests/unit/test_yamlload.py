"""The YAML loader: values as written, positions, and PyYAML's traps reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vademecum.data.yamlload import load_file


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_file(path, "f.yml")


def only_problem(loaded):
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


def test_plain_values_and_marks(tmp_path):
    loaded = load(tmp_path, "a:\n  b: texte\n  c: [1, true, 2.5, ~]\n  d: 2025-01-08\n")
    assert loaded.problems == []
    assert loaded.value == {
        "a": {"b": "texte", "c": [1, True, 2.5, None], "d": dt.date(2025, 1, 8)}
    }
    assert loaded.marks[("a", "b")] == (2, 6)
    assert loaded.where(("a", "c", 1)) == (3, 10)


@pytest.mark.parametrize(
    ("scalar", "words"),
    [
        ("no", "vrai/faux"),
        ("Yes", "vrai/faux"),
        ("off", "vrai/faux"),
        ("01000", "512"),
        ("10:30", "630"),
        ("0x1F", "31"),
        ("2025-01-08 10:30:00", "date et heure"),
    ],
)
def test_yaml11_traps_are_problems(tmp_path, scalar, words):
    problem = only_problem(load(tmp_path, f"champ: {scalar}\n"))
    assert (problem.line, problem.column, problem.field) == (1, 8, "champ")
    assert words in problem.message
    assert "guillemets" in problem.message or "true ou false" in problem.message


@pytest.mark.parametrize("scalar", ['"no"', "'01000'", '"10:30"', "|\n  no\n"])
def test_quoted_values_are_kept_as_text(tmp_path, scalar):
    loaded = load(tmp_path, f"champ: {scalar}")
    assert loaded.problems == []
    assert loaded.value["champ"].strip() in ("no", "01000", "10:30")


def test_duplicate_key_names_both_lines(tmp_path):
    problem = only_problem(load(tmp_path, "a: 1\nb: 2\na: 3\n"))
    assert (problem.line, problem.column, problem.field) == (3, 1, "a")
    assert "double" in problem.message and "ligne 1" in problem.message


def test_tab_indentation(tmp_path):
    problem = only_problem(load(tmp_path, "a:\n\tb: 1\n"))
    assert problem.line == 2
    assert "tabulation" in problem.message


def test_syntax_error_position(tmp_path):
    problem = only_problem(load(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))
    assert problem.line >= 2
    assert problem.message.startswith("syntaxe YAML invalide")


@pytest.mark.parametrize("text", ["", "   \n", "# seulement un commentaire\n"])
def test_empty_file(tmp_path, text):
    assert "vide" in only_problem(load(tmp_path, text)).message


def test_non_utf8_file_names_line(tmp_path):
    problem = only_problem(load(tmp_path, "a: 1\nb: caf\xe9\n".encode("latin-1")))
    assert (problem.line, problem.column) == (2, 7)
    assert "UTF-8" in problem.message


def test_binary_file(tmp_path):
    assert "binaire" in only_problem(load(tmp_path, b"\x89PNG\r\n\x1a\n\0\0")).message


def test_deep_nesting(tmp_path):
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    assert "imbrication" in only_problem(load(tmp_path, text)).message


def test_too_large(tmp_path):
    assert "volumineux" in only_problem(load(tmp_path, "a: " + "x" * 3_000_000)).message


def test_merge_keys_and_custom_tags_refused(tmp_path):
    loaded = load(tmp_path, "base: &b {x: 1}\nautre:\n  <<: *b\ntag: !python/object 1\n")
    messages = " ".join(p.message for p in loaded.problems)
    assert "fusion" in messages and "étiquette" in messages
