"""The `dashboard` command: migrate, load demo data, import files, serve.

dashboard migrate              create or upgrade the schema (Alembic)
dashboard demo [--if-empty]    load the fictional "Demo kommune"
dashboard import PATH [PATH …] [--dry-run]
dashboard serve                the development server on HOST:PORT
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_migrate(_args: argparse.Namespace) -> int:
    from dashboard import migrate

    migrate.upgrade()
    print("Database is at the newest schema.")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from dashboard import demo
    from dashboard.db import get_engine

    engine = get_engine()
    if args.if_empty and not demo.database_is_empty(engine):
        print("Database already has data; demo data not loaded.")
        return 0
    try:
        demo.load_demo(engine)
    except ValueError as error:  # the demo organisation is there already
        print(f"Demo data not loaded: {error}", file=sys.stderr)
        return 1
    print("Demo data loaded (Demo kommune).")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from dashboard import importer
    from dashboard.db import get_engine

    engine = get_engine()
    exit_code = 0
    for path in args.paths:
        report = importer.import_file(
            Path(path), engine, dry_run=args.dry_run, progress=importer.print_progress
        )
        print(report.describe())
        if not report.ok:
            exit_code = 1
    return exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dashboard", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the schema").set_defaults(func=_cmd_migrate)
    demo_parser = sub.add_parser("demo", help="load the demo data")
    demo_parser.add_argument(
        "--if-empty", action="store_true", help="only when the database has no organisation yet"
    )
    demo_parser.set_defaults(func=_cmd_demo)
    import_parser = sub.add_parser(
        "import", help="import .xlsx or .csv files (one transaction each)"
    )
    import_parser.add_argument("paths", nargs="+", metavar="PATH")
    import_parser.add_argument(
        "--dry-run", action="store_true", help="check and report, change nothing"
    )
    import_parser.set_defaults(func=_cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
