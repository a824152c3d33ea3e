"""Addresses and numbers a build is given (site, edit and forge addresses, --jobs): refused in
French, naming the option, before anything is written."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest

from tests.build.test_build import digest
from tests.conftest import make_project
from vademecum.checks.addresses import AddressError, deployment_address, email_problem, host_problem
from vademecum.cli import main


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "https://drane.example.org/vademecum/",
        "https://forge.apps.education.fr/api/v4",
        "https://forge.example.org/drane/vademecum/-/edit/main/",
        "https://example.org:8443/",
        "http://127.0.0.1:8000/",
        "http://localhost/vademecum/",
        "https://éducation.example.fr/",
    ],
)
def test_plain_addresses_are_kept(value):
    assert deployment_address(value, "site_url") == (value or None)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('https://example.org/"><script>alert(1)</script>', "guillemet"),
        ("https://example.org/'", "guillemet"),
        ("https://example.org/\r\nX-EVIL:1", "saut de ligne"),
        ("https://example.org/vade mecum/", "espace"),
        ("https://example.org/\x1b[31m", "caractère invisible"),
        ("http://example.org/", "https://… attendue"),
        ("javascript:alert(1)", "https://… attendue"),
        ("//example.org/", "https://… attendue"),
        ("https://jean:secret@example.org/", "identifiant"),
        ("https://example.org/?utm=1", "« ? » et « # » interdits"),
        ("https://example.org/#haut", "« ? » et « # » interdits"),
        ("https://www.аrena.fr/", "mélange plusieurs écritures"),
        ("https://example.org:http/", "mal formée"),
        ("https:///vademecum/", "nom de domaine absent"),
        ("https://example.org/é/", "caractère non encodé"),
        ("https://example.org/a;b", "caractère non encodé"),
    ],
)
def test_addresses_that_could_break_a_page_head_or_calendar_are_refused(value, words):
    with pytest.raises(AddressError) as error:
        deployment_address(value, "site_url (VADEMECUM_SITE_URL)")
    message = str(error.value)
    assert message.startswith("option site_url (VADEMECUM_SITE_URL) : ")
    assert words in message
    assert "\n" not in message and "\x1b" not in message


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("www.education.gouv.fr", None),
        ("éducation.fr", None),
        ("пример.рф", None),  # Russian written in Cyrillic: one script, not a look-alike
        ("127.0.0.1", None),
        ("www.аrena.fr", "mélange plusieurs écritures (cyrillique, latine)"),
        ("асе.fr", "écriture cyrillique"),
        ("xn--rena-2we.fr", "mélange plusieurs écritures"),
        ("ｅxample.fr", "forme spéciale"),
        ("exɑmple.fr", "imite une lettre ordinaire"),
        ("exa_mple.fr", "invalide"),
    ],
)
def test_hosts(host, problem):
    found = host_problem(host)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_one_plain_email_address():
    assert email_problem("dpd@ac-versailles.fr") is None
    assert email_problem("prenom.nom+drane@ac-dijon.fr") is None
    for value in ("a@b.fr?bcc=c@d.fr", "mailto:a@b.fr", "a b@c.fr", "a@b.fr;c@d.fr", "a@b"):
        assert email_problem(value), value


# -- through the build command --------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("addresses") / "template")
    site = project / "site"
    assert (
        main(
            ["--root", str(project), "build", "--academy", "academie-test", "--site-dir", str(site)]
        )
        == 0
    )
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    shutil.copytree(built, tmp_path / "p")
    return tmp_path / "p"


def build(project: Path, *extra: str) -> int:
    site = project / "site"
    return main(
        [
            "--root",
            str(project),
            "build",
            "--academy",
            "academie-test",
            "--site-dir",
            str(site),
            *extra,
        ]
    )


@pytest.mark.parametrize(
    ("variable", "value", "option"),
    [
        ("VADEMECUM_SITE_URL", 'https://example.org/"><script>alert(1)</script>', "site_url"),
        ("VADEMECUM_SITE_URL", "https://example.org/\r\nX-EVIL:1", "site_url"),
        ("VADEMECUM_EDIT_URL", "https://forge.example.org/x/edit/main/?a=1", "edit_url"),
        ("VADEMECUM_CMS_API_ROOT", "https://forge.example.org/api v4", "cms_api_root"),
        ("VADEMECUM_CMS_BASE_URL", "https://user@forge.example.org/", "cms_base_url"),
    ],
)
def test_a_bad_address_stops_the_build_and_names_the_option(
    project, monkeypatch, capsys, variable, value, option
):
    monkeypatch.setenv(variable, value)
    monkeypatch.setenv("VADEMECUM_CMS_REPO", "drane/vademecum")
    before = digest(project / "site")
    assert build(project) == 1
    err = capsys.readouterr().err
    # The engine's message names the variable; MkDocs' typed options (cms_*) name the option.
    assert f"option {option} ({variable}) : " in err or f"option {option} du plugin" in err
    assert "Traceback" not in err and "Aborted" not in err
    assert not any(line.startswith("X-EVIL") for line in err.splitlines())
    assert digest(project / "site") == before


def test_a_local_address_builds_and_reaches_the_calendars(project, monkeypatch):
    monkeypatch.setenv("VADEMECUM_SITE_URL", "http://127.0.0.1:8000/")
    assert build(project) == 0
    calendar = next((project / "site").rglob("*.ics")).read_text(encoding="utf-8")
    assert "URL:http://127.0.0.1:8000/academie-test/" in calendar


@pytest.mark.parametrize("jobs", ["0", "17"])
def test_jobs_are_bounded(project, capsys, jobs):
    site = project / "site"
    before = digest(site)
    assert (
        main(["--root", str(project), "build", "--all", "--jobs", jobs, "--site-dir", str(site)])
        == 2
    )
    assert digest(site) == before
    assert "option --jobs : un nombre de 1 à 16 est attendu" in capsys.readouterr().err


# -- every text field of the model --------------------------------------------------------------
def _guarded(metadata) -> bool:
    """A string type is guarded by a strict pattern or by one of the model's character checks."""
    for item in metadata:
        if getattr(item, "pattern", None) and "\\S" not in item.pattern:
            return True
        func = getattr(item, "func", None)
        if func is not None and func.__name__ in ("_one_line", "_multiline", "_link", "_email"):
            return True
    return False


def _string_types(annotation) -> list:
    if getattr(annotation, "__origin__", None) is not None and hasattr(annotation, "__metadata__"):
        return [annotation] if annotation.__origin__ is str else []
    return [t for arg in typing.get_args(annotation) for t in _string_types(arg)]


def test_every_string_field_refuses_control_characters():
    from vademecum.data import model

    unguarded = []
    for name in dir(model):
        cls = getattr(model, name)
        if not (isinstance(cls, type) and issubclass(cls, model.Model)):
            continue
        for field, info in cls.model_fields.items():
            if info.annotation is str and not _guarded(info.metadata):  # Annotated, unwrapped
                unguarded.append(f"{name}.{field}")
            if str in typing.get_args(info.annotation):  # str | None, list[str]
                unguarded.append(f"{name}.{field}")
            for string in _string_types(info.annotation):
                if not _guarded([*string.__metadata__, *info.metadata]):
                    unguarded.append(f"{name}.{field}")
    assert unguarded == []


def test_a_message_keeps_the_braces_of_the_value():
    from pydantic import ValidationError

    from vademecum.data.model import Resource

    with pytest.raises(ValidationError) as error:
        Resource.model_validate(
            {
                "id": "r",
                "title": "t",
                "url": "https://a{b}.fr/",
                "publisher": "p",
                "kind": "site",
                "source": {"document": "d", "section": "s"},
            }
        )
    assert "« a{b} »" in error.value.errors()[0]["msg"]
