"""The engine never imports MkDocs: only the adapters would change with another generator."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import vademecum


def test_engine_modules_do_not_import_mkdocs():
    modules = [m.name for m in pkgutil.walk_packages(vademecum.__path__, "vademecum.")]
    assert "vademecum.cascade" in modules and "vademecum.pages" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_macros'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
