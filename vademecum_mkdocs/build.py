"""`vademecum build`: strict MkDocs builds into a staged folder, swapped in only on success.

A failed or interrupted build leaves the previous site folder exactly as it was.
"""

from __future__ import annotations

import logging
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from vademecum.guides import guide_problems
from vademecum.landing import landing_page
from vademecum.output_dir import OutputDirError, staged_output
from vademecum.problems import DataError, printable
from vademecum.school_year import SchoolYearError
from vademecum.sites import ACADEMY_ENV, get_site, site_list
from vademecum_mkdocs.warnings import CollectedWarnings, french_warning


def _mkdocs_build(root: Path, academy: str, site_dir: Path) -> list[str]:
    """Build one académie into `site_dir`; returns the French lines explaining a failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ[ACADEMY_ENV] = academy
    with CollectedWarnings() as collected:
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            build(config)
        except Abort as error:
            return [*collected.lines(), french_warning(str(error))]
        except MkDocsException as error:
            return [*collected.lines(), printable(str(error))]
        except (OSError, UnicodeError) as error:
            return [*collected.lines(), french_warning(str(error))]
    return []


def _load(root: Path, academy: str) -> list[str]:
    """Load, validate and render the académie once (the hook then reuses it from the cache).

    Returns the French lines to print when the data or a guide is invalid, nothing otherwise.
    """
    problems = guide_problems(root)
    try:
        get_site(root, academy)
    except DataError as error:
        problems = [*problems, *error.problems]
    except SchoolYearError as error:
        return [str(error)]
    if problems:
        return [str(p) for p in problems] + [
            f"{academy} : {len(problems)} problème(s), rien n'a été écrit."
        ]
    return []


def _report_interrupted(site_dir: Path) -> int:
    print(f"construction interrompue : {site_dir} est resté tel qu'il était.", file=sys.stderr)
    return 130


def build_one(root: Path, academy: str, site_dir: Path) -> int:
    problems = _load(root, academy)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    try:
        with staged_output(root, site_dir) as stage:
            failure = _mkdocs_build(root, academy, stage)
            if failure:
                print(f"{academy} : échec de la construction :", file=sys.stderr)
                print("\n".join(f"  {line}" for line in failure), file=sys.stderr)
                print(f"Rien n'a été remplacé dans {site_dir}.", file=sys.stderr)
                raise _BuildFailed
    except _BuildFailed:
        return 1
    except OutputDirError as error:
        print(f"--site-dir : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return _report_interrupted(site_dir)
    print(f"{academy} : site construit dans {site_dir}")
    return 0


class _BuildFailed(Exception):
    """Raised inside the stage so that it is removed and the target left alone."""


def _build_into(args: tuple[str, str, str]) -> tuple[str, list[str]]:
    """One académie in a worker process: its data is loaded once, there."""
    root, academy, folder = args
    problems = _load(Path(root), academy)
    if problems:
        return academy, problems
    failure = _mkdocs_build(Path(root), academy, Path(folder))
    if failure:
        return academy, [f"{academy} : échec de la construction :", *(f"  {x}" for x in failure)]
    return academy, []


def build_all(root: Path, site_dir: Path, jobs: int = 2) -> int:
    sites = site_list(root)
    try:
        with staged_output(root, site_dir) as stage:
            work = [(str(root), site["id"], str(stage / site["id"])) for site in sites]
            with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
                results = list(pool.map(_build_into, work))
            failures = [line for _, lines in results for line in lines]
            if failures:
                print("\n".join(failures), file=sys.stderr)
                print("Aucun site n'a été remplacé.", file=sys.stderr)
                raise _BuildFailed
            (stage / "index.html").write_text(landing_page(sites), encoding="utf-8")
    except _BuildFailed:
        return 1
    except OutputDirError as error:
        print(f"--site-dir : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return _report_interrupted(site_dir)
    print(f"{len(sites)} site(s) construit(s) dans {site_dir}")
    return 0


logging.getLogger("mkdocs").setLevel(logging.WARNING)
