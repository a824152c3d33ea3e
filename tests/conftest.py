"""Shared fixtures: a throw-away copy of the project with the mini-site data of tests/fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINISITE = REPO / "tests" / "fixtures" / "minisite"
SITE_PARTS = ("mkdocs.yml", "content", "overrides", "macros")


def make_project(target: Path, data: Path = MINISITE / "data") -> Path:
    """Copy the site skeleton of the repository and the given data folder into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(data, target / "data")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def write(project: Path, relative: str, text: str | bytes) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def plain_mkdocs_build(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` run as an editor would, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
