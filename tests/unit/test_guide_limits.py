"""Guides are bounded and checked: a guide that would hang, exhaust memory or crash stops with a
French message naming the guide and the line, in the sandbox and in `vademecum check`."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project, write
from vademecum.cli import main
from vademecum.guides.includes import include_folder
from vademecum.guides.sandbox import GuideEnvironment, GuideError, GuideLimits, GuideRenderer

GUIDE = "content/guide.md"
MACROS = {"tasks": lambda **kw: "<ul><li>tâche</li></ul>"}
VARIABLES = {"academy": {"name": "Test", "id": "test"}}

# Each would run for minutes or take gigabytes without the limits (see the report).
BOMBS = {
    "nested-loops": (
        "{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "tours de boucle",
    ),
    "loop-of-text": ("{% for a in 'x' * 9000 %}" + "z" * 300 + "{% endfor %}", "caractères"),
    "string-repetition": ("{{ 'x' * 10**9 }}", "répétition trop grande"),
    "list-repetition": ("{{ [1] * 10**9 }}", "répétition trop grande"),
    "nested-repetition": ("{{ [['x' * 1000] * 1000] * 1000 }}", "répétition trop grande"),
    "power": ("{{ 9 ** 9 ** 9 }}", "nombre trop grand"),
    "product": ("{{ (2 ** 200) * (2 ** 200) }}", "nombre trop grand"),
    "recursive-macro": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "appels imbriqués"),
    "fan-out-macro": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(19) }}",
        "appels de macros",
    ),
    "doubling-concat": (
        "{% set a = 'x' * 100000 %}{% set b = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}"
        "{% set c = b ~ b ~ b ~ b ~ b ~ b ~ b ~ b %}{{ c | length }}",
        "caractères",
    ),
    "macro-buffer": (
        "{% set s = 'x' * 1999990 %}{% macro m() %}{% for i in 'x' * 10000 %}{{ s ~ i }}"
        "{% endfor %}{% endmacro %}{{ m() | length }}",
        "caractères en tout",
    ),
    "replace-growth": ("{{ ('a' * 100000) | replace('a', 'b' * 100000) }}", "caractères"),
    "join-growth": ("{{ ('a' * 100000) | join('b' * 100000) }}", "caractères"),
    "percent-width": ("{{ '%0999999999d' % 1 }}", "formatage de texte"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "« format » est interdit"),
    "center-filter": ("{{ 'x' | center(10**9) }}", "filtre « center » n'est pas permis"),
    "ljust-method": ("{{ 'x'.ljust(10**9) }}", "« ljust » est interdit"),
    "to-bytes": ("{{ (1).to_bytes(10**9, 'big') }}", "« to_bytes » est interdit"),
    "list-append": (
        "{% set l = ['x'] %}{% for i in 'x' * 40 %}{{ l.append(l | join) }}{% endfor %}",
        "« append » est interdit",
    ),
}


class _Hang(Exception):
    pass


def _within(seconds: int, function, *args):
    """Run `function`, failing if it has not returned after `seconds` (a hang, not a speed
    measure: every bomb stops in well under a second)."""

    def stop(signum, frame):
        raise _Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return function(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("source, words", BOMBS.values(), ids=BOMBS.keys())
def test_a_guide_bomb_stops_with_a_french_message_and_its_line(source, words):
    renderer = GuideRenderer(MACROS, VARIABLES)
    text = f"# Titre\n\nUn paragraphe.\n\n{source}\n"
    with pytest.raises(GuideError) as caught:
        _within(20, renderer.render, text, GUIDE, 3)
    assert str(caught.value).startswith(f"{GUIDE}:7: "), caught.value
    assert words in str(caught.value)


def test_the_time_limit_stops_what_the_counts_let_through():
    slow = GuideLimits(max_seconds=0.3, max_calls=10**9, max_iterations=10**9)
    renderer = GuideRenderer(MACROS, VARIABLES, limits=slow)
    source = (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n"
        "{{ f(19) }}\n"
    )
    with pytest.raises(GuideError) as caught:
        _within(20, renderer.render, source, GUIDE)
    assert "secondes" in str(caught.value) and str(caught.value).startswith(f"{GUIDE}:")


def test_a_guide_within_the_limits_renders_as_before():
    renderer = GuideRenderer(MACROS, VARIABLES)
    source = (
        "{% for x in ['a', 'b', 'c'] %}{{ loop.index }}{{ x | upper }} {% endfor %}"
        "{{ 6 * 7 }} {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ [1, 2] | join(', ') }} "
        "{{ academy.name ~ '!' }} {{ tasks(theme='ent') }} {{ 'A-b'.lower().split('-') }}"
    )
    assert renderer.render(source, GUIDE) == (
        "1A 2B 3C 42 ababab 1024 1, 2 Test! <ul><li>tâche</li></ul> ['a', 'b']"
    )


def test_the_budget_is_each_renderings_own():
    """A page near the limit renders every time, and a page over it does not spoil the next
    one (`mkdocs serve` renders the same guides again and again)."""
    renderer = GuideRenderer(MACROS, VARIABLES)
    near = "{% for a in 'x' * 100 %}{% for b in 'x' * 90 %}{% endfor %}{% endfor %}ok"
    over = "{% for a in 'x' * 100 %}{% for b in 'x' * 101 %}{% endfor %}{% endfor %}"
    for _ in range(3):
        assert renderer.render(near, GUIDE) == "ok"
    with pytest.raises(GuideError):
        renderer.render(over, GUIDE)
    assert renderer.render(near, GUIDE) == "ok"


def test_an_included_file_shares_the_pages_budget(tmp_path):
    """Each `{% include %}` makes a context of its own: it must not get a fresh budget."""
    (tmp_path / "_inclus").mkdir()
    (tmp_path / "_inclus" / "boucle.md").write_text(
        "{% for a in 'x' * 100 %}{% for b in 'x' * 90 %}{% endfor %}{% endfor %}ok"
    )
    renderer = GuideRenderer(MACROS, VARIABLES, include_folder(tmp_path))
    assert renderer.render('{% include "boucle.md" %}', GUIDE) == "ok"
    with pytest.raises(GuideError) as caught:
        renderer.render('{% include "boucle.md" %}\n{% include "boucle.md" %}', GUIDE)
    assert str(caught.value).startswith(f"{GUIDE}:2: ") and "tours de boucle" in str(caught.value)


def test_a_host_rendering_with_the_environment_gets_the_same_limits():
    """mkdocs-macros renders with the environment itself, not through GuideRenderer."""
    env = GuideEnvironment()
    template = env.from_string(
        "{% for a in 'x' * 200 %}{% for b in 'x' * 200 %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(Exception, match="tours de boucle"):
        template.render()
    with pytest.raises(Exception, match="répétition trop grande"):
        env.from_string("{{ 'x' * 10**9 }}").render()


# -- every error a guide can make, in French, with the guide and the line --------------------
ERRORS = {
    "division-by-zero": ("{{ 1 / 0 }}", 5, "division par zéro"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}", 5, "appels imbriqués"),
    "stray-comment": ("## Titre {#ancre}", 5, "« {# » ouvre un commentaire"),
    "stray-endfor": ("{% endfor %}", 5, "« {% endfor %} » ne ferme aucun bloc ouvert"),
    "unclosed-for": ("{% for x in [1] %}\nTexte", 5, "il manque « {% endfor %} »"),
    "undefined": ("{{ inconnue }}", 5, "« inconnue » n'existe pas"),
    "syntax": ("{{ tasks(theme= }}", 5, "« } » inattendu"),
    "unknown-filter": ("{{ 'x' | center(3) }}", 5, "filtre « center » n'est pas permis"),
    "unknown-task": ('{{ task("inconnue") }}', 5, "tâche « inconnue » introuvable"),
    "type": ("{{ 1 + 'a' }}", 5, "opération impossible"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("guide-limits") / "template")


@pytest.fixture
def project(template, tmp_path) -> Path:
    shutil.copytree(template, tmp_path / "p")
    return tmp_path / "p"


def check(project: Path, *options: str) -> int:
    return main(["--root", str(project), "check", *options])


@pytest.mark.parametrize("source, line, words", ERRORS.values(), ids=ERRORS.keys())
def test_check_names_the_guide_and_line_of_each_error(project, capsys, source, line, words):
    write(project, "content/piege.md", f"# Piège\n\nTexte.\n\n{source}\n")
    assert check(project, "--academy", "academie-test") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [e for e in err.splitlines() if e.startswith(f"content/piege.md:{line}:")]
    assert lines and words in lines[0], err


@pytest.mark.parametrize("name", ["nested-loops", "string-repetition", "power"])
def test_check_stops_a_guide_bomb(project, capsys, name):
    source, words = BOMBS[name]
    write(project, "content/piege.md", f"---\ntitle: Piège\n---\n\n# Piège\n\n{source}\n")
    assert _within(60, check, project, "--academy", "academie-test") == 1
    err = capsys.readouterr().err
    assert "content/piege.md:7:1: (macros): " in err and words in err, err


def test_check_names_the_site_a_guide_fails_on(project, capsys):
    """academie-test removes the task « suivre-ent »: the national guide fails there only."""
    write(project, "content/suivi.md", '# Suivi\n\n{{ task("suivre-ent") }}\n')
    assert check(project) == 1
    err = capsys.readouterr().err
    assert "content/suivi.md:3:1: (macros): erreur dans une macro : tâche « suivre-ent » " in err
    assert err.count("suivre-ent") == 1 and "(site : academie-test)" in err, err


def test_check_passes_the_shipped_guides(project, capsys):
    assert check(project) == 0, capsys.readouterr().err


def test_the_message_catalogue_documents_each_guide_message():
    catalogue = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")
    documented = [words for _, words in BOMBS.values()] + [w for _, _, w in ERRORS.values()]
    # A refused attribute or an unknown id is documented once, with « … » for the name.
    specific = ("» est interdit", "introuvable")
    missing = [
        words
        for words in documented
        if words not in catalogue and not (words.endswith(specific) and "« format »" not in words)
    ]
    assert not missing, f"absent de docs/messages.md : {missing}"
