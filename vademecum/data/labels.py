"""French labels of the model's fixed values, and the URL slugs of the periods."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from vademecum.data.model import Flag, LegalKind, Level, NoteKind, Period, Provider, ResourceKind

PERIOD_LABELS: dict[Period, str] = {
    Period.AVANT_LA_RENTREE: "Avant la rentrée",
    Period.AOUT: "Août",
    Period.SEPTEMBRE: "Septembre",
    Period.OCTOBRE: "Octobre",
    Period.NOVEMBRE: "Novembre",
    Period.DECEMBRE: "Décembre",
    Period.JANVIER: "Janvier",
    Period.FEVRIER: "Février",
    Period.MARS: "Mars",
    Period.AVRIL: "Avril",
    Period.MAI: "Mai",
    Period.JUIN: "Juin",
    Period.JUILLET: "Juillet",
    Period.TOUTE_L_ANNEE: "Toute l'année",
}
PERIOD_ORDER = list(PERIOD_LABELS)
MONTHS = [p for p in PERIOD_ORDER if p not in (Period.AVANT_LA_RENTREE, Period.TOUTE_L_ANNEE)]
# Calendar month number of each school-year month (used by calendars and the browser script).
MONTH_NUMBERS = {p: n for p, n in zip(MONTHS, [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7], strict=True)}

LEVEL_LABELS = {Level.COLLEGE: "Collège", Level.LYCEE: "Lycée", Level.TOUS: "Collège et lycée"}
FLAG_LABELS = {Flag.PRISE_DE_FONCTION: "Prise de fonction", Flag.REGLEMENTAIRE: "Réglementaire"}
NOTE_LABELS = {
    NoteKind.ATTENTION: "Attention",
    NoteKind.CONSEIL: "Conseil",
    NoteKind.ASTUCE: "Truc & astuce",
    NoteKind.EXEMPLE: "Exemple",
    NoteKind.REMARQUE: "Remarque",
    NoteKind.REGLEMENTAIRE: "Réglementaire",
    NoteKind.COMPLEMENT: "Complément",
}
PROVIDER_LABELS = {
    Provider.ETAT: "État (ministère)",
    Provider.REGION_ACADEMIQUE: "Région académique",
    Provider.ACADEMIE: "Académie",
    Provider.COLLECTIVITE: "Collectivité de rattachement",
    Provider.ETABLISSEMENT: "Établissement",
    Provider.EDITEUR: "Éditeur privé",
    Provider.NON_PRECISE: "Non précisé par la source",
}
LEGAL_KIND_LABELS = {
    LegalKind.CODE: "Code de l'éducation et autres codes",
    LegalKind.LOI: "Lois",
    LegalKind.REGLEMENT_EUROPEEN: "Règlements européens",
    LegalKind.DECRET: "Décrets",
    LegalKind.ARRETE: "Arrêtés",
    LegalKind.CIRCULAIRE: "Circulaires",
    LegalKind.NOTE_DE_SERVICE: "Notes de service",
    LegalKind.REFERENTIEL: "Référentiels",
    LegalKind.AUTRE: "Autres textes",
}
RESOURCE_KIND_LABELS = {
    ResourceKind.GUIDE: "Guide",
    ResourceKind.SITE: "Site",
    ResourceKind.TUTORIEL: "Tutoriel",
    ResourceKind.MODELE: "Modèle",
    ResourceKind.FORMATION: "Formation",
    ResourceKind.OUTIL: "Outil",
    ResourceKind.ETUDE: "Étude",
    ResourceKind.AUTRE: "Autre",
}
LOCAL_LABELS = {"region": "Région académique", "academy": "Académie"}
FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def french_sort_key(text: str) -> tuple[str, str]:
    """French dictionary order: accents and case ignored first (Édifice among the E)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return bare.casefold().replace("œ", "oe").replace("æ", "ae"), text


def french_date(day: dt.date) -> str:
    return f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def period_list(periods: Iterable[Period]) -> str:
    ordered = sorted(set(periods), key=PERIOD_ORDER.index)
    labels = [PERIOD_LABELS[p] for p in ordered]
    text = ", ".join(labels)
    return text[:1].upper() + text[1:].lower() if len(labels) > 1 else text
