"""Typed records of the vademecum: every field is defined once, here.

Validation messages and the editors' JSON Schema both derive from these models.
Field names are English identifiers; descriptions are French because editors read them
in their editor (JSON Schema) and in the error messages.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    Strict,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from vademecum.checks.addresses import email_problem, link_problem
from vademecum.checks.characters import forbidden_character

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80),
    Field(description="Identifiant stable : minuscules, chiffres et tirets (ex. designer-rupn)."),
]


class TextKind(StrEnum):
    """How a text field reaches a page: plain text is always text (escaped for HTML and
    Markdown wherever it goes); Markdown is converted, with raw HTML and unsafe links dropped."""

    PLAIN = "plain"
    MARKDOWN = "markdown"


def _refused(kind: str, problem: str | None) -> None:
    if problem:
        raise PydanticCustomError(kind, problem)  # no context: the braces stay as written


def _one_line(value: str) -> str:
    _refused("forbidden_character", forbidden_character(value))
    return value


def _multiline(value: str) -> str:
    _refused("forbidden_character", forbidden_character(value, multiline=True))
    return value


def _link(value: str) -> str:
    _refused("forbidden_character", forbidden_character(value))
    _refused("link_refused", link_problem(value))
    return value


def _email(value: object) -> object:
    if isinstance(value, str):  # anything else: the type's own message
        _refused("forbidden_character", forbidden_character(value))
        _refused("email_refused", email_problem(value, malformed=False))  # else: the pattern
    return value


# Longest texts accepted: ten times the longest of the shipped data. Python-Markdown's inline
# parser is slower than linear on very long paragraphs; the limits keep every build short.
MAX_PLAIN_TEXT = 1_000
MAX_MARKDOWN = 10_000
Text = Annotated[
    str,
    Strict(),
    StringConstraints(min_length=1, max_length=MAX_PLAIN_TEXT, strip_whitespace=True),
    AfterValidator(_one_line),
    TextKind.PLAIN,
]
Markdown = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=MAX_MARKDOWN),
    Field(description="Texte au format Markdown (HTML brut neutralisé)."),
    AfterValidator(_multiline),
    TextKind.MARKDOWN,
]
Url = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^(https?://|mailto:)\S+$"),
    Field(description="Lien absolu commençant par https://, http:// ou mailto:."),
    AfterValidator(_link),
]
MAX_PAGE = 100_000  # a page number of a source document; more is a typo
SchoolYearLabel = Annotated[str, Strict(), StringConstraints(pattern=r"^\d{4}-\d{4}$")]
EMAIL_PATTERN = r"^[A-Za-z0-9_'+-]+(\.[A-Za-z0-9_'+-]+)*@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$"
Email = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=EMAIL_PATTERN),
    Field(description="Une seule adresse électronique, sans « mailto: » ni « ? »."),
    BeforeValidator(_email),  # runs first: a precise message before the pattern's
]
# Dates may be written bare (2025-01-08) or quoted ("2025-01-08").
Day = Annotated[dt.date, Strict(False)]


class Choice(StrEnum):
    """A closed list of values; `__title__` is its French name in the schemas."""

    __title__: ClassVar[str]

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        handler.resolve_ref_schema(schema)["title"] = cls.__title__
        return schema


class Period(Choice):
    """When a task happens: a month of the school year, or one of two special periods."""

    __title__ = "Mois ou période"

    AVANT_LA_RENTREE = "avant-la-rentree"
    AOUT = "aout"
    SEPTEMBRE = "septembre"
    OCTOBRE = "octobre"
    NOVEMBRE = "novembre"
    DECEMBRE = "decembre"
    JANVIER = "janvier"
    FEVRIER = "fevrier"
    MARS = "mars"
    AVRIL = "avril"
    MAI = "mai"
    JUIN = "juin"
    JUILLET = "juillet"
    TOUTE_L_ANNEE = "toute-l-annee"


class Level(Choice):
    __title__ = "Niveau d'enseignement"

    COLLEGE = "college"
    LYCEE = "lycee"
    TOUS = "tous"


class RoleKind(Choice):
    """Who a role is: a person (someone can say « c'est mon rôle ») or a body (CA, DRANE)."""

    __title__ = "Personne ou instance"

    PERSONNE = "personne"
    INSTANCE = "instance"


class Flag(Choice):
    __title__ = "Repère"

    PRISE_DE_FONCTION = "prise-de-fonction"
    REGLEMENTAIRE = "reglementaire"


class NoteKind(Choice):
    """Block types of the Versailles booklet, used as admonitions on every site."""

    __title__ = "Type d'encadré"

    ATTENTION = "attention"
    CONSEIL = "conseil"
    ASTUCE = "astuce"
    EXEMPLE = "exemple"
    REMARQUE = "remarque"
    REGLEMENTAIRE = "reglementaire"
    COMPLEMENT = "complement"


class Provider(Choice):
    __title__ = "Fournisseur"

    ETAT = "etat"
    REGION_ACADEMIQUE = "region-academique"
    ACADEMIE = "academie"
    COLLECTIVITE = "collectivite"
    ETABLISSEMENT = "etablissement"
    EDITEUR = "editeur"
    NON_PRECISE = "non-precise"  # the source does not say who provides it


class LegalKind(Choice):
    __title__ = "Type de texte officiel"

    CODE = "code"
    LOI = "loi"
    DECRET = "decret"
    ARRETE = "arrete"
    CIRCULAIRE = "circulaire"
    NOTE_DE_SERVICE = "note-de-service"
    REFERENTIEL = "referentiel"
    REGLEMENT_EUROPEEN = "reglement-europeen"
    AUTRE = "autre"


class ResourceKind(Choice):
    __title__ = "Type de ressource"

    GUIDE = "guide"
    SITE = "site"
    TUTORIEL = "tutoriel"
    MODELE = "modele"
    FORMATION = "formation"
    OUTIL = "outil"
    ETUDE = "etude"
    AUTRE = "autre"


class SourceKind(Choice):
    """Where a source document's knowledge comes from."""

    __title__ = "Nature de la source"

    PUBLICATION = "publication"  # a published document (guide, circular, web page…)
    CONNAISSANCE_DRANE = "connaissance-drane"  # the DRANE's own knowledge, dated by its editor


class Model(BaseModel):
    """Base of every model: unknown fields are typos; text, booleans and numbers are strict."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Model):
    model_config = ConfigDict(title="Source : document et section")

    document: Slug = Field(
        title="Document source",
        description="Identifiant du document source (fichier documents.yml).",
    )
    section: Text = Field(
        title="Section du document", description="Section, tableau ou page du document."
    )
    page: StrictInt | None = Field(
        title="Page", default=None, ge=1, le=MAX_PAGE, description="Page du document, si connue."
    )
    gives_url: StrictBool = Field(
        title="Lien donné par la source",
        default=False,
        description="Le document source donne lui-même l'adresse (url) de l'élément.",
    )


class Note(Model):
    model_config = ConfigDict(title="Encadré")

    kind: NoteKind = Field(title="Type", description="Type d'encadré : attention, conseil, astuce…")
    text: Markdown = Field(title="Texte")


class Record(Model):
    id: Slug = Field(title="Identifiant")
    source: Source = Field(
        title="Source", description="Document source et section d'où provient l'élément."
    )
    other_sources: list[Source] = Field(
        title="Autres sources",
        default_factory=list,
        description="Autres documents sources de l'élément (document, section).",
    )


class Document(Model):
    """A source document the content is drawn from (the seeds, or a later editor's source)."""

    model_config = ConfigDict(title="Document source")

    id: Slug = Field(title="Identifiant")
    title: Text = Field(title="Intitulé", description="Titre du document.")
    publisher: Text = Field(
        title="Éditeur", description="Qui publie le document (ministère, DRANE…)."
    )
    date: Day | None = Field(
        title="Date", default=None, description="Date de publication (AAAA-MM-JJ)."
    )
    url: Url | None = Field(default=None, title="Lien")
    scope: Text = Field(
        title="Périmètre", description="Périmètre : national, région académique ou académie."
    )
    edition: Text | None = Field(
        title="Édition",
        default=None,
        description="Édition telle que le document la nomme (ex. 2025-2026).",
    )
    school_year: SchoolYearLabel | None = Field(
        title="Année scolaire",
        default=None,
        description="Année scolaire pour laquelle l'édition est écrite (ex. 2025-2026).",
    )
    kind: SourceKind = Field(
        title="Type",
        default=SourceKind.PUBLICATION,
        description="publication (par défaut) ou connaissance-drane : ce que la DRANE sait "
        "sans document publié, avec la date où l'éditeur l'a écrit (champ date).",
    )

    @model_validator(mode="after")
    def _dated_knowledge(self) -> Document:
        if self.kind is SourceKind.CONNAISSANCE_DRANE and self.date is None:
            raise PydanticCustomError(
                "knowledge_date",
                "date obligatoire pour une connaissance de la DRANE : écrivez le jour où vous "
                "avez rédigé ou vérifié l'information (date: AAAA-MM-JJ)",
            )
        return self


class Theme(Record):
    model_config = ConfigDict(title="Thème")

    name: Text = Field(title="Nom", description="Nom du thème.")
    description: Markdown = Field(
        title="Présentation", default="", description="Présentation du thème (Markdown)."
    )


class _Abbreviated:
    """Records shown as « Nom (SIGLE) »."""

    name: str
    abbreviation: str | None

    @property
    def full_name(self) -> str:
        if self.abbreviation and self.abbreviation != self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name


class Role(_Abbreviated, Record):
    model_config = ConfigDict(title="Rôle")

    name: Text = Field(title="Nom", description="Nom du rôle.")
    abbreviation: Text | None = Field(title="Sigle", default=None, description="Sigle (ex. RUPN).")
    aliases: list[Text] = Field(
        title="Autres noms",
        default_factory=list,
        description="Autres noms ou sigles du même rôle (ex. RRUPN).",
    )
    mission: Markdown = Field(title="Mission", description="Mission du rôle (Markdown).")
    default_holder: Text = Field(
        title="Titulaire par défaut", description="Qui tient ce rôle par défaut."
    )
    delegable: StrictBool = Field(
        title="Délégable", description="Le chef d'établissement peut-il déléguer ce rôle ?"
    )
    kind: RoleKind = Field(
        title="Type",
        default=RoleKind.PERSONNE,
        description="personne (par défaut) ou instance (CA, DRANE…) : seules les personnes "
        "sont proposées dans le filtre « mon rôle ».",
    )
    services: list[Slug] = Field(
        title="Services", default_factory=list, description="Services administrés."
    )
    notes: list[Note] = Field(
        title="Encadrés", default_factory=list, description="Encadrés (attention, conseil…)."
    )


class Service(_Abbreviated, Record):
    model_config = ConfigDict(title="Service")

    name: Text = Field(title="Nom", description="Nom du service.")
    abbreviation: Text | None = Field(title="Sigle", default=None, description="Sigle (ex. GAR).")
    purpose: Markdown = Field(title="Objet", description="À quoi sert le service.")
    provider: Provider = Field(
        title="Fournisseur", description="Qui fournit le service : etat, academie, collectivite…"
    )
    administered_by: list[Slug] = Field(
        title="Administré par", default_factory=list, description="Rôles qui l'administrent."
    )
    url: Url | None = Field(default=None, title="Lien")
    scope: list[Slug] = Field(
        title="Périmètre",
        default_factory=list,
        description="Territoires concernés (ex. [essonne]), déclarés dans academy.yml ; "
        "vide : toute l'académie.",
    )
    notes: list[Note] = Field(
        title="Encadrés", default_factory=list, description="Encadrés (attention, conseil…)."
    )


class Who(Model):
    model_config = ConfigDict(title="Rôles de la tâche")

    lead: Slug = Field(title="Pilote", description="Rôle qui pilote la tâche.")
    with_: list[Slug] = Field(
        title="Avec", default_factory=list, alias="with", description="Rôles à associer."
    )


class Task(Record):
    model_config = ConfigDict(title="Tâche")

    title: Text = Field(
        title="Intitulé", description="Intitulé de la tâche, commençant par un verbe à l'infinitif."
    )
    details: Markdown = Field(
        title="Précisions", default="", description="Précisions : comment faire (Markdown)."
    )
    when: list[Period] = Field(
        title="Quand",
        min_length=1,
        description="Mois ou périodes (ex. [septembre, octobre] ou [toute-l-annee]).",
    )
    who: Who = Field(
        title="Qui", description="Qui pilote (lead) et qui associer (with) : des rôles."
    )
    themes: list[Slug] = Field(
        title="Thèmes", min_length=1, description="Thèmes (au moins un, voir themes.yml)."
    )
    level: Level = Field(
        title="Niveau", default=Level.TOUS, description="college, lycee ou tous (par défaut)."
    )
    scope: list[Slug] = Field(
        title="Périmètre",
        default_factory=list,
        description="Territoires concernés (ex. [essonne]), déclarés dans academy.yml ; "
        "vide : toute l'académie.",
    )
    flags: list[Flag] = Field(
        title="Repères",
        default_factory=list,
        description="Repères : prise-de-fonction, reglementaire.",
    )
    services: list[Slug] = Field(
        title="Services", default_factory=list, description="Services utilisés."
    )
    resources: list[Slug] = Field(
        title="Ressources", default_factory=list, description="Ressources utiles."
    )
    legal_texts: list[Slug] = Field(
        title="Textes officiels", default_factory=list, description="Textes officiels."
    )
    notes: list[Note] = Field(
        title="Encadrés", default_factory=list, description="Encadrés (attention, conseil…)."
    )
    target: Text | None = Field(
        title="Objectif chiffré",
        default=None,
        description="Objectif chiffré du document source, avec son année ou son plan "
        "(ex. « 128 pix en 3e : objectif 2021 du projet de service »).",
    )


class LegalText(Record):
    model_config = ConfigDict(title="Texte officiel")

    kind: LegalKind = Field(title="Type", description="Type de texte : code, loi, decret, arrete…")
    reference: Text = Field(
        title="Référence", description="Référence officielle (ex. article L312-9)."
    )
    date: Day | None = Field(title="Date", default=None, description="Date du texte (AAAA-MM-JJ).")
    title: Text = Field(title="Intitulé", description="Intitulé du texte.")
    url: Url | None = Field(
        title="Lien",
        default=None,
        description="Lien permanent, seulement s'il découle d'une source.",
    )
    summary: Text = Field(title="Résumé", description="Résumé en une ligne.")
    verified_on: Day | None = Field(
        title="Vérifié le",
        default=None,
        description="Date où quelqu'un a vérifié le lien sur le site officiel (AAAA-MM-JJ).",
    )
    verified_by: Text | None = Field(
        title="Vérifié par",
        default=None,
        description="Qui a fait la vérification de verified_on (nom ou fonction).",
    )


class Resource(Record):
    model_config = ConfigDict(title="Ressource")

    title: Text = Field(title="Intitulé", description="Titre de la ressource.")
    url: Url | None = Field(
        title="Lien", default=None, description="Adresse, si une source la donne."
    )
    publisher: Text = Field(title="Éditeur", description="Qui publie la ressource.")
    kind: ResourceKind = Field(title="Type", description="Type : guide, site, tutoriel, modele…")
    themes: list[Slug] = Field(
        title="Thèmes", default_factory=list, description="Thèmes concernés."
    )
    description: Markdown = Field(
        title="Présentation", default="", description="Présentation (Markdown)."
    )
    scope: list[Slug] = Field(
        title="Périmètre",
        default_factory=list,
        description="Territoires concernés (ex. [essonne]), déclarés dans academy.yml ; "
        "vide : toute l'académie.",
    )
    verified_on: Day | None = Field(
        title="Vérifié le",
        default=None,
        description="Date où quelqu'un a vérifié le lien sur le site officiel (AAAA-MM-JJ).",
    )
    verified_by: Text | None = Field(
        title="Vérifié par",
        default=None,
        description="Qui a fait la vérification de verified_on (nom ou fonction).",
    )


class Term(Record):
    model_config = ConfigDict(title="Terme du glossaire")

    term: Text = Field(title="Terme", description="Le sigle ou le terme (ex. GAR).")
    expansion: Text | None = Field(
        title="Forme développée", default=None, description="Forme développée du sigle."
    )
    aliases: list[Text] = Field(
        title="Autres noms",
        default_factory=list,
        description="Autres sigles ou graphies du même terme (ex. RRUPN).",
    )
    definition: Markdown = Field(title="Définition", description="Définition (Markdown).")


class Contact(Record):
    model_config = ConfigDict(title="Contact")

    name: Text = Field(
        title="Nom", description="Service ou fonction (ex. Délégué à la protection des données)."
    )
    purpose: Text = Field(title="Objet", description="Pour quoi le contacter.")
    email: Email | None = Field(
        title="Adresse électronique",
        default=None,
        description="Adresse électronique, de préférence fonctionnelle.",
    )
    phone: Text | None = Field(
        title="Téléphone", default=None, description="Téléphone (entre guillemets)."
    )
    url: Url | None = Field(default=None, title="Lien")
    person: Text | None = Field(
        title="Personne",
        default=None,
        description="Nom d'une personne, seulement si le guide le publie à cet effet.",
    )
    scope: list[Slug] = Field(
        title="Périmètre",
        default_factory=list,
        description="Territoires concernés (ex. [essonne]), déclarés dans academy.yml ; "
        "vide : toute l'académie.",
    )
    verified_on: Day | None = Field(
        title="Vérifié le",
        default=None,
        description="Date où quelqu'un a vérifié le contact à la source (AAAA-MM-JJ).",
    )
    verified_by: Text | None = Field(
        title="Vérifié par",
        default=None,
        description="Qui a fait la vérification de verified_on (nom ou fonction).",
    )


class Scenario(Record):
    """An ordered sequence of tasks (e.g. the rentrée scenario)."""

    model_config = ConfigDict(title="Scénario")

    title: Text = Field(title="Intitulé", description="Titre du scénario.")
    intro: Markdown = Field(
        title="Introduction", default="", description="Introduction (Markdown)."
    )
    steps: list[Slug] = Field(
        title="Étapes (tâches)", min_length=1, description="Identifiants des tâches, dans l'ordre."
    )


class AssessmentLevel(Model):
    model_config = ConfigDict(title="Niveau d'autoévaluation")

    name: Text = Field(title="Nom", description="Nom du niveau.")
    description: Markdown = Field(
        title="Présentation", description="Ce qui caractérise ce niveau (Markdown)."
    )


class AssessmentDomain(Record):
    """One domain of a self-assessment grid (SchémaTic): levels from lowest to highest."""

    model_config = ConfigDict(title="Domaine d'autoévaluation")

    name: Text = Field(title="Nom", description="Nom du domaine.")
    description: Markdown = Field(
        title="Présentation", default="", description="Présentation (Markdown)."
    )
    levels: list[AssessmentLevel] = Field(
        title="Niveaux",
        min_length=2,
        description="Niveaux, du plus bas au plus haut (au moins deux).",
    )


class Region(Model):
    model_config = ConfigDict(title="Région académique")

    id: Slug = Field(
        title="Identifiant", description="Identifiant : le nom du dossier (ex. ile-de-france)."
    )
    name: Text = Field(title="Nom", description="Nom de la région académique (ex. Île-de-France).")


class Territory(Model):
    """A part of an académie that some content concerns only (a département, a collectivité)."""

    model_config = ConfigDict(title="Territoire")

    id: Slug = Field(title="Identifiant", description="Identifiant (ex. essonne).")
    name: Text = Field(title="Nom", description="Nom affiché (ex. Essonne).")


class Academy(Model):
    model_config = ConfigDict(title="Académie")

    id: Slug = Field(
        title="Identifiant", description="Identifiant : le nom du dossier (ex. versailles)."
    )
    name: Text = Field(title="Nom", description="Nom de l'académie (ex. Académie de Versailles).")
    region: Slug | None = Field(
        title="Région académique",
        default=None,
        description="Région académique (absent : national).",
    )
    ent_name: Text | None = Field(
        title="Nom de l'ENT", default=None, description="Nom de l'ENT de l'académie."
    )
    ent_url: Url | None = Field(
        title="Adresse de l'ENT", default=None, description="Adresse de l'ENT (https://…)."
    )
    departments: list[Text] = Field(
        title="Départements", default_factory=list, description="Départements couverts."
    )
    territories: list[Territory] = Field(
        title="Territoires",
        default_factory=list,
        description="Territoires que des éléments peuvent viser (champ scope), avec leur nom.",
    )
    audience: Text | None = Field(
        title="Public visé",
        default=None,
        description="Pour qui le contenu a été écrit, d'après les sources (niveaux, territoires).",
    )


class Removal(Model):
    model_config = ConfigDict(title="Suppression")

    id: Slug = Field(title="Identifiant")
    reason: Text = Field(title="Raison", description="Pourquoi ce contenu ne s'applique pas ici.")


def text_fields(model: type[BaseModel]) -> dict[str, TextKind]:
    """Every text field of `model` (lists of text included) with its kind, by field name."""
    out = {}
    for name, info in model.model_fields.items():
        kinds = [m for m in info.metadata if isinstance(m, TextKind)]
        annotation = info.annotation
        for arg in getattr(annotation, "__args__", ()):  # Text | None, list[Text]
            kinds += [m for m in getattr(arg, "__metadata__", ()) if isinstance(m, TextKind)]
        if kinds:
            out[name] = kinds[0]
    return out


def model_title(model: type[BaseModel]) -> str:
    """A model's French name, as `model_config` gives it."""
    return str(model.model_config.get("title") or model.__name__)
