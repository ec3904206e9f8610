"""The `factcheck` command line: parses options, calls the library, formats output."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

import click
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from factcheck.cli.context import AppContext
from factcheck.errors import FactcheckError, UsageProblem

# command name -> "module:attribute"; imported only when used so `--help` stays fast
COMMANDS = {
    "init": "factcheck.cli.admin:init",
    "ingest": "factcheck.cli.ingest:ingest",
    "extract": "factcheck.cli.ingest:extract",
    "import": "factcheck.cli.ledger:import_",
    "export": "factcheck.cli.ledger:export",
    "sources": "factcheck.cli.sources:sources",
    "disputes": "factcheck.cli.sources:disputes",
    "claims": "factcheck.cli.claims:claims",
    "trace": "factcheck.cli.claims:trace",
    "xref": "factcheck.cli.claims:xref",
    "report": "factcheck.cli.report:report",
    "review": "factcheck.cli.review:review",
}


def _debug() -> bool:
    return os.environ.get("FACTCHECK_DEBUG") == "1"


class FactcheckGroup(click.Group):
    """Lazy subcommands, and domain errors turned into one-line CLI errors."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = __import__(module_name, fromlist=[attr])
        command: click.Command = getattr(module, attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except UsageProblem as exc:
            if _debug():
                raise
            raise click.UsageError(str(exc), ctx) from exc
        except FactcheckError as exc:
            if _debug():
                raise
            raise click.ClickException(str(exc)) from exc
        except OperationalError as exc:
            if _debug():
                raise
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise click.ClickException(f"database error: {reason}") from exc
        except SQLAlchemyError as exc:
            if _debug():
                raise
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise click.ClickException(f"database error: {reason}") from exc
        except (OSError, UnicodeError, ValueError) as exc:
            if _debug():
                raise
            raise click.ClickException(str(exc).splitlines()[0] if str(exc) else repr(exc)) from exc


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="FACTCHECK_DB",
    default="factcheck.db",
    show_default=True,
    help="Database URL or SQLite file (env FACTCHECK_DB).",
)
@click.option(
    "--user",
    envvar="FACTCHECK_USER",
    default=_default_user,
    help="Who is acting, for the review workflow (env FACTCHECK_USER; default: login name).",
)
@click.version_option(package_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, db: str, user: str) -> None:
    """Track where claims in the news come from.

    Ingest reports, extract attributed claims, cross-reference them and
    trace every figure back to its origin.
    """
    ctx.obj = AppContext(db=db, user=user)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("Error: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: stop quietly, as other Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug: still one line unless debugging
        if _debug():
            raise
        click.echo(
            f"Error: internal error ({type(exc).__name__}: {exc}); rerun with FACTCHECK_DEBUG=1",
            err=True,
        )
        sys.exit(1)
