"""One description per kind of data: its model, file, French names, schema title.

Their pages are declared in vademecum/site/pages/declarations.py.

Every module that needs to name a kind (the checker's messages, the CLI summary, the JSON
Schemas, « Quoi de neuf », the pages) reads it here, so a new kind is described once. The French
names of fields and of models are on the model itself (`Field(title)`, `ConfigDict(title)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from vademecum.data import model


@dataclass(frozen=True)
class Kind:
    name: str  # file name without .yml, and the top-level key of the file
    model: type[BaseModel]
    singular: str  # « rôle »: in messages (« rôle inconnu »)
    plural: str  # « rôles »: in the check summary
    title: str  # schema and form titles (« Rôles »)
    feminine: bool = False  # « ressource inconnue », « rôle inconnu »

    @property
    def file(self) -> str:
        return f"{self.name}.yml"

    @property
    def label_field(self) -> str:
        """The field that names a record in lists and drop-downs (« title », « name »…)."""
        return next(f for f in ("title", "name", "term") if f in self.model.model_fields)

    def unknown(self) -> str:
        """« rôle inconnu », « ressource inconnue »."""
        return f"{self.singular} inconnu{'e' if self.feminine else ''}"

    def removed(self) -> str:
        return f"supprimé{'e' if self.feminine else ''}"


# Order is the order of checks (a kind is loaded before the kinds that name it).
REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("documents", model.Document, "document source", "documents", "Documents sources"),
        Kind("themes", model.Theme, "thème", "thèmes", "Thèmes"),
        Kind("roles", model.Role, "rôle", "rôles", "Rôles"),
        Kind("services", model.Service, "service", "services", "Services"),
        Kind(
            "legal_texts",
            model.LegalText,
            "texte officiel",
            "textes",
            "Textes officiels",
        ),
        Kind(
            "resources",
            model.Resource,
            "ressource",
            "ressources",
            "Ressources",
            feminine=True,
        ),
        Kind("glossary", model.Term, "terme", "termes", "Glossaire"),
        Kind("contacts", model.Contact, "contact", "contacts", "Contacts"),
        Kind(
            "tasks",
            model.Task,
            "tâche",
            "tâches",
            "Tâches",
            feminine=True,
        ),
        Kind(
            "scenarios",
            model.Scenario,
            "scénario",
            "scénarios",
            "Scénarios",
        ),
        Kind(
            "assessment",
            model.AssessmentDomain,
            "domaine d'autoévaluation",
            "domaines d'autoévaluation",
            "Grille d'autoévaluation",
        ),
    ]
}

# File name → record model, for the loader and the schemas.
MODELS: dict[str, type[BaseModel]] = {name: kind.model for name, kind in REGISTRY.items()}
