"""The `dashboard` command: migrate, load demo data, import files, serve.

dashboard migrate              create or upgrade the schema (Alembic)
dashboard demo [--if-empty]    load the fictional "Demo kommune"
dashboard import PATH [PATH …] [--dry-run]
dashboard serve [-- GUNICORN_ARG …]   nginx on HOST:PORT in front of gunicorn (make run/serve)
dashboard user add NAME --role viewer|editor|admin [--password-stdin]
dashboard user list | disable NAME | enable NAME | password NAME [--password-stdin]
dashboard user role NAME viewer|editor|admin
dashboard statistics import FILE [FILE …] [--dry-run] [--source S] [--table T] [--series ID]
dashboard statistics fetch SERIES --regions R,… --periods P,… [--region-dimension D] [--dry-run]
dashboard statistics list
dashboard statistics show SERIES [--region R] [--period P] [--format table|csv]

Log lines go to standard error as JSON (dashboard/logs.py; standard output is the command's
own); the audit trail also to the database (dashboard/audit.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from dashboard import logs, settings


def _cmd_migrate(_args: argparse.Namespace) -> int:
    from dashboard import migrate

    migrate.upgrade()
    print("Database is at the newest schema.")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from dashboard.db import get_engine
    from dashboard.ingest import demo

    engine = get_engine()
    if args.if_empty and not demo.database_is_empty(engine):
        print("Database already has data; demo data not loaded.")
        return 0
    try:
        demo.load_demo(engine)
    except ValueError as error:  # the demo organisation is there already
        print(f"Demo data not loaded: {error}", file=sys.stderr)
        return 1
    names = ", ".join(org.name for org, _ in demo.ORGANISATIONS)
    print(f"Demo data loaded ({names}).")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from dashboard.db import get_engine
    from dashboard.ingest import importer

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


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise SystemExit("The passwords differ; nothing was changed.")
    return first


def _cmd_user(args: argparse.Namespace) -> int:
    from dashboard import audit, users
    from dashboard.db import get_engine
    from dashboard.i18n import translate

    engine = get_engine()
    by = f"{audit.os_user()} (cli)"
    logs.bind(user=by)
    try:
        if args.action == "list":
            for user in users.list_users(engine):
                state = "disabled" if user.disabled else "active"
                created = f"{user.created_at:%Y-%m-%d %H:%M}" if user.created_at else "-"
                print(f"{user.username:<30} {user.role.value:<8} {state:<9} {created}")
            return 0
        if args.action == "add":
            user = users.add_user(engine, args.name, _read_password(args), args.role, by=by)
            print(f"User {user.username} added as {user.role.value}.")
        elif args.action == "password":
            user = users.set_password(engine, args.name, _read_password(args), by=by)
            print(f"New password set for {user.username}.")
        elif args.action == "role":
            user = users.set_role(engine, args.name, args.role, by=by)
            print(f"User {user.username} is now {user.role.value}.")
        else:
            disable = args.action == "disable"
            user = users.set_disabled(engine, args.name, disable, by=by)
            print(f"User {user.username} {'disabled' if disable else 'enabled'}.")
    except users.UserError as error:
        print(translate(error.key, "en", **error.params), file=sys.stderr)
        return 1
    return 0


def _cmd_statistics(args: argparse.Namespace) -> int:
    from dashboard.db import get_engine
    from dashboard.statistics import commands

    # The URL explicitly: get_engine() caches its engine under None for the whole process.
    engine = get_engine(settings.get_database_url())
    if args.action == "import":
        return commands.import_files(
            engine,
            args.paths,
            dry_run=args.dry_run,
            source=args.source,
            table=args.table,
            series=args.series,
        )
    if args.action == "fetch":
        return commands.fetch(
            engine,
            args.series,
            args.regions,
            args.periods,
            region_dimension=args.region_dimension,
            dry_run=args.dry_run,
        )
    if args.action == "list":
        return commands.list_all(engine)
    return commands.show(
        engine, args.series, regions=args.region, periods=args.period, fmt=args.format
    )


def _statistics_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "statistics", help="official statistics (SSB, Danmarks Statistik, Kolada): import, fetch"
    )
    actions = parser.add_subparsers(dest="action", required=True)
    imp = actions.add_parser(
        "import",
        help="import answers saved from the services (JSON-stat, CSV, Kolada, Klass), "
        "one transaction per file",
    )
    imp.add_argument("paths", nargs="+", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
    imp.add_argument("--source", choices=["ssb", "dst", "kolada"], help="when the file omits it")
    imp.add_argument("--table", help="the table id, when the file omits it (SSB v0 JSON-stat)")
    imp.add_argument(
        "--series", help="the series id of a statistics-bank CSV (source:table:content)"
    )
    fetch = actions.add_parser("fetch", help="ask the service for a series and store it")
    fetch.add_argument("series", metavar="SERIES", help="e.g. ssb:12134:KOSAG110000")
    fetch.add_argument(
        "--regions", action="append", help="region codes, comma-separated (3314,EKG07,EAK)"
    )
    fetch.add_argument(
        "--periods", action="append", required=True, help="periods: 2023,2024 or 2015-2024"
    )
    fetch.add_argument(
        "--region-dimension",
        help="the table's region variable (default: KOKkommuneregion0000 for KOSTRA contents, "
        "Region at SSB, OMRÅDE at Danmarks Statistik)",
    )
    fetch.add_argument("--dry-run", action="store_true", help="fetch and report, store nothing")
    actions.add_parser("list", help="every stored series with its values and periods")
    show = actions.add_parser("show", help="a series' stored values")
    show.add_argument("series", metavar="SERIES")
    show.add_argument("--region", action="append", help="region code(s), comma-separated")
    show.add_argument("--period", action="append", help="period(s), comma-separated")
    show.add_argument(
        "--format",
        choices=["table", "csv"],
        default="table",
        help="csv: region;period;value lines, the value as stored",
    )
    parser.set_defaults(func=_cmd_statistics)


def _cmd_serve(args: argparse.Namespace) -> int:
    from dashboard import serving

    return serving.serve(args.gunicorn_args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dashboard", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the schema").set_defaults(func=_cmd_migrate)
    serve_parser = sub.add_parser(
        "serve", help="nginx on HOST:PORT in front of gunicorn (make run, make serve)"
    )
    serve_parser.add_argument(
        "gunicorn_args", nargs="*", metavar="GUNICORN_ARG", help="passed on to gunicorn"
    )
    serve_parser.set_defaults(func=_cmd_serve)
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
    user_parser = sub.add_parser(
        "user", help="built-in users: add, list, disable, enable, password, role"
    )
    user_sub = user_parser.add_subparsers(dest="action", required=True)
    add = user_sub.add_parser("add", help="add a user (the password is asked for)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["viewer", "editor", "admin"])
    user_sub.add_parser("list", help="every user with role and state")
    for action in ("disable", "enable"):
        user_sub.add_parser(action, help=f"{action} a user").add_argument("name")
    role = user_sub.add_parser("role", help="give a user another role (ends their sessions)")
    role.add_argument("name")
    role.add_argument("role", choices=["viewer", "editor", "admin"])
    password = user_sub.add_parser("password", help="set a new password (also lifts a lock)")
    password.add_argument("name")
    for command in (add, password):
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input, not a prompt",
        )
    user_parser.set_defaults(func=_cmd_user)
    _statistics_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings.check_or_exit()
    logs.configure("stderr")  # standard output is the command's own (CSV, reports)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
