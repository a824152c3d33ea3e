"""`vademecum build --generator zensical`: the export, built by Zensical, swapped in on success.

Zensical runs neither hooks nor third-party plugins: the site is the export of `vademecum export`
(its pages, files, assets, theme override and mkdocs.yml), built with `zensical build --strict`
in a scratch folder, then copied into the staged output folder (vademecum/output/output_dir.py), which
replaces the previous site only when every académie built. A failure leaves it as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from vademecum.checks.problems import DataError
from vademecum.data.school_year import SchoolYearError, chosen_school_year
from vademecum.guides.loading import guide_problems
from vademecum.guides.sandbox import GuideError
from vademecum.output.output_dir import OutputDirError, staged_output
from vademecum.site.landing import landing_page
from vademecum.site.sites import (
    DEFAULT_ACADEMY,
    SiteSettings,
    load_site,
    site_list,
    unknown_address_warning,
)
from vademecum_mkdocs.export import CONFIG, GeneratorMissing, export_site, theme_templates

GENERATOR = "zensical"
SITE = "site"


class _BuildFailed(Exception):
    """Raised inside the stage so that it is removed and the target left alone."""


def _settings(academy: str, school_year: str | None) -> SiteSettings:
    """The settings mkdocs.yml gives the plugin, from the same environment variables."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return SiteSettings(
        academy=academy,
        school_year=chosen_school_year(school_year or os.environ.get("VADEMECUM_SCHOOL_YEAR")),
        base_url=os.environ.get("VADEMECUM_SITE_URL") or None,
        edit_url=os.environ.get("VADEMECUM_EDIT_URL") or None,
        source_date_epoch=int(epoch) if epoch.isdigit() else None,
    )


def zensical_build(root: Path, academy: str, into: Path, school_year: str | None) -> list[str]:
    """Build one académie with Zensical into the (empty) folder `into`; the French lines
    explaining a failure, none on success."""
    problems = list(guide_problems(root))
    try:
        site = load_site(root, _settings(academy, school_year))
    except DataError as error:
        problems += error.problems
    except SchoolYearError as error:
        return [f"année scolaire : {error}"]
    errors = [str(p) for p in problems if not p.warning]
    if errors:
        return errors
    with tempfile.TemporaryDirectory(prefix="vademecum-zensical-") as scratch:
        export = Path(scratch) / "export"
        try:
            export_site(root, site, export, GENERATOR)
        except (GuideError, OutputDirError, GeneratorMissing) as error:
            return [str(error)]
        built = export / SITE  # Zensical writes only inside the folder of its configuration
        config = export / CONFIG
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["site_dir"] = SITE
        config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)],
            cwd=export,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not built.is_dir():
            return [
                *_readable(result.stdout + result.stderr),
                "zensical build s'est arrêté : en mode strict, un avertissement suffit "
                "(un chemin cité est relatif à content/ pour un guide)",
            ]
        shutil.copytree(built, into, dirs_exist_ok=True)
    return []


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _readable(output: str) -> list[str]:
    """Zensical's report without its colours and without the Python traceback of its abort."""
    lines, in_traceback = [], False
    for line in _ANSI.sub("", output).splitlines():
        if line.startswith("Traceback "):
            in_traceback = True
        elif in_traceback and line and not line.startswith(" "):
            in_traceback = False  # the exception's own line: said in French by the caller
            continue
        if not in_traceback and line.strip() and line.strip() != "Build started":
            lines.append(line.rstrip())
    return lines


def _report(academy: str, failure: list[str]) -> None:
    print(f"{academy} : échec de la construction avec Zensical :", file=sys.stderr)
    print("\n".join(f"  {line}" for line in failure), file=sys.stderr)


def build_with_zensical(
    root: Path,
    academy: str | None,
    site_dir: Path,
    school_year: str | None,
    every: bool,
    jobs: int = 2,
) -> int:
    """`vademecum build --generator zensical` for one académie or all of them (`every`), in
    `jobs` processes."""
    try:
        theme_templates(GENERATOR)
    except GeneratorMissing as error:
        print(str(error), file=sys.stderr)
        return 2
    warning = unknown_address_warning(os.environ.get("VADEMECUM_SITE_URL"))
    if warning:
        print(warning, file=sys.stderr)
    sites = site_list(root) if every else []
    chosen = academy or os.environ.get("VADEMECUM_ACADEMY") or DEFAULT_ACADEMY  # as mkdocs.yml
    ids = [str(s["id"]) for s in sites] if every else [chosen]
    try:
        with staged_output(root, site_dir) as stage:
            folders = [stage / one if every else stage for one in ids]
            with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(ids)))) as pool:
                years = [school_year] * len(ids)
                failures = list(pool.map(zensical_build, [root] * len(ids), ids, folders, years))
            for one, failure in zip(ids, failures, strict=True):
                if failure:
                    _report(one, failure)
            if any(failures):
                print(f"Rien n'a été remplacé dans {site_dir}.", file=sys.stderr)
                raise _BuildFailed
            if every:
                (stage / "index.html").write_text(landing_page(sites), encoding="utf-8")
    except _BuildFailed:
        return 1
    except OutputDirError as error:
        print(f"--site-dir : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"construction interrompue : {site_dir} est resté tel qu'il était.", file=sys.stderr)
        return 130
    if every:
        print(f"{len(ids)} site(s) construit(s) avec Zensical dans {site_dir}")
    else:
        print(f"{ids[0]} : site construit avec Zensical dans {site_dir}")
    return 0
