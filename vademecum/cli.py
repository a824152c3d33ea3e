"""Command line: `vademecum check|build|export|list|schema|new-academy` (messages in French)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

from vademecum.checks.problems import Problem, printable
from vademecum.data.cascade import academy_ids, load_catalog
from vademecum.data.kinds import REGISTRY
from vademecum.data.school_year import school_year_of
from vademecum.guides.check import rendered_guide_problems
from vademecum.guides.loading import guide_problems


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
    catalogs = {}
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
        catalogs[academy] = catalog
        counts = catalog.counts()
        detail = ", ".join(
            f"{counts[k]} {kind.plural}" for k, kind in REGISTRY.items() if counts.get(k)
        )
        summaries.append(f"{academy} : {detail}")
    broken = {p.file for p in guides}  # said once already, by the syntax check
    rendered = [
        p
        for p in rendered_guide_problems(root, catalogs, school_year_of(today))
        if p.file not in broken
    ]
    _print_problems(rendered, args.github)
    seen.update(rendered)
    failed = failed or bool(rendered)
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
    from vademecum.site.sites import site_list

    sites = site_list(args.root)
    if args.json:
        print(json.dumps(sites, ensure_ascii=False))
    else:
        for site in sites:
            print(f"{site['id']}\t{site['name']}\t{site['region_name'] or '—'}")
    return 0


# `build` and `export` produce a MkDocs site: they live in the adapter (vademecum_mkdocs/
# commands.py). This is the engine's one door to it, imported only when such a command runs
# (tests/unit/test_engine_isolation.py allows no other import of the adapter).
ADAPTER_COMMANDS = "vademecum_mkdocs.commands"
# The generators `build` and `export` work with (Zensical builds the export: an optional extra).
GENERATOR_NAMES = ("mkdocs", "zensical")


def adapter_command(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        command: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(ADAPTER_COMMANDS), name
        )
        return command(args)

    return run


def cmd_schema(args: argparse.Namespace) -> int:
    from vademecum.editors.schema import SCHEMA_DIR, outdated, rendered, write_schemas

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
    from vademecum.editors.cms_fields import CMS_FIELDS_FILE, is_stale, write

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
    from vademecum.editors.scaffold import ScaffoldError, new_academy

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
    build.add_argument(
        "--generator",
        choices=GENERATOR_NAMES,
        default="mkdocs",
        help="générateur : mkdocs (par défaut) ou zensical (l'export construit par Zensical)",
    )
    build.set_defaults(func=adapter_command("build"))

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
    export.add_argument(
        "--generator",
        choices=GENERATOR_NAMES,
        default="mkdocs",
        help="générateur qui construira l'export (la CSP des pages autorise ses scripts)",
    )
    export.set_defaults(func=adapter_command("export"))

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
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        print("interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
