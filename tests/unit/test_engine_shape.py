"""The engine's shape: no import cycle, no environment read, no module-level cache."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

ENGINE = REPO / "vademecum"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def engine_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def imports(path: Path, modules: set[str]) -> set[str]:
    """Engine modules imported anywhere in the file (functions and TYPE_CHECKING included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found.update(n for n in names if n in modules)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return out


def engine_graph() -> dict[str, set[str]]:
    modules = engine_modules()
    graph = {name: imports(path, set(modules)) - {name} for name, path in modules.items()}
    # A package's __init__ re-exports its modules; importing one of them is not a cycle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    return graph


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_inside_the_engine():
    assert cycles(engine_graph()) == []


def test_labels_and_checks_sit_below_rendering_and_loading():
    graph = engine_graph()
    for low in (
        "vademecum.data.labels",
        "vademecum.data.school_year",
        "vademecum.checks.freshness",
        "vademecum.checks.references",
        "vademecum.data.locations",
    ):
        assert not any(
            t.startswith(("vademecum.site.render", "vademecum.data.cascade", "vademecum.site.pages"))
            for t in graph[low]
        ), (low, graph[low])


def test_no_environment_read_and_no_module_level_cache_in_the_engine():
    offenders = []
    for path in sorted(ENGINE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|os\.getenv", text):
            offenders.append(f"{path.name}: environment")
        tree = ast.parse(text)
        for node in tree.body:  # module level only
            decorators = getattr(node, "decorator_list", [])
            for decorator in decorators:
                name = ast.unparse(decorator)
                if re.search(r"\b(cache|lru_cache)\b", name):
                    offenders.append(f"{path.name}: @{name}")
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and "cache" in target.id.lower():
                        offenders.append(f"{path.name}: {target.id}")
    assert offenders == []


# A tag, not an HTML comment: the block markers (vademecum/site/blocks.py) are comments.
_TAG = re.compile(r"<[a-zA-Z/][^<>]*")


def html_built_by_hand(path: Path) -> list[int]:
    """Lines of the f-strings and `+` concatenations whose literal parts hold an HTML tag."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        parts: list[str] = []
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = [
                side.value
                for side in (node.left, node.right)
                if isinstance(side, ast.Constant) and isinstance(side.value, str)
            ]
        if any(_TAG.search(part) for part in parts):
            found.append(node.lineno)
    return found


def test_the_html_finder_finds_an_f_string_tag(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('x = 1\nhtml = f"<p>{x}</p>"\nother = "<b>" + str(x)\nok = f"## {x}"\n')
    assert html_built_by_hand(sample) == [2, 3]


def test_no_engine_module_builds_html_by_hand():
    """HTML comes from templates (autoescape); Python gathers the data."""
    offenders = [
        f"{p.relative_to(REPO)}:{line}"
        for p in sorted(ENGINE.rglob("*.py"))
        for line in html_built_by_hand(p)
    ]
    assert offenders == []
