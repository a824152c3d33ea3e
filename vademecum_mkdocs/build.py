"""`vademecum build`: strict MkDocs builds into a temporary folder, swapped in only on success.

A failed build leaves the previous site folder exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from vademecum.cascade import load_catalog
from vademecum.landing import landing_page
from vademecum.sites import ACADEMY_ENV, site_list


def _mkdocs_build(root: Path, academy: str, site_dir: Path) -> str | None:
    """Build one académie into `site_dir`; returns a French error message, or None."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ[ACADEMY_ENV] = academy
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    except Abort as error:
        return f"construction interrompue : {error}"
    except MkDocsException as error:
        return str(error)
    except SystemExit as error:  # mkdocs-macros exits on a macro error (on_error_fail)
        return f"erreur dans une macro d'un guide (code {error.code}) ; voir le message ci-dessus"
    return None


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in place of `target` with two renames (the old site survives a failure)."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _staging(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))


def _report_data(root: Path, academy: str) -> bool:
    catalog, problems = load_catalog(root, academy)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if catalog is None:
        print(f"{academy} : {len(problems)} problème(s), rien n'a été écrit.", file=sys.stderr)
    return catalog is not None


def build_one(root: Path, academy: str, site_dir: Path) -> int:
    if not _report_data(root, academy):
        return 1
    staging = _staging(site_dir)
    error = _mkdocs_build(root, academy, staging)
    if error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{academy} : échec de la construction : {error}", file=sys.stderr)
        return 1
    _swap(staging, site_dir)
    print(f"{academy} : site construit dans {site_dir}")
    return 0


def _build_into(args: tuple[str, str, str]) -> tuple[str, str | None]:
    root, academy, folder = args
    return academy, _mkdocs_build(Path(root), academy, Path(folder))


def build_all(root: Path, site_dir: Path, jobs: int = 2) -> int:
    sites = site_list(root)
    if not all([_report_data(root, site["id"]) for site in sites]):
        return 1
    staging = _staging(site_dir)
    work = [(str(root), site["id"], str(staging / site["id"])) for site in sites]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(_build_into, work))
    failures = [(academy, error) for academy, error in results if error]
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        for academy, error in failures:
            print(f"{academy} : échec de la construction : {error}", file=sys.stderr)
        print("Aucun site n'a été remplacé.", file=sys.stderr)
        return 1
    (staging / "index.html").write_text(landing_page(sites), encoding="utf-8")
    _swap(staging, site_dir)
    print(f"{len(sites)} site(s) construit(s) dans {site_dir}")
    return 0
