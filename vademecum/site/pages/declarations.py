"""Every page the site knows by name, declared once: path, title, nav, presence, builder, module.

The way Material's blog plugin builds its views and its nav from its own page objects, the pages
(PageBuilder.all), the nav (sites.nav), the links of templates and guides (`page_url`), the edit
links (edit_files.page_edit_files) and the browser's map (browser_facts) all read this registry:
adding a page is one declaration here and one builder method with its template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from vademecum.data.labels import PERIOD_LABELS, PERIOD_ORDER
from vademecum.site.render.html import menu_text

# A record's label, or a fixed one.
Label = str | Callable[[Any], str]


def _always(catalog: Any) -> bool:
    return True


@dataclass(frozen=True)
class PageDeclaration:
    name: str  # how code, templates and the browser name the page (« role », « suivi »)
    path: str  # source path; `{id}` stands for the record's id on a page per record
    title: Label | None  # the page's title (None: a hand-written page's own)
    builder: str | None = None  # PageBuilder method that writes it; None: hand-written (content/)
    section: str | None = None  # the nav section it sits in; None: at the top of the nav
    nav: Label | None = None  # its nav label (HTML); None: the page's own title
    records: Callable[[Any], Iterable[Any]] | None = None  # one page per record of the catalog
    present: Callable[[Any], bool] = _always  # whether this site has the page at all
    module: str | None = None  # browser module (overrides/assets/javascripts/<module>.js)
    data: str | None = None  # kind of record the page gathers: its files are the edit links

    def path_for(self, key: str | None = None) -> str:
        return self.path.format(id=key) if key is not None else self.path

    def url_for(self, key: str | None = None) -> str:
        """Directory URL relative to the site root (roles/rupn/, calendrier/, "" for the home)."""
        stem = self.path_for(key).removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    @property
    def url(self) -> str:
        """URL pattern for the browser, `{id}` left in place."""
        return self.url_for("{id}") if self.records else self.url_for()

    def title_for(self, record: Any = None) -> str:
        return _label(self.title, record)

    def nav_label(self, record: Any = None) -> str | None:
        """The nav's label; None on a section's index page (MkDocs then shows its title)."""
        return _label(self.nav, record) if self.nav is not None else None

    def entries(self, catalog: Any) -> list[tuple[str | None, Any]]:
        """(key, record) of each page this declaration makes on a site; [] when absent."""
        if not self.present(catalog):
            return []
        if self.records is None:
            return [(None, None)]
        return [(record_key(r), r) for r in self.records(catalog)]


def _label(label: Label | None, record: Any) -> str:
    if label is None:
        raise ValueError("page sans titre déclaré")
    return label(record) if callable(label) else label


def record_key(record: Any) -> str:
    """A record's id in a page path: its `id`, or the value of an enum (a period)."""
    return str(getattr(record, "id", record))


def _short(record: Any) -> str:
    return menu_text(record.abbreviation or record.name)


DECLARATIONS: tuple[PageDeclaration, ...] = (
    # The home page is hand-written (content/index.md); the guides follow it in the nav.
    PageDeclaration("home", "index.md", None, nav="Accueil", module="accueil"),
    PageDeclaration(
        "calendar",
        "calendrier/index.md",
        "Calendrier de l'année",
        "calendar_index",
        section="Calendrier",
        data="tasks",
    ),
    PageDeclaration(
        "period",
        "calendrier/{id}.md",
        lambda period: PERIOD_LABELS[period],
        "period",
        section="Calendrier",
        nav=lambda period: PERIOD_LABELS[period],
        records=lambda catalog: PERIOD_ORDER,
    ),
    PageDeclaration(
        "subscription",
        "calendrier/abonnement.md",
        "S'abonner au calendrier",
        "subscription",
        section="Calendrier",
        nav="S'abonner au calendrier",
    ),
    PageDeclaration("roles", "roles/index.md", "Rôles et délégations", "roles_index", "Rôles"),
    PageDeclaration(
        "role",
        "roles/{id}.md",
        lambda role: role.full_name,
        "role",
        "Rôles",
        nav=_short,
        records=lambda catalog: catalog.roles,
        data="roles",
    ),
    PageDeclaration("themes", "themes/index.md", "Thèmes", "themes_index", "Thèmes"),
    PageDeclaration(
        "theme",
        "themes/{id}.md",
        lambda theme: theme.name,
        "theme",
        "Thèmes",
        nav=lambda theme: menu_text(theme.name),
        records=lambda catalog: catalog.themes,
        data="themes",
    ),
    PageDeclaration(
        "services", "services/index.md", "Services et applications", "services_index", "Services"
    ),
    PageDeclaration(
        "service",
        "services/{id}.md",
        lambda service: service.full_name,
        "service",
        "Services",
        nav=_short,
        records=lambda catalog: catalog.services,
        data="services",
    ),
    PageDeclaration(
        "scenario",
        "scenarios/{id}.md",
        lambda scenario: scenario.title,
        "scenario",
        "Scénarios",
        nav=lambda scenario: menu_text(scenario.title),
        records=lambda catalog: catalog.scenarios,
        data="scenarios",
    ),
    PageDeclaration(
        "assessment",
        "autoevaluation.md",
        "Autoévaluation du numérique",
        "assessment",
        nav="Autoévaluation",
        present=lambda catalog: bool(catalog.assessment),
        data="assessment",
    ),
    PageDeclaration("progress", "suivi.md", "Mon suivi", "progress", nav="Mon suivi", module="suivi"),
    PageDeclaration("report", "bilan.md", "Mon bilan", "report", nav="Mon bilan", module="bilan"),
    PageDeclaration("whats_new", "nouveautes.md", "Quoi de neuf", "whats_new", nav="Quoi de neuf"),
    PageDeclaration(
        "booklet", "livret.md", "Livret de l'année", "booklet", nav="Livret à imprimer"
    ),
    PageDeclaration(
        "legal_texts",
        "textes.md",
        "Textes officiels",
        "legal_texts",
        nav="Textes officiels",
        data="legal_texts",
    ),
    PageDeclaration(
        "resources", "ressources.md", "Ressources", "resources", nav="Ressources", data="resources"
    ),
    PageDeclaration(
        "glossary", "glossaire.md", "Glossaire", "glossary", nav="Glossaire", data="glossary"
    ),
    PageDeclaration(
        "contacts",
        "contacts.md",
        "Contacts et assistance",
        "contacts",
        nav="Contacts",
        data="contacts",
    ),
)


def declarations() -> tuple[PageDeclaration, ...]:
    """The site's page declarations, read when called (a test may add one)."""
    return DECLARATIONS


def registry(declarations: Iterable[PageDeclaration] = DECLARATIONS) -> dict[str, PageDeclaration]:
    found: dict[str, PageDeclaration] = {}
    for declaration in declarations:
        if declaration.name in found:
            raise ValueError(f"page déclarée deux fois : « {declaration.name} »")
        found[declaration.name] = declaration
    return found


PAGES = registry()


def declared(name: str) -> PageDeclaration:
    return PAGES[name]


def page_path(name: str, key: str | None = None) -> str:
    """Source path of a declared page (roles/rupn.md), for Markdown links."""
    return PAGES[name].path_for(key)


def page_url(name: str, key: str | None = None) -> str:
    """URL of a declared page relative to the site root (roles/rupn/), for HTML links."""
    return PAGES[name].url_for(key)


def browser_map() -> dict[str, object]:
    """What the browser script knows of the pages: each one's URL pattern, and the modules."""
    return {
        "pages": {d.name: d.url for d in PAGES.values()},
        "modules": sorted({d.module for d in PAGES.values() if d.module}),
    }
