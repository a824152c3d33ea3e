"""Any error a guide's template raises, as one French line naming the guide and the line.

Whatever renders the guide (the engine, mkdocs-macros, `vademecum export`) turns the
exception into a GuideError with `guide_error`; an editor never sees a Python traceback.
"""

from __future__ import annotations

import re
import traceback

from jinja2 import TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateAssertionError, UndefinedError

from vademecum.guides.limits import GuideLimitError

_UNSAFE = re.compile(r"attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute)")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'")
_UNCLOSED_BLOCK = re.compile(r"The innermost block that needs to be closed is '([^']+)'")
_UNEXPECTED = re.compile(r"unexpected '(.+?)'(?:, expected '(.+?)')?")
_EXPECTED = re.compile(r"expected token '(.+?)', got '(.+?)'")
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "fin du guide",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}
_NO_FILTER = re.compile(r"No (filter|test) named '([^']+)'")


class GuideError(Exception):
    """A guide's template cannot run; `str()` is the French message with file and line."""

    def __init__(self, guide: str, line: int | None, message: str):
        self.guide, self.line, self.message = guide, line, message
        where = f"{guide}:{line}" if line else guide
        super().__init__(f"{where}: {message}")


def guide_error(error: BaseException, guide: str, first_line: int, allowed: str) -> GuideError:
    """The GuideError for `error`, raised by the guide `guide` whose text starts at line
    `first_line` of its file; `allowed` says what a guide may call (for unknown names)."""
    if isinstance(error, TemplateSyntaxError):
        line: int | None = error.lineno or 1
    else:
        line = _template_line(error)
    return GuideError(guide, first_line + line - 1 if line else None, _message(error, allowed))


def _message(error: BaseException, allowed: str) -> str:
    text = str(error)
    if isinstance(error, TemplateAssertionError) and (unknown := _NO_FILTER.search(text)):
        kind = "filtre" if unknown.group(1) == "filter" else "test"
        return f"le {kind} « {unknown.group(2)} » n'est pas permis dans un guide : {allowed}"
    if isinstance(error, TemplateSyntaxError):
        return f"erreur de syntaxe des macros : {_syntax(text)}"
    if isinstance(error, GuideLimitError):
        return text
    if isinstance(error, SecurityError):
        attribute = _UNSAFE.search(text)
        what = f"l'attribut « {attribute.group(1)} »" if attribute else "cet appel"
        return f"{what} est interdit : {allowed}"
    if isinstance(error, UndefinedError):
        name = _UNDEFINED.search(text)
        what = f"« {name.group(1)} »" if name else "un nom utilisé"
        return f"{what} n'existe pas : {allowed}"
    if isinstance(error, TemplateNotFound):
        return f"{{% include %}} refusé : {error.message}"
    if "no loader" in text:
        return "{% include %}, {% import %} et {% extends %} sont interdits dans un guide"
    if isinstance(error, ZeroDivisionError):
        return "division par zéro"
    if isinstance(error, RecursionError):
        return "appels imbriqués trop profonds (une macro qui s'appelle elle-même ?)"
    if isinstance(error, (OverflowError, MemoryError)):
        return "nombre ou texte trop grand pour un guide"
    if isinstance(error, ValueError) and not isinstance(error, UnicodeError):
        return f"erreur dans une macro : {text}"  # the project's macros speak French
    if isinstance(error, (TypeError, LookupError)):
        return f"opération impossible sur ces valeurs ({type(error).__name__} : {text})"
    return f"erreur inattendue ({type(error).__name__} : {text}) : signalez-la à l'équipe du projet"


def _syntax(text: str) -> str:
    """Jinja's usual syntax messages in French (others are kept after a French lead)."""
    if "Missing end of comment tag" in text:
        return (
            "« {# » ouvre un commentaire qui n'est jamais fermé par « #} » ; pour écrire « {# » "
            "dans le texte (un identifiant de titre par exemple), mettez-le entre "
            "{% raw %} et {% endraw %}"
        )
    if unknown := _UNKNOWN_TAG.search(text):
        tag = unknown.group(1)
        if tag.startswith("end") or tag in ("else", "elif"):
            return f"« {{% {tag} %}} » ne ferme aucun bloc ouvert : supprimez-la ou ouvrez le bloc"
        return f"balise « {{% {tag} %}} » inconnue"
    if "Unexpected end of template" in text:
        block = _UNCLOSED_BLOCK.search(text)
        if block:
            name = block.group(1)
            return f"bloc « {{% {name} %}} » jamais fermé : il manque « {{% end{name} %}} »"
        return "fin du guide atteinte avant la fin d'un bloc"
    if "unexpected end of template" in text:
        return "« {{ » ou « {% » ouvert et jamais fermé (il manque « }} » ou « %} »)"
    if found := _UNEXPECTED.search(text):
        wanted = f", « {_token(found.group(2))} » attendu" if found.group(2) else ""
        return f"« {_token(found.group(1))} » inattendu{wanted}"
    if found := _EXPECTED.search(text):
        return f"« {_token(found.group(1))} » attendu, « {_token(found.group(2))} » trouvé"
    if text.startswith("Expected an expression"):
        return "une expression manque (un nom, un texte entre guillemets ou un nombre)"
    return f"expression mal écrite ({text})"


def _token(description: str) -> str:
    return _TOKENS.get(description, description)


def _template_line(error: BaseException) -> int | None:
    """The guide line where the error happened: Jinja maps template frames to its lines;
    a limit reached outside any template frame carries its own."""
    lines = [
        f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"
    ]
    if lines:
        return lines[-1]
    return getattr(error, "lineno", None)
