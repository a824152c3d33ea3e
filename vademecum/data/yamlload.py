"""Load YAML into plain values plus the position of every value, catching YAML 1.1 traps.

PyYAML resolves scalars with YAML 1.1 rules: `no` becomes False, `01000` an octal number,
`10:30` the number 630, and it silently keeps the last of two duplicate keys. Editors never
mean that, so we compose the node tree (which keeps marks) and convert it ourselves:
ambiguous plain scalars become problems, everything else keeps the value that was written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vademecum.checks.advice import expected_kind, field_label
from vademecum.checks.characters import describe
from vademecum.checks.problems import Problem

try:  # libyaml is about five times faster; marks are kept either way.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
# Aliases (*nom) repeat a value already written: a few are harmless, but nested ones multiply
# (a 700-byte "billion laughs" file expands to gigabytes). Past this many repeated nodes, the
# file is refused with one problem.
MAX_REPEATED_NODES = 200
# Digits of a number: no field holds more (Python refuses to read past 4 300 digits).
MAX_DIGITS = 18

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")


@dataclass
class Loaded:
    """A parsed file: its value (None when unreadable) and where each value stands."""

    value: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the deepest known value on `path` (of its key, if `key`)."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


def load_file(path: Path, shown_as: str) -> Loaded:
    """Read and convert one YAML file; `shown_as` is the name used in messages."""
    result = Loaded(value=None)

    def fail(line: int, column: int, message: str) -> Loaded:
        result.problems.append(Problem(shown_as, line, column, "(fichier)", message))
        return result

    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return fail(1, 1, "dossier au lieu d'un fichier : un fichier YAML est attendu")
    except OSError as error:
        return fail(1, 1, f"fichier illisible ({error.strerror})")
    if len(raw) > MAX_BYTES:
        return fail(1, 1, f"fichier trop volumineux ({len(raw)} octets, maximum {MAX_BYTES})")
    if b"\0" in raw:
        return fail(1, 1, "fichier binaire : un fichier texte YAML en UTF-8 est attendu")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return fail(line, column, "encodage invalide : enregistrez le fichier en UTF-8")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fail(1, 1, "fichier vide : supprimez-le ou ajoutez des données")
    hidden_break = _HIDDEN_BREAK.search(text)
    if hidden_break:  # YAML reads it as a line break that no editor shows
        line, column = _position(text, hidden_break.start())
        return fail(
            line,
            column,
            f"saut de ligne invisible {describe(hidden_break.group())} : YAML le lit comme un "
            "retour à la ligne que votre éditeur n'affiche pas ; supprimez-le ou remplacez-le "
            "par un retour à la ligne ordinaire",
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:  # a control character written as is
        # libyaml counts bytes, PyYAML characters: the first such character is the one.
        line, column = _position(text, max(0, text.find(chr(error.character))))
        return fail(line, column, _control_character(chr(error.character)))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(line, column, f"syntaxe YAML invalide : {_french_yaml_error(error)}")
    except yaml.YAMLError as error:
        return fail(1, 1, f"syntaxe YAML invalide : {error}")
    except RecursionError:
        return fail(1, 1, "imbrication trop profonde")
    if node is None:
        return fail(1, 1, "fichier vide : supprimez-le ou ajoutez des données")
    converter = _Converter(shown_as, result)
    try:
        result.value = converter.convert(node, (), 0)
        converter.name_fields()
    except _TooManyAliases:
        result.value = None
        result.marks.clear()
        line, column = _first_alias(text)
        return fail(
            line,
            column,
            "trop d'alias YAML (*nom) : ce fichier répète plus de "
            f"{MAX_REPEATED_NODES} valeurs par des alias ; recopiez les valeurs au lieu "
            "d'utiliser des ancres (&nom) et des alias (*nom)",
        )
    return result


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _control_character(char: str) -> str:
    return (
        f"caractère invisible interdit {describe(char)} : supprimez-le (souvent collé avec "
        "le texte)"
    )


class _TooManyAliases(Exception):
    pass


def _first_alias(text: str) -> tuple[int, int]:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1  # pragma: no cover - only called when aliases were followed


def _french_yaml_error(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    if "\t" in problem or "tab" in problem:
        return "tabulation interdite pour l'indentation : utilisez des espaces"
    known = {
        "mapping values are not allowed here": (
            "« : » inattendu ; mettez le texte entre guillemets s'il contient « : »"
        ),
        # libyaml's wording of the same error
        "mapping values are not allowed in this context": (
            "« : » inattendu ; mettez le texte entre guillemets s'il contient « : »"
        ),
        "could not find expected ':'": "« : » attendu après la clé",
        "found character that cannot start any token": (
            "caractère qui ne peut pas commencer une valeur (tabulation, @ ou `) ; "
            "mettez le texte entre guillemets"
        ),
        "found undefined alias": "alias (*nom) non défini",
        "expected <block end>, but found '-'": "élément de liste mal indenté",
        "did not find expected key": "indentation incohérente ou guillemet non fermé",
        "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
        "did not find expected '-' indicator": "élément de liste mal indenté",
        "did not find expected ',' or ']'": "« ] » ou « , » attendu : crochet non fermé ?",
        "did not find expected ',' or '}'": "« } » ou « , » attendu : accolade non fermée ?",
        "found unknown escape character": "caractère d'échappement inconnu entre guillemets",
        "found unexpected ':'": "« : » inattendu ; mettez le texte entre guillemets",
    }
    for english, french in known.items():
        if problem.startswith(english):
            return french
    return problem or "erreur de syntaxe"


class _Converter:
    def __init__(self, shown_as: str, result: Loaded):
        self.shown_as = shown_as
        self.result = result
        self.seen: set[int] = set()
        self.repeated = 0
        self.pending: list[tuple[int, int, Path_, str]] = []

    def problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.pending.append((node.start_mark.line + 1, node.start_mark.column + 1, path, message))

    def name_fields(self) -> None:
        """The problems found while converting, their records named now that ids are known."""
        for line, column, path, message in self.pending:
            field = _dotted(path) if len(path) > 8 else field_label(self.result.value, path)
            self.result.problems.append(Problem(self.shown_as, line, column, field, message))
        self.pending.clear()

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if id(node) in self.seen:  # reached through an alias
            self.repeated += 1
            if self.repeated > MAX_REPEATED_NODES:
                raise _TooManyAliases
        else:
            self.seen.add(id(node))
        self.result.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            self.problem(node, path, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, (*path, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "une clé doit être un simple nom de champ")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, path, "la fusion « << » n'est pas prise en charge")
                continue
            if key in first_line:
                self.problem(
                    key_node,
                    (*path, key),
                    f"clé en double (déjà définie ligne {first_line[key]}) : "
                    "une seule valeur serait gardée sans prévenir",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            mark = key_node.start_mark
            self.result.key_marks[(*path, key)] = (mark.line + 1, mark.column + 1)
            out[key] = self.convert(value_node, (*path, key), depth + 1)
        return out

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        assert isinstance(node, yaml.ScalarNode)  # neither a mapping nor a sequence: a scalar
        value: str = node.value
        tag = node.tag
        if not tag.startswith(_TAG) and tag != "!":
            self.problem(node, path, f"étiquette YAML « {tag} » non prise en charge")
            return value
        kind = tag.removeprefix(_TAG)
        if kind not in ("str", "!", "null", "bool", "int", "float", "timestamp"):
            self.problem(node, path, f"étiquette YAML « {tag} » non prise en charge")
            return value
        if node.style or kind in ("str", "!"):  # quoted or block text: exactly what was written
            return value
        if kind == "null":
            return None
        if kind == "bool":
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            self.problem(node, path, _yes_no_advice(value, path))
            return value
        if kind == "int":
            if _DECIMAL.match(value):
                digits = len(value.lstrip("+-"))
                if digits > MAX_DIGITS:
                    self.problem(node, path, _too_long(digits))
                    return value
                return int(value)
            reading = _yaml11_reading(value)
            self.problem(
                node,
                path,
                f"« {value} » serait lu comme le nombre {reading} : mettez-le entre guillemets",
            )
            return value
        if kind == "float":
            if _PLAIN_FLOAT.match(value):
                digits = len(re.sub(r"[^0-9]", "", value.partition("e")[0].partition("E")[0]))
                number = float(value)
                if digits > MAX_DIGITS:
                    self.problem(node, path, _too_long(digits))
                    return value
                if number in (float("inf"), float("-inf")):
                    self.problem(
                        node,
                        path,
                        f"nombre trop grand « {value} » : corrigez-le, ou mettez-le "
                        "entre guillemets s'il s'agit d'un texte",
                    )
                    return value
                return number
            self.problem(
                node, path, f"« {value} » serait lu comme un nombre : mettez-le entre guillemets"
            )
            return value
        if kind == "timestamp":
            if _DATE.match(value):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    self.problem(node, path, f"date impossible « {value} »")
                    return value
            self.problem(
                node,
                path,
                f"« {value} » serait lu comme une date et heure : mettez-le entre guillemets",
            )
            return value
        return value


def _too_long(digits: int) -> str:
    return (
        f"nombre trop long ({digits} chiffres, maximum {MAX_DIGITS}) : corrigez-le, ou "
        "mettez-le entre guillemets s'il s'agit d'un texte"
    )


def _yes_no_advice(value: str, path: Path_) -> str:
    """yes, no, on, off… would become true or false: what to write depends on the field."""
    field = next((p for p in reversed(path) if isinstance(p, str)), None)
    expected = expected_kind(field)
    if expected == "bool":
        return f"« {value} » n'est pas compris ici : écrivez true (oui) ou false (non)"
    if expected and expected.startswith("choice:"):
        return (
            f"« {value} » serait lu comme vrai/faux : choisissez une des valeurs possibles "
            f"({expected.removeprefix('choice:')})"
        )
    if expected == "text":
        return (
            f"« {value} » serait lu comme vrai/faux, pas comme du texte : mettez le texte "
            f'entre guillemets ({field}: "{value}")'
        )
    return (
        f"« {value} » serait lu comme vrai/faux : écrivez true ou false, "
        "ou mettez le texte entre guillemets"
    )


def _yaml11_reading(value: str) -> str:
    """What PyYAML would have made of an int-tagged plain scalar (for the message)."""
    try:
        return str(yaml.safe_load(value))
    except yaml.YAMLError:  # pragma: no cover - the scalar already resolved as int
        return "?"


def _dotted(path: Path_) -> str:
    if len(path) > 8:  # a deeply nested value: its first levels are enough to find it
        return _dotted(path[:6]) + "…"
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(fichier)"
