"""Rendering: data is escaped, links filtered, Jinja neutralised, abbreviations marked."""

from __future__ import annotations

from tests.conftest import MINISITE
from vademecum.data.cascade import load_catalog
from vademecum.site.render.components import Renderer
from vademecum.site.render.html import ROOT, esc, resolve_root
from vademecum.site.render.markdown import MarkdownRenderer

MINISITE_ROOT = MINISITE

HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> {{ 7*7 }} {% if x %}'


def test_esc_neutralises_html_and_jinja():
    out = esc(HOSTILE)
    assert "<script>" not in out and "<img" not in out
    assert "{{" not in out and "{%" not in out
    assert "&lt;script&gt;" in out and "&#123;&#123; 7&#42;7 &#125;&#125;" in out


def test_esc_neutralises_markdown_so_plain_text_stays_text():
    import markdown

    out = esc("Gouv [TN](javascript:alert(1)) **gras** `code` {: onclick=x }\n# titre")
    rendered = markdown.markdown(f"# {out}", extensions=["attr_list"])
    assert "<a" not in rendered and "<strong>" not in rendered and "<code>" not in rendered
    assert "onclick" not in rendered.split(">", 1)[0]  # no attribute list on the heading
    assert rendered.count("<h1") == 1  # the newline did not start a second heading


def test_markdown_field_keeps_markdown_but_not_raw_html():
    out = MarkdownRenderer().block(
        "**gras** et [lien](https://eduscol.education.fr/)\n\n" + HOSTILE
    )
    assert "<strong>gras</strong>" in out
    assert '<a href="https://eduscol.education.fr/">lien</a>' in out
    assert "<script" not in out and "<img" not in out and "&lt;img" in out
    assert "{{" not in out and "{%" not in out


def test_markdown_drops_unsafe_links():
    out = MarkdownRenderer().block(
        "[a](javascript:alert(1)) [b](data:text/html,x) ![c](javascript:x) [d](mailto:dpd@ac-test.fr)"
    )
    assert "javascript:" not in out and "data:" not in out
    assert 'href="mailto:dpd@ac-test.fr"' in out


def test_link_refuses_unsafe_urls():
    renderer = Renderer(load_catalog(MINISITE_ROOT, "academie-test")[0])

    def link(url, text):
        return renderer.component("link", url, text)

    assert link("javascript:alert(1)", "x") == "x"
    assert link('https://a.fr/"onmouseover="x', "y") == "y"
    assert (
        link("https://a.fr/?a=1&b=2", "<b>") == '<a href="https://a.fr/?a=1&amp;b=2">&lt;b&gt;</a>'
    )


def test_resolve_root_by_depth():
    fragment = f'<a href="{ROOT}roles/rupn/">'
    assert resolve_root(fragment, "") == '<a href="roles/rupn/">'
    assert resolve_root(fragment, "textes/") == '<a href="../roles/rupn/">'
    assert resolve_root(fragment, "calendrier/septembre/") == '<a href="../../roles/rupn/">'


def test_task_fragment_rendered_once_with_everything(project):
    catalog, _ = load_catalog(project, "academie-test")
    renderer = Renderer(catalog)
    html = renderer.task("designer-rupn")
    assert renderer.task("designer-rupn") is html  # cached, not re-rendered
    assert 'id="designer-rupn"' in html and 'data-task="designer-rupn"' in html
    assert f'href="{ROOT}roles/chef-etablissement/"' in html
    assert "Septembre" in html and "Prise de fonction" in html
    assert "https://www.example.gouv.fr/lettre.docx" in html  # its resource
    assert "D'après : " in html and "Délégations" in html
    assert "vm-badge--academy" in html  # changed by the académie: marked as local
    assert (
        '<abbr title="Référent pour les ressources et usages pédagogiques numériques">RUPN</abbr>'
        in html
    )
    national = Renderer(catalog).task("mettre-a-jour-stsweb")
    assert "vm-badge--academy" not in national and "vm-badge--region" not in national
