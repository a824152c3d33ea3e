"""The form editor (/admin/): forms generated from the model, drop-downs from the site's data."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import markupsafe
import pytest
import yaml

from tests.conftest import MINISITE, REPO, make_project
from vademecum.cli import main
from vademecum.data.cascade import load_catalog
from vademecum.data.kinds import MODELS as KINDS
from vademecum.data.model import Academy, Region
from vademecum.editors.cms_fields import CMS_FIELDS_FILE, cms_fields, is_stale
from vademecum.editors.cms_site import (
    CMS_SCRIPT,
    FONTS,
    CmsConfigError,
    Forge,
    admin_html,
    admin_policy,
    cms_assets,
    cms_config,
    forge_from,
)

SVELTIA_SCHEMA = REPO / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
GITHUB = Forge("github", "drane/vademecum")
GITLAB = Forge("gitlab", "drane/vademecum", "main", "https://forge.apps.education.fr/api/v4")


def _node_modules() -> None:
    if not (REPO / CMS_SCRIPT).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("Sveltia CMS est introuvable : `make test` l'installe (npm ci).")
        pytest.skip("node_modules absent (npm ci)")


def _names(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def _model_paths(model, prefix="") -> set[str]:
    from vademecum.editors.cms_fields import _unwrap

    out = set()
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        out.add(key)
        inner, _, _ = _unwrap(info.annotation)
        if isinstance(inner, type) and hasattr(inner, "model_fields"):
            out |= _model_paths(inner, key + ".")
    return out


def _form_paths(fields: list[dict], prefix="") -> set[str]:
    out = set()
    for field in fields:
        key = prefix + field["name"]
        out.add(key)
        out |= _form_paths(field.get("fields", []), key + ".")
    return out


def test_committed_forms_are_up_to_date():
    assert not is_stale(REPO), "lancez « vademecum cms » et ajoutez schema/cms.yml"


def test_cms_check_fails_on_a_stale_file(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    (project / "schema").mkdir()
    shutil.copy(REPO / CMS_FIELDS_FILE, project / CMS_FIELDS_FILE)
    assert main(["--root", str(project), "cms", "--check"]) == 0
    stale = (project / CMS_FIELDS_FILE).read_text(encoding="utf-8").replace("Intitulé", "Titre")
    (project / CMS_FIELDS_FILE).write_text(stale, encoding="utf-8")
    assert main(["--root", str(project), "cms", "--check"]) == 1
    assert "vademecum cms" in capsys.readouterr().err
    assert main(["--root", str(project), "cms"]) == 0
    assert main(["--root", str(project), "cms", "--check"]) == 0


def test_every_kind_and_every_field_of_the_model_has_a_form():
    forms = cms_fields()
    assert set(forms["kinds"]) == set(KINDS)
    for kind, model in KINDS.items():
        assert _form_paths(forms["kinds"][kind]["fields"]) == _model_paths(model), kind
    assert _form_paths(forms["academy"]["fields"]) == _model_paths(Academy)
    assert _form_paths(forms["region"]["fields"]) == _model_paths(Region)


def test_widgets_follow_the_field_types():
    task = _names(cms_fields()["kinds"]["tasks"]["fields"])
    assert task["when"]["widget"] == "select" and task["when"]["multiple"] is True
    assert {"label": "Septembre", "value": "septembre"} in task["when"]["options"]
    assert task["when"]["min"] == 1 and task["when"]["required"] is True
    assert "default" not in task["level"] and task["level"]["required"] is False
    assert task["details"]["widget"] == "text"  # Markdown kept as written
    who = _names(task["who"]["fields"])
    assert who["lead"]["options_from"] == "roles" and "multiple" not in who["lead"]
    assert who["with"]["options_from"] == "roles" and who["with"]["multiple"] is True
    assert task["themes"]["options_from"] == "themes"
    assert _names(task["source"]["fields"])["document"]["options_from"] == "documents"
    legal = _names(cms_fields()["kinds"]["legal_texts"]["fields"])
    required = KINDS["legal_texts"].model_fields["verified_on"].is_required()
    assert legal["verified_on"]["widget"] == "datetime"
    assert legal["verified_on"]["required"] is required
    assert legal["verified_on"]["format"] == "YYYY-MM-DD"
    role = _names(cms_fields()["kinds"]["roles"]["fields"])
    assert role["delegable"]["widget"] == "boolean"


def _minisite_catalog(academy: str):
    catalog, problems = load_catalog(MINISITE, academy)
    assert catalog is not None, problems
    return catalog


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def test_drop_downs_list_the_ids_of_the_site_with_their_labels():
    catalog = _minisite_catalog("academie-test")
    config = cms_config(catalog, GITHUB)
    tasks = _collection(config, "tasks")
    files = [f["file"] for f in tasks["files"]]
    assert files == [
        f"data/regions/{catalog.region.id}/tasks.yml",
        "data/academies/academie-test/tasks.yml",
    ]
    own, change, remove = tasks["files"][1]["fields"]
    assert (own["name"], change["name"], remove["name"]) == ("tasks", "change", "remove")
    lead = _names(_names(own["fields"])["who"]["fields"])["lead"]
    assert [o["value"] for o in lead["options"]] == [r.id for r in catalog.all("roles")]
    first = catalog.all("roles")[0]
    assert lead["options"][0]["label"] == f"{first.name} ({first.id})"
    picked = _names(change["fields"])["id"]
    assert [o["value"] for o in picked["options"]] == [t.id for t in catalog.all("tasks")]
    assert all(not f["required"] for f in change["fields"][1:])
    assert "options_from" not in json.dumps(config)
    settings = _collection(config, "settings")
    assert [f["file"] for f in settings["files"]] == [
        "data/academies/academie-test/academy.yml",
        f"data/regions/{catalog.region.id}/region.yml",
    ]


def _walk(fields: list[dict], path: str = ""):
    for field in fields:
        yield f"{path}{field['name']}", field
        yield from _walk(field.get("fields", []), f"{path}{field['name']}.")


def test_the_editor_writes_nothing_into_fields_it_was_not_given():
    """Sveltia fills every absent field with its `default:` (a boolean: false) when it loads a
    file and writes it back on save: into every record of the file and into every `change:`."""
    config = cms_config(_minisite_catalog("academie-test"), GITHUB)
    assert config["output"]["omit_empty_optional_fields"] is True
    seen = set()
    for collection in config["collections"]:
        for file in collection["files"]:
            for path, field in _walk(file["fields"]):
                seen.add(path)
                assert "default" not in field, (file["file"], path)
                if field["widget"] == "boolean":
                    assert field["required"] is not False, (file["file"], path)
    assert {"tasks.level", "tasks.source.gives_url", "change.level", "change.delegable"} <= seen
    tasks = _collection(config, "tasks")["files"][1]["fields"]
    gives_url = _names(_names(tasks[0]["fields"])["source"]["fields"])["gives_url"]
    assert gives_url["widget"] == "select" and gives_url["required"] is False
    assert [o["value"] for o in gives_url["options"]] == [True, False]
    change = _names(tasks[1]["fields"])
    assert change["level"]["required"] is False and "default" not in change["level"]


def test_the_national_site_edits_the_national_files_without_overlays():
    config = cms_config(_minisite_catalog("national"), GITHUB)
    tasks = _collection(config, "tasks")
    assert [f["file"] for f in tasks["files"]] == ["data/national/tasks.yml"]
    assert [f["name"] for f in tasks["files"][0]["fields"]] == ["tasks"]


@pytest.mark.parametrize("forge", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_saving_goes_through_a_branch_and_a_pull_request(forge):
    config = cms_config(_minisite_catalog("academie-test"), forge)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == forge.backend
    assert config["backend"]["branch"] == "main"
    assert config["backend"]["api_root"] == forge.api


@pytest.mark.parametrize("forge", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_the_generated_configuration_is_valid_for_the_locked_cms(forge):
    _node_modules()
    import jsonschema

    schema = json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8"))
    for academy in ("national", "academie-test"):
        config = cms_config(_minisite_catalog(academy), forge, "https://exemple.fr/x/")
        jsonschema.validate(config, schema)


def test_admin_policy_lets_the_page_reach_its_forge_api_only():
    for forge, origin in (
        (GITHUB, "https://api.github.com"),
        (GITLAB, "https://forge.apps.education.fr"),
    ):
        policy = admin_policy(forge)
        connect = re.search(r"connect-src ([^;]*)", policy).group(1).split()
        assert connect == ["'self'", "data:", "blob:", origin]
        assert re.search(r"script-src 'self';", policy)
        others = re.findall(r"https?://[^\s;]+", policy)
        assert others == [origin]
    html = admin_html(GITHUB, "Éditeur <b>")
    assert "Éditeur &lt;b&gt;" in html and '<script src="sveltia-cms.js"></script>' in html
    assert "https://" not in html.replace(markupsafe.escape(admin_policy(GITHUB)), "")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"repo": "drane/x", "backend": "gitea"}, "github ou gitlab"),
        ({"repo": "pas un dépôt"}, "propriétaire/dépôt"),
        ({"repo": "a/b", "api_root": "http://x"}, "https://"),
        ({"repo": "a/b", "base_url": 'https://x"y'}, "https://"),
    ],
)
def test_a_wrong_forge_setting_is_refused_in_french(environ, message):
    with pytest.raises(CmsConfigError, match=message):
        forge_from(environ)


def test_no_forge_named_means_no_admin_page():
    assert forge_from({}) is None and forge_from({"repo": None}) is None
    gitlab = forge_from(
        {
            "repo": "drane/vademecum",
            "backend": "gitlab",
            "api_root": "https://forge.apps.education.fr/api/v4",
            "app_id": "abc123",
        }
    )
    assert gitlab is not None and gitlab.api_origin == "https://forge.apps.education.fr"
    backend = cms_config(_minisite_catalog("academie-test"), gitlab)["backend"]
    assert backend["auth_type"] == "pkce" and backend["app_id"] == "abc123"


def test_the_build_ships_the_cms_on_admin_only(tmp_path, monkeypatch):
    _node_modules()
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    monkeypatch.setenv("VADEMECUM_CMS_REPO", "drane/vademecum")
    assert (
        main(
            ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
        )
        == 0
    )
    admin = site / "admin"
    script = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert script.startswith((REPO / CMS_SCRIPT).read_text(encoding="utf-8")[:200])
    assert "cdn.jsdelivr.net" not in script and "https://unpkg.com/" not in script
    for relative in FONTS.values():
        assert (admin / "fonts" / Path(relative).name).is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "drane/vademecum"
    pages = [p for p in site.rglob("*.html") if admin not in p.parents]
    assert len(pages) > 20
    for page in pages:
        assert "sveltia" not in page.read_text(encoding="utf-8"), page


def test_the_admin_page_starts_the_cms_with_the_yaml_writer_registered():
    """Sveltia CMS would read and write the files with its own YAML writer (comments lost) if it
    started before start.js registered ours."""
    _node_modules()
    html = admin_html(GITHUB, "Éditeur")
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts == ["manual-init.js", "sveltia-cms.js", "start.js"]
    assert '<script type="module" src="start.js">' in html
    assets = cms_assets(REPO)
    assert "window.CMS_MANUAL_INIT = true;" in assets["admin/manual-init.js"]
    start = assets["admin/start.js"]
    assert start.index("registerCustomFormat('yml'") < start.index("CMS.init()")
    assert "from './vendor/yaml/index.js'" in assets["admin/keep-yaml.js"]
    imported = set(re.findall(r"from '\./([^']+)'", assets["admin/vendor/yaml/index.js"].decode()))
    assert imported and all(f"admin/vendor/yaml/{name}" in assets for name in imported)


def test_without_a_forge_the_build_has_no_admin_page(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.delenv("VADEMECUM_CMS_REPO", raising=False)
    site = tmp_path / "site"
    assert (
        main(
            ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
        )
        == 0
    )
    assert not (site / "admin").exists()


@pytest.mark.parametrize(
    ("forge", "methods"),
    [
        (GITHUB, ["token"]),  # no relay: Sveltia's button would open api.netlify.com
        (Forge("github", "drane/vademecum", base_url="https://relais.example.org"), None),
        (GITLAB, ["token"]),  # the forge's address alone: its OAuth needs an application
        (Forge("gitlab", "d/v", base_url="https://forge.example.org", app_id="abc"), None),
    ],
)
def test_the_admin_page_offers_only_the_sign_in_methods_configured(forge, methods):
    backend = cms_config(_minisite_catalog("academie-test"), forge)["backend"]
    assert backend["auth_methods"] == (methods or ["token", "oauth"])
    if forge.backend == "github":  # open authoring: not every repository of the editor
        assert backend["open_authoring"] is True and backend["auth_scope"] == "public_repo"


def test_the_french_messages_complete_sveltias():
    _node_modules()
    version = json.loads((REPO / "node_modules/@sveltia/cms/package.json").read_text())["version"]
    served = json.loads(cms_assets(REPO)[f"admin/vendor/@sveltia/cms@{version}/locales/fr.json"])
    english = json.loads((REPO / "node_modules/@sveltia/cms/locales/en-US.json").read_text())

    def keys(messages: dict, prefix: str = "") -> set[str]:
        return {
            key
            for name, value in messages.items()
            for key in (
                keys(value, f"{prefix}{name}.") if isinstance(value, dict) else {prefix + name}
            )
        }

    missing = {k for k in keys(english) - keys(served) if not k.startswith("config.")}
    assert missing == set(), sorted(missing)
    assert "demandes de fusion" in served["sign_in_using_access_token_workflow_note"]


# What a hint written for the YAML file shows: flow lists and mappings, the keys of `who`, a
# file name, a date's written format.
YAML_IN_HINT = re.compile(r"[\[\]{}]|\((lead|with)\)|\.yml\b|AAAA-MM-JJ|\b[a-z_]+: ")


def _hinted(fields: list, kind: str):
    for field in fields:
        if "hint" in field:
            yield kind, field
        yield from _hinted(field.get("fields", []), kind)


def test_form_hints_are_words_not_yaml():
    forms = cms_fields()
    every = [(k, f) for k, form in forms["kinds"].items() for k, f in _hinted(form["fields"], k)]
    every += [(k, f) for k in ("academy", "region") for k, f in _hinted(forms[k]["fields"], k)]
    assert len(every) > 100
    wrong = []
    for kind, field in every:
        raw = [str(o["value"]) for o in field.get("options", []) if str(o["value"]) != o["label"]]
        if YAML_IN_HINT.search(field["hint"]) or [
            v for v in raw if re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", field["hint"])
        ]:
            wrong.append(f"{kind}.{field['name']}: {field['hint']}")
    assert wrong == []
