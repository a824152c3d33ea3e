"""Shared fixtures: a throw-away copy of the project, and the shipped data built once per session.

Every test gets one tier marker from its folder (unit/ and data/: `unit`; build/: `build`;
browser/: `browser`), so `pytest -m unit` is the fast loop (`make quick`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINISITE = REPO / "tests" / "fixtures" / "minisite"
SITE_PARTS = ("mkdocs.yml", "content", "overrides", "macros")
TIER_OF_FOLDER = {"unit": "unit", "data": "unit", "build": "build", "browser": "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.path)).relative_to(REPO / "tests").parts[0]
        tier = TIER_OF_FOLDER.get(folder)
        if tier:
            item.add_marker(tier)


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class BuiltSite:
    """A build of every académie; `base` is the address it was built for (served there)."""

    site: Path
    base: str
    port: int


def build_all(project: Path, base: str) -> Path:
    """`vademecum build --all` of `project` for the address `base`; returns the site folder."""
    from vademecum.cli import main

    site = project / "site"
    previous = os.environ.get("VADEMECUM_SITE_URL")
    os.environ["VADEMECUM_SITE_URL"] = base
    try:
        assert main(["--root", str(project), "build", "--all", "--site-dir", str(site)]) == 0
    finally:
        if previous is None:
            os.environ.pop("VADEMECUM_SITE_URL", None)
        else:
            os.environ["VADEMECUM_SITE_URL"] = previous
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The shipped data (data/) built once per session, for the build and the browser tests."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "data")
    return BuiltSite(build_all(project, base), base, port)
