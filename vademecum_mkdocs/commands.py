"""`vademecum build` and `vademecum export`: the commands that produce a MkDocs site.

The engine's command line (vademecum/cli.py) parses the arguments and dispatches here through
its one declared door (`ADAPTER_COMMANDS`); the engine never imports this package.
"""

from __future__ import annotations

import argparse
import sys

from vademecum.checks.problems import DataError, Problem
from vademecum.data.school_year import SchoolYearError, chosen_school_year, parse_school_year
from vademecum.guides.loading import guide_problems
from vademecum.guides.sandbox import GuideError
from vademecum.output.output_dir import OutputDirError, resolve_target
from vademecum.site.sites import SiteSettings, load_site
from vademecum_mkdocs.build import build_all, build_one
from vademecum_mkdocs.export import GENERATORS, GeneratorMissing, export_site
from vademecum_mkdocs.zensical_build import build_with_zensical

MAX_JOBS = 16  # build processes; each holds a whole site in memory


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def build(args: argparse.Namespace) -> int:
    school_year = None
    if args.school_year is not None:
        try:
            school_year = parse_school_year(args.school_year).label
        except SchoolYearError as error:
            print(f"option --school-year : {error}", file=sys.stderr)
            return 2
    if not 1 <= args.jobs <= MAX_JOBS:
        print(f"option --jobs : un nombre de 1 à {MAX_JOBS} est attendu", file=sys.stderr)
        return 2
    site_dir = resolve_target(args.site_dir)
    if getattr(args, "generator", "mkdocs") == "zensical":
        return build_with_zensical(
            args.root, args.academy, site_dir, school_year, args.all, jobs=args.jobs
        )
    if args.all:
        return build_all(args.root, site_dir, jobs=args.jobs, school_year=school_year)
    return build_one(args.root, args.academy, site_dir, school_year)


def export(args: argparse.Namespace) -> int:
    try:
        year = chosen_school_year(args.school_year)
    except SchoolYearError as error:
        print(f"option --school-year : {error}", file=sys.stderr)
        return 2
    problems = guide_problems(args.root)
    _print_problems(problems)
    try:
        site = load_site(args.root, SiteSettings(academy=args.academy, school_year=year))
    except DataError as error:
        _print_problems(error.problems)
        problems = [*problems, *error.problems]
    if any(not p.warning for p in problems):
        print(
            f"{args.academy} : données ou guides invalides, rien n'a été exporté.", file=sys.stderr
        )
        return 1
    target = resolve_target(args.dir)
    generator = getattr(args, "generator", "mkdocs")
    try:
        count = export_site(args.root, site, target, generator)
    except GeneratorMissing as error:
        print(str(error), file=sys.stderr)
        return 2
    except OutputDirError as error:
        print(f"dossier d'export : {error}", file=sys.stderr)
        return 2
    except GuideError as error:
        print(f"{error}\nRien n'a été remplacé dans {target}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"export interrompu : {target} est resté tel qu'il était.", file=sys.stderr)
        return 130
    print(
        f"{args.academy} : {count} pages exportées dans {target} ; "
        f"construisez le site avec « {GENERATORS[generator][1]} » dans ce dossier."
    )
    return 0
