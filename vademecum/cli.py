"""Command line: `vademecum check|build|export|list|schema|new-academy` (messages in French)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from vademecum.cascade import academy_ids, load_catalog
from vademecum.guides import guide_problems
from vademecum.kinds import REGISTRY
from vademecum.problems import Problem, printable

MAX_JOBS = 16  # build processes; each holds a whole site in memory


def _print_problems(problems: list[Problem], github: bool) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)
        if github:
            print(problem.github_annotation())


def cmd_check(args: argparse.Namespace) -> int:
    root: Path = args.root
    ids = academy_ids(root) if args.academy is None else [args.academy]
    if not ids:
        print("aucune académie : le dossier data/academies/ est absent ou vide", file=sys.stderr)
        return 1
    today = args.today or dt.date.today()
    failed = False
    summaries = []
    guides = guide_problems(root)
    _print_problems(guides, args.github)
    failed = any(not p.warning for p in guides)
    seen: set[Problem] = set(guides)
    for academy in ids:
        catalog, problems = load_catalog(root, academy, today)
        # One « (suite) » line per unreadable file, even when several académies read it.
        counted = {p.file for p in seen if p.field == "(suite)"}
        fresh = [
            p
            for p in problems
            if p not in seen and not (p.field == "(suite)" and p.file in counted)
        ]
        seen.update(problems)
        _print_problems(fresh, args.github)
        if catalog is None:
            failed = True
            continue
        counts = catalog.counts()
        detail = ", ".join(
            f"{counts[k]} {kind.plural}" for k, kind in REGISTRY.items() if counts.get(k)
        )
        summaries.append(f"{academy} : {detail}")
    errors = sum(1 for p in seen if not p.warning)
    warnings = len(seen) - errors
    if failed or (args.strict and warnings):
        print(f"{errors} problème(s) et {warnings} avertissement(s) trouvé(s).", file=sys.stderr)
        return 1
    for line in summaries:
        print(f"OK {line}")
    if warnings:
        print(
            f"{warnings} avertissement(s) (--strict les traite comme des erreurs).", file=sys.stderr
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from vademecum.sites import site_list

    sites = site_list(args.root)
    if args.json:
        print(json.dumps(sites, ensure_ascii=False))
    else:
        for site in sites:
            print(f"{site['id']}\t{site['name']}\t{site['region_name'] or '—'}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from vademecum.output_dir import resolve_target
    from vademecum.school_year import SchoolYearError, parse_school_year
    from vademecum_mkdocs.build import build_all, build_one

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
    if args.all:
        return build_all(args.root, site_dir, jobs=args.jobs, school_year=school_year)
    return build_one(args.root, args.academy, site_dir, school_year)


def cmd_export(args: argparse.Namespace) -> int:
    from vademecum.export import export_site
    from vademecum.guide_sandbox import GuideError
    from vademecum.output_dir import OutputDirError, resolve_target
    from vademecum.problems import DataError
    from vademecum.school_year import SchoolYearError, chosen_school_year
    from vademecum.sites import SiteSettings, load_site

    try:
        year = chosen_school_year(args.school_year)
    except SchoolYearError as error:
        print(f"option --school-year : {error}", file=sys.stderr)
        return 2
    problems = guide_problems(args.root)
    _print_problems(problems, False)
    try:
        site = load_site(args.root, SiteSettings(academy=args.academy, school_year=year))
    except DataError as error:
        _print_problems(error.problems, False)
        problems = [*problems, *error.problems]
    if any(not p.warning for p in problems):
        print(
            f"{args.academy} : données ou guides invalides, rien n'a été exporté.", file=sys.stderr
        )
        return 1
    target = resolve_target(args.dir)
    try:
        count = export_site(args.root, site, target)
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
        f"construisez le site avec « mkdocs build » dans ce dossier."
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from vademecum.schema import SCHEMA_DIR, outdated, rendered, write_schemas

    if args.check:
        stale = outdated(args.root)
        if stale:
            print(
                "Schémas JSON périmés : lancez « vademecum schema » pour les régénérer, "
                "puis ajoutez-les à votre modification.",
                file=sys.stderr,
            )
            for name in stale:
                print(f"  {name}", file=sys.stderr)
            return 1
        print(f"Schémas JSON à jour ({len(rendered())} fichiers dans {SCHEMA_DIR}/).")
        return 0
    changed = write_schemas(args.root)
    for name in changed:
        print(f"écrit : {name}")
    print(f"Schémas JSON à jour ({len(rendered())} fichiers dans {SCHEMA_DIR}/).")
    return 0


def cmd_cms(args: argparse.Namespace) -> int:
    from vademecum.cms_fields import CMS_FIELDS_FILE, is_stale, write

    if args.check:
        if is_stale(args.root):
            print(
                f"Formulaires de l'éditeur en ligne périmés ({CMS_FIELDS_FILE}) : lancez "
                "« vademecum cms » pour les régénérer, puis ajoutez le fichier à votre modification.",
                file=sys.stderr,
            )
            return 1
        print(f"Formulaires de l'éditeur en ligne à jour ({CMS_FIELDS_FILE}).")
        return 0
    if write(args.root):
        print(f"écrit : {CMS_FIELDS_FILE}")
    print(f"Formulaires de l'éditeur en ligne à jour ({CMS_FIELDS_FILE}).")
    return 0


def cmd_new_academy(args: argparse.Namespace) -> int:
    from vademecum.scaffold import ScaffoldError, new_academy

    try:
        written = new_academy(
            args.root, args.id, args.region, name=args.name, region_name=args.region_name
        )
    except ScaffoldError as error:
        print(str(error), file=sys.stderr)
        return 2
    for path in written:
        print(f"créé : {path}")
    print(
        f"Académie « {args.id} » créée. Complétez academy.yml, puis vérifiez avec "
        f"« vademecum check --academy {args.id} » et prévisualisez avec "
        f"« make serve ACADEMY={args.id} »."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vademecum",
        description="Vademecum du pilotage numérique : vérifier les données et construire les sites.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="dossier du projet (contient data/ et mkdocs.yml ; par défaut le dossier courant)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="commande")

    check = commands.add_parser(
        "check", help="vérifier les données (toutes les académies par défaut)"
    )
    check.add_argument("--academy", help="identifiant de l'académie (ex. versailles)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="les avertissements (vérifications anciennes) font échouer",
    )
    check.add_argument(
        "--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS
    )  # tests: the date freshness is measured against
    check.add_argument(
        "--github", action="store_true", help="annotations GitHub (::error file=…,line=…::)"
    )
    check.set_defaults(func=cmd_check)

    listing = commands.add_parser("list", help="lister les académies")
    listing.add_argument("--json", action="store_true", help="sortie JSON (pour la CI)")
    listing.set_defaults(func=cmd_list)

    build = commands.add_parser("build", help="construire le site d'une académie, ou de toutes")
    target = build.add_mutually_exclusive_group()
    target.add_argument("--academy", help="identifiant de l'académie")
    target.add_argument("--all", action="store_true", help="toutes les académies")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="dossier de sortie")
    build.add_argument("--jobs", type=int, default=2, help="processus en parallèle (avec --all)")
    build.add_argument(
        "--school-year",
        metavar="AAAA-AAAA",
        help="année scolaire des calendriers .ics (ex. 2026-2027 ; par défaut celle de la date "
        "du jour, l'année changeant le 1er août, ou la variable VADEMECUM_SCHOOL_YEAR)",
    )
    build.set_defaults(func=cmd_build)

    export = commands.add_parser(
        "export",
        help="exporter le site d'une académie en Markdown, avec un mkdocs.yml sans greffon du vademecum",
    )
    export.add_argument("--academy", required=True, help="identifiant de l'académie")
    export.add_argument(
        "dir", type=Path, metavar="DOSSIER", help="dossier de l'export (vide ou export précédent)"
    )
    export.add_argument(
        "--school-year",
        metavar="AAAA-AAAA",
        help="année scolaire des calendriers .ics (par défaut celle de la date du jour)",
    )
    export.set_defaults(func=cmd_export)

    schema = commands.add_parser(
        "schema", help="écrire les schémas JSON des fichiers de données dans schema/"
    )
    schema.add_argument(
        "--check", action="store_true", help="vérifier seulement que schema/ est à jour"
    )
    schema.set_defaults(func=cmd_schema)

    cms = commands.add_parser(
        "cms", help="écrire les formulaires de l'éditeur en ligne (/admin/) dans schema/cms.yml"
    )
    cms.add_argument(
        "--check", action="store_true", help="vérifier seulement que schema/cms.yml est à jour"
    )
    cms.set_defaults(func=cmd_cms)

    new = commands.add_parser(
        "new-academy", help="créer les fichiers d'une nouvelle académie (et de sa région)"
    )
    new.add_argument("id", help="identifiant de l'académie (ex. nancy-metz)")
    new.add_argument("--region", required=True, help="identifiant de la région académique")
    new.add_argument("--name", help="nom affiché (par défaut « Académie de … »)")
    new.add_argument(
        "--region-name", help="nom de la région académique, si elle n'existe pas encore"
    )
    new.set_defaults(func=cmd_new_academy)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = args.root.resolve()
    if not (args.root / "data").is_dir():
        print(f"dossier data/ introuvable dans {args.root} (option --root)", file=sys.stderr)
        return 2
    academy = getattr(args, "academy", None)
    if academy is not None and academy not in academy_ids(args.root):
        known = ", ".join(academy_ids(args.root)) or "aucune"
        print(
            f"--academy : académie inconnue « {printable(academy)} » ; académies disponibles : {known}",
            file=sys.stderr,
        )
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
