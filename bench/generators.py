"""The same export built by MkDocs (Material) and by Zensical, timed in alternation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import timing

BIN = Path(sys.executable).parent


def export(root: Path, academy: str, target: Path) -> Path:
    """`vademecum export` of `academy` into `target` (for Zensical: its CSP; both build it)."""
    command = [
        str(BIN / "vademecum"),
        "--root",
        str(root),
        "export",
        "--generator",
        "zensical",
        "--academy",
        academy,
        str(target),
    ]
    subprocess.run(command, check=True, capture_output=True)
    return target


def zensical_build(project: Path, site_dir: Path) -> list[str]:
    """Zensical writes inside the export (its site_dir); --clean: no cache from the last round,
    as MkDocs has none."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return [
        str(BIN / "python"),
        "-m",
        "zensical",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(project / "mkdocs.yml"),
    ]


def time_generators(
    root: Path, academy: str, tmp: Path, repetitions: int
) -> dict[str, list[float]]:
    project = export(root, academy, tmp / "export-generators")
    jobs = [
        timing.Job("MkDocs", lambda site: timing.mkdocs_build(project, site), project),
        timing.Job("Zensical", lambda site: zensical_build(project, site), project),
    ]
    return timing.time_interleaved(jobs, repetitions)
