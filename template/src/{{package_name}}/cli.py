"""Command line: serve | migrate | create-admin | openapi.

Configuration errors end with one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from .core.config import Settings, get_settings
from .core.database_url import parse_database_url, redact
from .core.exceptions import EmailTakenError
from .db.engine import check_connection
from .schemas.users import UserCreate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=__package__, description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the HTTP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--reload", action="store_true", help="restart on code changes (dev)")
    commands.add_parser("migrate", help="apply database migrations")
    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", help="default: prompt, or one line of standard input")
    spec = commands.add_parser("openapi", help="write the OpenAPI document")
    spec.add_argument("--output", type=Path, help="file to write (default: standard output)")
    spec.add_argument("--format", choices=["json", "markdown"], default="json")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"error: invalid configuration: {problems}", file=sys.stderr)
        return 2
    handler = {
        "serve": _serve,
        "migrate": _migrate,
        "create-admin": _create_admin,
        "openapi": _openapi,
    }[args.command]
    try:
        return handler(settings, args)
    except (OSError, SQLAlchemyError) as exc:
        url = redact(parse_database_url(settings.database_url))
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        print(f"error: cannot use the database at {url}: {reason}", file=sys.stderr)
        return 1


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from .core.logging import configure_logging
    from .server import serve

    configure_logging(settings)
    asyncio.run(check_connection(settings))  # fail here, in one line, not on the first request
    serve(settings, host=args.host, port=args.port, workers=args.workers, reload=args.reload)
    return 0


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from .db import migrations

    migrations.upgrade(settings)
    print("database is up to date")
    return 0


def _create_admin(settings: Settings, args: argparse.Namespace) -> int:
    from .bootstrap import build_container

    try:
        data = UserCreate(email=args.email, password=_password(args.password))
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2

    async def create() -> int:
        container = build_container(settings)
        try:
            user = await container.auth.register(data, role="admin")
        except EmailTakenError:
            print(f"error: {data.email} already has an account", file=sys.stderr)
            return 1
        finally:
            await container.close()
        print(f"admin {user.email} created (id {user.id})")
        return 0

    return asyncio.run(create())


def _password(given: str | None) -> str:
    """Prompt or read stdin when not given: an argument is visible to every `ps` on the host."""
    if given is not None:
        return given
    if sys.stdin.isatty():
        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\r\n")


def _openapi(settings: Settings, args: argparse.Namespace) -> int:
    from .main import openapi_document
    from .openapi_markdown import render

    spec = openapi_document(settings.with_docs())
    text = render(spec) if args.format == "markdown" else json.dumps(spec, indent=2) + "\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
    else:
        sys.stdout.write(text)
    return 0
