"""Addresses checked at the door: e-mail addresses and links of the data, and the addresses a
build is given (the public site address, the edit address, the form editor's forge).

Each function returns a French message (None when the value is fine) or raises AddressError;
the model and the adapters decide where the message goes.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from vademecum.checks.characters import forbidden_character
from vademecum.checks.problems import printable

_LOCAL_PART = re.compile(r"^[A-Za-z0-9_'+-]+(\.[A-Za-z0-9_'+-]+)*$")
_ASCII_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_TLD = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}

# Letters of other scripts drawn like Latin letters (Unicode's confusables, the common ones):
# a label written only with them reads as a Latin word (« аrеnа » in Cyrillic).
# Host names are compared in lower case.
_LATIN_LOOKALIKES = set("аеорсухіјѕԁһӏԛԝү" + "οαινρτυκχ")  # Cyrillic, Greek
_GROUPED_SCRIPTS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}
_FRENCH_SCRIPTS = {"LATIN": "latine", "CYRILLIC": "cyrillique", "GREEK": "grecque"}


class AddressError(ValueError):
    """An address a build cannot use (message in French, naming the option)."""


def email_problem(value: str, *, malformed: bool = True) -> str | None:
    """Why `value` is not one plain e-mail address (None when it is); `malformed=False` leaves
    an address that is simply badly written to the caller's own message."""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        return "écrivez l'adresse seule, sans « mailto: » devant (le site ajoute le lien)"
    if "?" in text or "&" in text or "%" in text:
        return (
            "l'adresse seule est attendue, sans « ? » ni paramètre (copie cachée, objet…) : "
            "supprimez tout ce qui suit l'adresse"
        )
    if any(sep in text for sep in ",;") or text.count("@") > 1:
        return "une seule adresse par contact : gardez-en une (ou créez un contact par adresse)"
    if any(c.isspace() for c in text):
        return "espace dans l'adresse : écrivez-la d'un seul tenant (ex. dpd@ac-exemple.fr)"
    local, at, domain = text.rpartition("@")
    bad = not at or not _LOCAL_PART.match(local) or host_problem(domain) or "." not in domain
    if bad and malformed:
        return "adresse électronique invalide : nom@domaine.fr attendu (ex. dpd@ac-exemple.fr)"
    return None


def _script(char: str) -> str | None:
    """The script of a letter (LATIN, CYRILLIC, GREEK…), None for digits and hyphens."""
    if not unicodedata.category(char).startswith("L"):
        return None
    first = unicodedata.name(char, "?").split(" ")[0]
    return _GROUPED_SCRIPTS.get(first, first)


def _french(script: str) -> str:
    return _FRENCH_SCRIPTS.get(script, script.lower())


def _label_problem(label: str) -> str | None:
    if label.isascii():
        if _ASCII_LABEL.match(label):
            if label.startswith("xn--"):
                try:
                    decoded = label.encode("ascii").decode("idna")
                except UnicodeError:
                    return f"nom de domaine encodé invalide « {label} »"
                return _label_problem(decoded) if not decoded.isascii() else None
            return None
        return f"partie de nom de domaine invalide « {printable(label)} »"
    if any(not (c.isalnum() or c == "-") for c in label):
        return f"partie de nom de domaine invalide « {printable(label)} »"
    if unicodedata.normalize("NFKC", label) != label:
        return (
            f"« {printable(label)} » contient des caractères de forme spéciale (pleine chasse, "
            "ligature…) : écrivez-les normalement"
        )
    scripts = {s for s in map(_script, label) if s}
    if len(scripts) > 1:
        return (
            f"« {label} » mélange plusieurs écritures ({', '.join(map(_french, sorted(scripts)))}) : "
            "une lettre d'une autre écriture y imite une lettre latine"
        )
    if scripts == {"LATIN"}:
        odd = [c for c in label if not c.isascii() and not "\u00c0" <= c <= "\u017f"]
        if odd:
            return f"« {label} » contient « {odd[0]} », une lettre qui imite une lettre ordinaire"
    elif all(c in _LATIN_LOOKALIKES or not c.isalpha() for c in label):
        return (
            f"« {label} » est écrit en écriture {_french(next(iter(scripts)))}, avec des lettres qui "
            "imitent des lettres latines"
        )
    return None


def host_problem(host: str) -> str | None:
    """Why `host` is not a plain host name: ASCII, or one script per label when internationalised
    (a French site has no reason to link to a look-alike of a Latin name)."""
    if not host:
        return "nom de domaine absent"
    if host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return f"adresse IP invalide « {printable(host)} »"
        return None
    labels = host.rstrip(".").lower().split(".")
    for label in labels:
        problem = _label_problem(label)
        if problem:
            return problem
    if not _TLD.match(labels[-1]) and labels[-1].isascii():
        return f"extension de nom de domaine invalide « {labels[-1]} »"
    return None


def link_problem(value: str) -> str | None:
    """Why a link of the data (https://, http:// or mailto:, already matched) is refused."""
    if value.lower().startswith("mailto:"):
        problem = email_problem(value[len("mailto:") :])
        return f"lien mailto: : {problem}" if problem else None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "adresse mal formée (crochets ou port invalides)"
    if "@" in parts.netloc:
        return (
            "« @ » avant le nom de domaine : le lien mènerait ailleurs que là où il semble "
            "mener ; écrivez l'adresse sans identifiant"
        )
    problem = host_problem(parts.hostname or "")
    return f"nom de domaine refusé : {problem}" if problem else None


# Path characters of an address option: no separator of a CSP, a header or an HTML attribute.
_URL_CHARS = re.compile(r"^[A-Za-z0-9._~%/:@+-]*$")


def deployment_address(value: str | None, option: str) -> str | None:
    """A build's address option (`site_url`, `edit_url`, `cms_api_root`…), checked: a plain
    https:// address (http:// only for this machine), or None when unset. Raises AddressError
    whose message names `option`."""
    if value is None or not value.strip(" "):
        return None

    def refuse(why: str) -> AddressError:
        return AddressError(f"option {option} : {why} (reçu « {printable(value)} »)")

    bad = forbidden_character(value)
    if bad or any(c.isspace() for c in value):
        raise refuse("espace, saut de ligne ou caractère invisible dans l'adresse : supprimez-le")
    if any(c in value for c in "\"'<>`\\{}|^"):
        raise refuse("guillemet ou caractère spécial dans l'adresse : supprimez-le")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise refuse("adresse mal formée (crochets ou port invalides)") from None
    host = parts.hostname or ""
    local = parts.scheme == "http" and host in {h.strip("[]") for h in LOCAL_HOSTS}
    if parts.scheme != "https" and not local:
        raise refuse(
            "adresse https://… attendue (http:// seulement pour http://127.0.0.1 ou "
            "http://localhost, sur cette machine)"
        )
    if "@" in parts.netloc:
        raise refuse("identifiant (« …@ ») interdit dans l'adresse : supprimez-le")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise refuse("« ? » et « # » interdits : donnez l'adresse sans paramètre ni ancre")
    problem = host_problem(host)
    if problem:
        raise refuse(f"nom de domaine : {problem}")
    if not _URL_CHARS.match(parts.path):
        raise refuse("caractère non encodé dans le chemin : encodez-le (%XX) ou supprimez-le")
    return value
