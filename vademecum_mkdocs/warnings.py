"""MkDocs' warnings, kept during a build and shown in French when the strict build fails."""

from __future__ import annotations

import logging
import re

from vademecum.checks.problems import printable

_KNOWN = [
    (
        re.compile(
            r"^Config value '(?P<key>[^']+)': Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<rest>.*)$",
            re.S,
        ),
        "mkdocs.yml : option {option} du plugin « {plugin} » : {rest}",
    ),
    (re.compile(r"^Error reading page '(?P<page>[^']+)':?\s*(?P<rest>.*)$", re.S), "{rest}"),
    (
        re.compile(r"^Aborted with a BuildError!?$"),
        "la construction s'est arrêtée sur l'erreur ci-dessus",
    ),
    (
        re.compile(r"^Aborted with (?:a|\d+) configuration errors?!?$"),
        "la configuration est à corriger (ci-dessus) : rien n'a été construit",
    ),
    (
        re.compile(r"^Aborted with (?P<count>\d+) warnings? in strict mode!?$"),
        "{count} avertissement(s) en mode strict (ci-dessus) : rien n'a été publié",
    ),
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target"),
        "{page} : le lien « {link} » mène à une page ou un fichier introuvable",
    ),
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc"),
        "{page} : le lien « {link} » mène à une ancre introuvable",
    ),
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>[^']+)'"),
        "{page} : lien absolu « {link} » ; écrivez un lien relatif vers la page",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'"
        ),
        "{page} : lien relatif non reconnu « {link} »",
    ),
    (
        re.compile(
            r"External assets? (?:download|found)[^:]*: (?P<link>\S+)(?: in (?P<page>\S+))?"
        ),
        "{page} : ressource externe « {link} » interdite (RGPD) : copiez-la dans le site",
    ),
]


def french_warning(message: str) -> str:
    """A French line for a known MkDocs message (empty: nothing to add); others shown whole."""
    message = printable(message.strip())
    for pattern, french in _KNOWN:
        match = pattern.search(message)
        if match:
            values = {k: v if v is not None else "?" for k, v in match.groupdict().items()}
            return french.format(**values)
    return message


def french_lines(message: str) -> list[str]:
    """A possibly multi-line message (the plugin lists every data problem), line by line."""
    return [line for line in map(french_warning, message.splitlines()) if line]


# mkdocs-macros logs a failed page as a Markdown report (title, file, `_Type_: message`, traceback).
_MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros"
_MACROS_ERROR = re.compile(r"^_(?P<type>\w+)_: (?P<message>.*)$", re.M)


def _macros_error(message: str) -> str | None:
    """The one line worth showing of mkdocs-macros' report (None: a guide's error, which the
    vademecum plugin has already logged in French)."""
    found = _MACROS_ERROR.search(message)
    if found is None:
        return message
    return None if found["type"].endswith("GuideError") else found["message"]


class CollectedWarnings(logging.Handler):
    """Keeps every warning and error logged under `mkdocs` while the block runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call must not hide the build's real outcome
            message = str(record.msg)
        if record.name.startswith(_MACROS_LOGGER):
            message = _macros_error(message) or ""
        if message:
            self.records.append(message)

    def lines(self) -> list[str]:
        return [line for record in self.records for line in french_lines(record)]

    def __enter__(self) -> CollectedWarnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
