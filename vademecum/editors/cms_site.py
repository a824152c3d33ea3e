"""The form editor of one site (/admin/): Sveltia CMS, self-hosted, configured from the model.

Built only when the forge is named (the plugin's cms_* options, from VADEMECUM_CMS_REPO and
friends, set by the deployment workflows): the page then holds the CMS script copied from node_modules (version locked in
package-lock.json, never a CDN), its own Content-Security-Policy that lets the browser talk
to the forge's API and nothing else, and a config.yml whose drop-downs list the ids that
exist on this site, with their labels. Saving never commits to the main branch: the
editorial workflow opens a branch and a pull (merge) request, which the checks then read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader

from vademecum.checks.addresses import AddressError, deployment_address
from vademecum.checks.problems import DataError, Problem
from vademecum.data.catalog import Catalog
from vademecum.data.kinds import REGISTRY
from vademecum.editors.cms_fields import cms_fields, optional_field
from vademecum.site.content_files import STATIC_SUFFIXES

CMS_PACKAGE = Path("node_modules/@sveltia/cms/package.json")
CMS_SCRIPT = CMS_PACKAGE.parent / "dist" / "sveltia-cms.js"
# The YAML library the page's own writer splices with (browser build, ES modules).
YAML_LIBRARY = Path("node_modules/yaml/browser/dist")
# The page's own scripts: the writer that changes only the edited lines, and its start-up.
OWN_SCRIPTS = Path(__file__).parent / "admin"
FRENCH_COMPLEMENT = OWN_SCRIPTS / "fr-complement.json"
# The fonts the CMS would fetch from a CDN, served with the page instead (same versions, from
# the fontsource packages locked in package-lock.json): CDN address → file in node_modules.
_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
FONTS = {
    f"{_CDN}source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "node_modules/@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
    ),
    f"{_CDN}noto-mono@5.3.0/latin-400-normal.woff2": (
        "node_modules/@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    ),
    f"{_CDN}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "node_modules/@fontsource-variable/material-symbols-outlined/files/"
        "material-symbols-outlined-latin-wght-normal.woff2"
    ),
}
ADMIN_DIR = "admin"
MEDIA_FOLDER = "content/assets"
# The `accept` of a file field (HTML's attribute syntax): the static types content/ publishes.
MEDIA_ACCEPT = ",".join(STATIC_SUFFIXES)
ENGINE_ROOT = Path(__file__).resolve().parents[2]  # the checkout holding node_modules/

BACKEND_ENV = "VADEMECUM_CMS_BACKEND"  # github or gitlab
REPO_ENV = "VADEMECUM_CMS_REPO"  # owner/name (GitLab: group/subgroup/name)
BRANCH_ENV = "VADEMECUM_CMS_BRANCH"  # default: main
API_ENV = "VADEMECUM_CMS_API_ROOT"  # e.g. https://forge.apps.education.fr/api/v4
BASE_URL_ENV = "VADEMECUM_CMS_BASE_URL"  # OAuth: the forge (GitLab) or an OAuth relay (GitHub)
APP_ID_ENV = "VADEMECUM_CMS_APP_ID"  # GitLab OAuth application id (PKCE, no secret)

DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}

_REPO = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
_BRANCH = re.compile(r"^[A-Za-z0-9_./-]+$")


class _NoAliases(yaml.SafeDumper):
    """Writes repeated field lists out in full: the CMS reads plain YAML best."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


class CmsConfigError(ValueError):
    """A forge setting that cannot be used (message in French)."""


@dataclass(frozen=True)
class Forge:
    backend: str
    repo: str
    branch: str = "main"
    api_root: str | None = None
    base_url: str | None = None
    app_id: str | None = None

    @property
    def api(self) -> str:
        return self.api_root or DEFAULT_API[self.backend]

    @property
    def api_origin(self) -> str:
        parts = urlsplit(self.api)
        return f"{parts.scheme}://{parts.netloc}"


def _https(value: str | None, option: str, env: str) -> str | None:
    try:
        checked = deployment_address(value, f"{option} ({env})")
    except AddressError as error:
        raise CmsConfigError(str(error)) from None
    return checked.rstrip("/") if checked else None


def forge_from(values: Mapping[str, str | None]) -> Forge | None:
    """The forge the editor saves to, from the build's options (VADEMECUM_CMS_* in mkdocs.yml),
    or None when no repository is named (no /admin/)."""

    def get(name: str) -> str:
        return (values.get(name) or "").strip()

    repo = get("repo")
    if not repo:
        return None
    backend = get("backend") or "github"
    if backend not in DEFAULT_API:
        raise CmsConfigError(f"{BACKEND_ENV} : github ou gitlab attendu, pas « {backend} »")
    if not _REPO.match(repo):
        raise CmsConfigError(f"{REPO_ENV} : « propriétaire/dépôt » attendu, pas « {repo} »")
    branch = get("branch") or "main"
    if not _BRANCH.match(branch):
        raise CmsConfigError(f"{BRANCH_ENV} : nom de branche invalide « {branch} »")
    app_id = get("app_id") or None
    if app_id and not re.fullmatch(r"[A-Za-z0-9_-]+", app_id):
        raise CmsConfigError(f"{APP_ID_ENV} : identifiant d'application invalide")
    return Forge(
        backend,
        repo,
        branch,
        _https(get("api_root"), "cms_api_root", API_ENV),
        _https(get("base_url"), "cms_base_url", BASE_URL_ENV),
        app_id,
    )


def _levels(catalog: Catalog) -> list[tuple[str, str, bool]]:
    """(label, folder, is an overlay) of the files this site's editors change."""
    academy = catalog.academy
    if academy.id == "national":
        return [("national", "data/national", False)]
    levels = []
    if catalog.region is not None:
        levels.append((catalog.region.name, f"data/regions/{catalog.region.id}", True))
    levels.append((academy.name, f"data/academies/{academy.id}", True))
    return levels


class _Options:
    """Turns the template's `options_from: <kind>` into the site's ids, with their labels."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def of(self, kind: str) -> list[dict[str, str]]:
        label = REGISTRY[kind].label_field
        return [
            {"label": f"{getattr(r, label)} ({r.id})", "value": r.id}
            for r in self.catalog.all(kind)
        ]

    def fill(self, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for field in fields:
            field = dict(field)
            target = field.pop("options_from", None)
            if target is not None:
                field["options"] = self.of(target) or [{"label": "(aucun)", "value": ""}]
            if "fields" in field:
                field["fields"] = self.fill(field["fields"])
            out.append(field)
        return out


def _records_list(kind: str, label: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": kind,
        "label": label,
        "widget": "list",
        "required": False,
        "collapsed": True,
        "summary": "{{fields." + REGISTRY[kind].label_field + "}} ({{fields.id}})",
        "fields": fields,
    }


def _overlay_lists(
    kind: str, fields: list[dict[str, Any]], options: _Options
) -> list[dict[str, Any]]:
    """`change:` and `remove:` of an overlay file: the id picked among the existing ones."""
    existing = options.of(kind) or [{"label": "(aucun)", "value": ""}]
    pick = {"name": "id", "label": "Élément", "widget": "select", "options": existing}
    optional = [optional_field(f) for f in fields if f["name"] != "id"]
    return [
        {
            "name": "change",
            "label": "Modifier un élément existant (change:)",
            "hint": "Choisissez l'élément, puis remplissez seulement les champs à remplacer.",
            "widget": "list",
            "required": False,
            "collapsed": True,
            "summary": "{{fields.id}}",
            "fields": [pick, *optional],
        },
        {
            "name": "remove",
            "label": "Retirer un élément existant (remove:)",
            "widget": "list",
            "required": False,
            "collapsed": True,
            "summary": "{{fields.id}} : {{fields.reason}}",
            "fields": [
                pick,
                {"name": "reason", "label": "Raison", "widget": "string", "required": True},
            ],
        },
    ]


# What the « Se connecter avec GitHub » button asks for: write access to public repositories
# only (the vademecum's is public: its site is on Pages), not `repo` (every repository of the
# editor, private ones included), Sveltia's default. Sveltia adds `user` (the editor's name).
GITHUB_AUTH_SCOPE = "public_repo"


def sign_in_methods(forge: Forge) -> list[str]:
    """The sign-in buttons the admin page shows: a token always; the forge's OAuth only when
    it can work. Without a relay (GitHub) Sveltia would send the editor to api.netlify.com;
    without an application id (GitLab) to an authorisation page that refuses it."""
    oauth = forge.base_url if forge.backend == "github" else forge.app_id
    return ["token", "oauth"] if oauth else ["token"]


def cms_config(catalog: Catalog, forge: Forge, site_url: str | None = None) -> dict[str, Any]:
    """The Sveltia CMS configuration of one site."""
    template = cms_fields()
    options = _Options(catalog)
    levels = _levels(catalog)
    collections = []
    for kind, form in template["kinds"].items():
        fields = options.fill(form["fields"])
        files = []
        for level_label, folder, overlay in levels:
            own = _records_list(kind, f"Éléments ajoutés ici ({kind}:)", fields)
            files.append(
                {
                    "name": f"{kind}-{folder.rsplit('/', 1)[-1]}",
                    "label": f"{form['label']} — {level_label}",
                    "file": f"{folder}/{kind}.yml",
                    "format": "yml",
                    "fields": [own, *(_overlay_lists(kind, fields, options) if overlay else [])],
                }
            )
        collections.append({"name": kind, "label": form["label"], "files": files})
    settings = []
    if catalog.academy.id != "national":
        settings.append(
            {
                "name": "academy",
                "label": "Académie (academy.yml)",
                "file": f"data/academies/{catalog.academy.id}/academy.yml",
                "format": "yml",
                "fields": options.fill(template["academy"]["fields"]),
            }
        )
    if catalog.region is not None:
        settings.append(
            {
                "name": "region",
                "label": "Région académique (region.yml)",
                "file": f"data/regions/{catalog.region.id}/region.yml",
                "format": "yml",
                "fields": options.fill(template["region"]["fields"]),
            }
        )
    if settings:
        collections.append({"name": "settings", "label": "Académie et région", "files": settings})
    backend: dict[str, Any] = {
        "name": forge.backend,
        "repo": forge.repo,
        "branch": forge.branch,
        "api_root": forge.api,
        "commit_messages": {
            "create": "Éditeur : ajout dans {{collection}} « {{slug}} »",
            "update": "Éditeur : modification de {{collection}} « {{slug}} »",
            "delete": "Éditeur : suppression dans {{collection}} « {{slug}} »",
        },
    }
    if forge.base_url:
        backend["base_url"] = forge.base_url
    if forge.app_id:
        backend.update(app_id=forge.app_id, auth_type="pkce")
    backend["auth_methods"] = sign_in_methods(forge)
    if forge.backend == "github":
        backend["open_authoring"] = True  # editors without write access propose from a fork
        backend["auth_scope"] = GITHUB_AUTH_SCOPE
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "app_title": f"Éditeur du vademecum — {catalog.academy.name}",
        "output": {"omit_empty_optional_fields": True},
        "collections": [_media_accepted(c) for c in collections],
    }
    if site_url:
        config["site_url"] = site_url
    return config


def _media_accepted(node: Any) -> Any:
    """Every file or image field of the forms accepts only the types the site publishes.

    Sveltia's asset library (where an editor may upload to MEDIA_FOLDER without a field) has
    no such option: a file of another type it uploads fails `vademecum check` on the pull
    request, and the build, so it is never published (vademecum.site.content_files).
    """
    if isinstance(node, list):
        return [_media_accepted(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _media_accepted(value) for key, value in node.items()}
    if out.get("widget") in ("file", "image"):
        out["accept"] = MEDIA_ACCEPT
    return out


def admin_policy(forge: Forge) -> str:
    """The admin page's CSP: its own files, and the forge's API as the only other origin."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; "
        f"connect-src 'self' data: blob: {forge.api_origin}; worker-src 'self' blob:; "
        "manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; "
        "form-action 'none'"
    )


def admin_html(forge: Forge, title: str) -> str:
    templates = Environment(
        loader=FileSystemLoader(Path(__file__).parents[1] / "templates"), autoescape=True
    )
    return templates.get_template("admin.html").render(policy=admin_policy(forge), title=title)


def _node_file(root: Path, relative: Path | str) -> Path:
    for base in (root, ENGINE_ROOT):
        path = base / relative
        if path.is_file():
            return path
    raise CmsConfigError(
        f"éditeur en ligne : {relative} absent ; lancez « npm ci » (versions fixées par "
        "package-lock.json) avant de construire le site"
    )


def _merged(base: dict[str, Any], ours: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in ours.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def french_messages(sveltia_fr: str) -> str:
    """Sveltia's French messages completed with ours (FRENCH_COMPLEMENT): the messages it has
    only in English (« Since Editorial Workflow is enabled… ») and a few words of its own.

    Sveltia has no `locale` option nor `registerLocale` (unsupported, see its compatibility
    notes): it fetches `locales/<langue>.json` from a CDN, which the page serves itself."""
    ours = json.loads(FRENCH_COMPLEMENT.read_text(encoding="utf-8"))
    return json.dumps(_merged(json.loads(sveltia_fr), ours), ensure_ascii=False)


def cms_assets(root: Path) -> dict[str, str | bytes]:
    """The CMS script, its font addresses pointed at the copies served beside it, and those."""
    script = _node_file(root, CMS_SCRIPT).read_text(encoding="utf-8")
    assets: dict[str, str | bytes] = {}
    for cdn_url, relative in FONTS.items():
        if cdn_url not in script:
            raise CmsConfigError(
                f"éditeur en ligne : la police {cdn_url} n'est plus dans {CMS_SCRIPT} ; "
                "mettez à jour FONTS dans vademecum/editors/cms_site.py avec la nouvelle version"
            )
        name = f"fonts/{Path(relative).name}"
        script = script.replace(cdn_url, name)
        assets[f"{ADMIN_DIR}/{name}"] = _node_file(root, relative).read_bytes()
    # Everything else the script would fetch from unpkg (its French messages, the update check,
    # optional widgets' libraries) is looked for beside it: the French messages are served
    # there, the rest is absent and the CMS carries on without it.
    script = script.replace("`https://unpkg.com/", "`./vendor/")
    version = json.loads(_node_file(root, CMS_PACKAGE).read_text(encoding="utf-8"))["version"]
    messages = _node_file(root, CMS_PACKAGE.parent / "locales" / "fr.json").read_text("utf-8")
    assets[f"{ADMIN_DIR}/vendor/@sveltia/cms@{version}/locales/fr.json"] = french_messages(
        messages
    )
    assets[f"{ADMIN_DIR}/sveltia-cms.js"] = script
    index = _node_file(root, YAML_LIBRARY / "index.js")
    for module in sorted(index.parent.rglob("*.js")):
        relative = module.relative_to(index.parent).as_posix()
        assets[f"{ADMIN_DIR}/vendor/yaml/{relative}"] = module.read_bytes()
    for own in sorted(OWN_SCRIPTS.glob("*.js")):
        assets[f"{ADMIN_DIR}/{own.name}"] = own.read_text(encoding="utf-8")
    return assets


def admin_files(
    root: Path, catalog: Catalog, forge: Forge | None, site_url: str | None = None
) -> dict[str, str | bytes]:
    """The /admin/ files of one site (none when no forge is configured)."""
    if forge is None:
        return {}
    try:
        assets = cms_assets(root)
    except CmsConfigError as error:
        raise DataError(
            [Problem("(éditeur en ligne)", 1, 1, "configuration", str(error))]
        ) from None
    config = cms_config(catalog, forge, site_url)
    return {
        f"{ADMIN_DIR}/index.html": admin_html(forge, config["app_title"]),
        f"{ADMIN_DIR}/config.yml": dump_config(config),
        **assets,
    }
