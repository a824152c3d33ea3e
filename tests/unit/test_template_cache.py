"""The engine's compiled templates kept between builds: never stale, never required."""

from __future__ import annotations

import tempfile

from jinja2 import Environment, FileSystemLoader

from vademecum.site.render.template_cache import use_template_cache


def _env(templates, cache, **settings) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), **settings)
    use_template_cache(env, str(cache))
    return env


def test_a_second_build_reads_the_compiled_code_and_a_changed_template_is_compiled_again(
    tmp_path, monkeypatch
):
    (tmp_path / "t").mkdir()
    (tmp_path / "cache").mkdir()
    page = tmp_path / "t" / "page.html"
    page.write_text("avant {{ x }}", encoding="utf-8")
    assert _env(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(x=1) == (
        "avant 1"
    )
    assert len(list((tmp_path / "cache").iterdir())) == 1

    compiled = []
    original = Environment.compile
    monkeypatch.setattr(
        Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k)
    )
    assert _env(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(x=2) == (
        "avant 2"
    )
    assert compiled == []  # read from the cache

    page.write_text("après {{ x }}", encoding="utf-8")
    assert _env(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(x=3) == (
        "après 3"
    )
    assert len(compiled) == 1


def test_code_compiled_with_other_settings_is_never_read(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "t" / "page.html").write_text("{{ x }}", encoding="utf-8")
    plain = _env(tmp_path / "t", tmp_path / "cache", autoescape=False)
    assert plain.get_template("page.html").render(x="<b>") == "<b>"
    escaping = _env(tmp_path / "t", tmp_path / "cache", autoescape=True)
    assert escaping.get_template("page.html").render(x="<b>") == "&lt;b&gt;"


def test_a_cache_folder_that_cannot_be_written_only_means_compiling(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("{{ x }}", encoding="utf-8")
    env = _env(tmp_path / "t", tmp_path / "absent" / "cache")
    assert env.get_template("page.html").render(x=1) == "1"


def test_an_unsafe_shared_folder_is_not_used(tmp_path, monkeypatch):
    """Jinja's per-user folder taken by something else (here a file): no cache at all."""
    import os

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    (tmp_path / f"_jinja2-cache-{os.getuid()}").write_text("", encoding="utf-8")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("{{ x }}", encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(tmp_path / "t")))
    use_template_cache(env)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(x=1) == "1"
