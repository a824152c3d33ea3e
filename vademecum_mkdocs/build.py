"""`vademecum build`: strict MkDocs builds into a staged folder, swapped in only on success.

The command's options reach the `vademecum` plugin as its configuration. A failed or interrupted
build leaves the previous site folder exactly as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from vademecum.output.output_dir import OutputDirError, close_inherited_locks, mark, staged_output
from vademecum.site.landing import landing_page
from vademecum.site.sites import site_list, unknown_address_warning
from vademecum_mkdocs.warnings import CollectedWarnings, french_lines, french_warning


def address_warning(root: Path) -> str | None:
    """The French warning printed when the deployment's address is unknown (mkdocs.yml's
    `vademecum` plugin option `site_url`, by default VADEMECUM_SITE_URL)."""
    from mkdocs.config import load_config

    try:
        plugin = load_config(str(root / "mkdocs.yml")).plugins.get("vademecum")
    except Exception:  # the build itself reports a broken configuration
        return None
    if plugin is None:
        return None
    return unknown_address_warning(plugin.config["site_url"])


def _mkdocs_build(
    root: Path,
    academy: str | None,
    site_dir: Path,
    school_year: str | None,
    warn_address: bool = False,
) -> tuple[str, list[str]]:
    """Build one académie into `site_dir`, the plugin's options set from the arguments;
    `warn_address` prints the warning of an unknown public address from the configuration
    loaded here (loading it a second time for the warning alone cost a few percent of a build).

    Returns the académie built (the configured one when `academy` is None) and the French
    lines explaining a failure (none on success).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    shown = academy or "?"
    with CollectedWarnings() as collected:
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            plugin = config.plugins.get("vademecum")
            if plugin is None:
                return shown, ["mkdocs.yml ne déclare pas le plugin « vademecum » (plugins:)"]
            if academy:
                plugin.config["academy"] = academy
            if school_year:
                plugin.config["school_year"] = school_year
            shown = plugin.config["academy"]
            warning = unknown_address_warning(plugin.config["site_url"]) if warn_address else None
            if warning:
                print(warning, file=sys.stderr)
            build(config)
        except Abort as error:
            return shown, [*collected.lines(), french_warning(str(error))]
        except MkDocsException as error:
            return shown, [*collected.lines(), *french_lines(str(error))]
        except (OSError, UnicodeError) as error:
            return shown, [*collected.lines(), french_warning(str(error))]
        except SystemExit:  # mkdocs-macros' on_error_fail: the guide's error is logged above
            return shown, [
                *collected.lines(),
                "la construction s'est arrêtée sur l'erreur ci-dessus",
            ]
    return shown, []


class _BuildFailed(Exception):
    """Raised inside the stage so that it is removed and the target left alone."""


def _report_interrupted(site_dir: Path) -> int:
    print(f"construction interrompue : {site_dir} est resté tel qu'il était.", file=sys.stderr)
    return 130


def _warn_unknown_address(root: Path) -> None:
    warning = address_warning(root)
    if warning:
        print(warning, file=sys.stderr)


def build_one(
    root: Path, academy: str | None, site_dir: Path, school_year: str | None = None
) -> int:
    try:
        with staged_output(root, site_dir) as stage:
            academy, failure = _mkdocs_build(root, academy, stage, school_year, warn_address=True)
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


def _build_into(args: tuple[str, str, str, str | None]) -> list[str]:
    """One académie in a worker process: its data is loaded once, there."""
    root, academy, folder, school_year = args
    _, failure = _mkdocs_build(Path(root), academy, Path(folder), school_year)
    if failure:
        return [f"{academy} : échec de la construction :", *(f"  {line}" for line in failure)]
    return []


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a worker never outlives the build that started it, nor holds its lock.

    A forked worker shares the build's lock on the target: it lets go of it at once, and the
    kernel kills the worker when the build dies (Linux), so that a `kill -9` of `build --all`
    neither blocks the next build nor leaves workers writing into a stage the next one removes.
    """
    close_inherited_locks()
    if sys.platform != "linux":  # spawned workers: they stop at their next task
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the build died before the line above ran
        os._exit(1)


def _workers(jobs: int) -> ProcessPoolExecutor:
    """Forked on Linux (named: Python 3.14 starts them from a server process by default, whose
    death would not reach them), as each platform does by default elsewhere."""
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def build_all(root: Path, site_dir: Path, jobs: int = 2, school_year: str | None = None) -> int:
    _warn_unknown_address(root)
    sites = site_list(root)
    try:
        with staged_output(root, site_dir) as stage:
            ids = [str(s["id"]) for s in sites]  # an academy always has an id
            work = [(str(root), site_id, str(stage / site_id), school_year) for site_id in ids]
            with _workers(jobs) as pool:
                results = list(pool.map(_build_into, work))
            failures = [line for lines in results for line in lines]
            if failures:
                print("\n".join(failures), file=sys.stderr)
                print("Aucun site n'a été remplacé.", file=sys.stderr)
                raise _BuildFailed
            for site_id in ids:  # each may later be rebuilt alone (`--site-dir site/<id>`)
                mark(stage / site_id)
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
