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

from vademecum.landing import landing_page
from vademecum.problems import DataError
from vademecum.school_year import SchoolYearError
from vademecum.sites import ACADEMY_ENV, get_site, site_list, unknown_address_warning


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


def _load(root: Path, academy: str) -> list[str]:
    """Load, validate and render the académie once (the hook then reuses it from the cache).

    Returns the French lines to print when the data is invalid, nothing when it is valid.
    """
    try:
        get_site(root, academy)
    except DataError as error:
        return [str(p) for p in error.problems] + [
            f"{academy} : {len(error.problems)} problème(s), rien n'a été écrit."
        ]
    except SchoolYearError as error:
        return [str(error)]
    return []


def _warn_unknown_address() -> None:
    warning = unknown_address_warning()
    if warning:
        print(warning, file=sys.stderr)


def build_one(root: Path, academy: str, site_dir: Path) -> int:
    _warn_unknown_address()
    problems = _load(root, academy)
    if problems:
        print("\n".join(problems), file=sys.stderr)
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


def _build_into(args: tuple[str, str, str]) -> tuple[str, list[str]]:
    """One académie in a worker process: its data is loaded once, there."""
    root, academy, folder = args
    problems = _load(Path(root), academy)
    if problems:
        return academy, problems
    error = _mkdocs_build(Path(root), academy, Path(folder))
    return academy, [f"{academy} : échec de la construction : {error}"] if error else []


def build_all(root: Path, site_dir: Path, jobs: int = 2) -> int:
    _warn_unknown_address()
    sites = site_list(root)
    staging = _staging(site_dir)
    work = [(str(root), site["id"], str(staging / site["id"])) for site in sites]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(_build_into, work))
    failures = [line for _, lines in results for line in lines]
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        print("\n".join(failures), file=sys.stderr)
        print("Aucun site n'a été remplacé.", file=sys.stderr)
        return 1
    (staging / "index.html").write_text(landing_page(sites), encoding="utf-8")
    _swap(staging, site_dir)
    print(f"{len(sites)} site(s) construit(s) dans {site_dir}")
    return 0
