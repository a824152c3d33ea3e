"""Characters no text of the vademecum may hold, wherever it comes from (data, command line).

Control characters (NUL, ESC, BEL…) would reach the HTML, the search index and the calendars
(RFC 5545 forbids them in text); Unicode line separators are line breaks for YAML and for
JavaScript but not for Markdown; bidirectional controls reorder what a reader sees. A newline
(and a tab, for indented code) is allowed only in Markdown.
"""

from __future__ import annotations

import re

# Bidirectional embeddings, overrides and isolates, and the byte order mark.
_INVISIBLE = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
}
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "retour arrière",
    "\t": "tabulation",
    "\n": "saut de ligne",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\r": "retour chariot",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x85": "NEL",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\ufeff": "indicateur d'ordre des octets",
}


# Categories Cc (C0, DEL, C1), Cs (lone surrogates), Zl and Zp, and the invisible ones above.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029" + "".join(_INVISIBLE) + "]")
_FORBIDDEN_IN_MARKDOWN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029" + "".join(_INVISIBLE) + "]"
)


def is_forbidden(char: str, *, multiline: bool = False) -> bool:
    """`char` may not appear in a text (`multiline`: Markdown, where newline and tab may)."""
    return bool((_FORBIDDEN_IN_MARKDOWN if multiline else _FORBIDDEN).match(char))


def describe(char: str) -> str:
    """`U+001B (ESC)`: how a message names a character that cannot be shown."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    if name is None and "\u202a" <= char <= "\u2069":
        name = "contrôle de sens d'écriture"
    return f"{code} ({name})" if name else code


def forbidden_character(value: str, *, multiline: bool = False) -> str | None:
    """French description of the first forbidden character of `value`, or None."""
    found = (_FORBIDDEN_IN_MARKDOWN if multiline else _FORBIDDEN).search(value)
    if found:
        char, index = found.group(), found.start()
        where = f"{describe(char)} au caractère {index + 1}"
        if char not in _LINE_BREAKS:
            return (
                f"caractère invisible interdit {where} : supprimez-le (souvent collé avec le texte)"
            )
        if multiline:
            return f"saut de ligne inhabituel {where} : remplacez-le par un retour à la ligne ordinaire"
        return f"saut de ligne interdit {where} : ce champ tient sur une seule ligne"
    return None
