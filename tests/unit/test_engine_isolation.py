"""The engine never imports MkDocs: only the adapters would change with another generator."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import vademecum
from vademecum import cli

# Generator-specific packages: MkDocs, its theme and plugins, and our adapters to them.
ADAPTERS = ("mkdocs", "material", "mkdocs_macros", "vademecum_mkdocs", "macros")
ENGINE = Path(vademecum.__file__).parent


def test_engine_modules_do_not_import_mkdocs():
    modules = [m.name for m in pkgutil.walk_packages(vademecum.__path__, "vademecum.")]
    assert "vademecum.data.cascade" in modules and "vademecum.site.pages" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {ADAPTERS!r})\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _adapter_imports(path: Path) -> list[str]:
    """Every import of an adapter in `path`, at any depth (inside functions too), and every
    dynamic import (importlib, __import__) but the command line's declared door."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call):
            function = ast.unparse(node.func)
            if function in ("importlib.import_module", "__import__", "import_module"):
                argument = ast.unparse(node.args[0]) if node.args else ""
                if not (path == Path(cli.__file__) and argument == "ADAPTER_COMMANDS"):
                    found.append(f"{path.name}:{node.lineno}: {function}({argument})")
        found += [
            f"{path.name}:{node.lineno}: import {name}"
            for name in names
            if name.split(".")[0] in ADAPTERS
        ]
    return found


def test_no_engine_module_imports_an_adapter_even_inside_a_function():
    found = [line for path in sorted(ENGINE.rglob("*.py")) for line in _adapter_imports(path)]
    assert found == []


def test_the_command_lines_door_leads_to_the_adapters_commands():
    assert cli.ADAPTER_COMMANDS == "vademecum_mkdocs.commands"
    from vademecum_mkdocs import commands

    parser = cli.build_parser()
    for name in ("build", "export"):
        args = parser.parse_args([name, "--academy", "x", *(["d"] if name == "export" else [])])
        assert callable(getattr(commands, name)) and args.func.__qualname__.startswith(
            "adapter_command"
        )


def test_the_isolation_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from vademecum_mkdocs.build import build_one\n"
        "def g():\n    import importlib\n    importlib.import_module('mkdocs')\n",
        encoding="utf-8",
    )
    assert _adapter_imports(module) == [
        "m.py:2: import vademecum_mkdocs.build",
        "m.py:5: importlib.import_module('mkdocs')",
    ]
