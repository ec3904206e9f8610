"""`factcheck import FILE` and `factcheck export FORMAT [-o FILE]`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from factcheck import db as dbmod
from factcheck.cli.context import AppContext
from factcheck.cli.output import echo_json, echo_table, json_option
from factcheck.ledger import FORMATS, import_ledger, write_jsonl

#: `export` subcommands defined in other modules: name -> "module:attribute", imported on use.
EXPORTERS: dict[str, str] = {
    "claimreview": "factcheck.cli.report:export_claimreview",
    "graphml": "factcheck.cli.report:export_graphml",
    "gexf": "factcheck.cli.report:export_gexf",
}


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`-o/--output FILE` for every export format; `-` (the default) is stdout."""
    return click.option(
        "-o",
        "--output",
        default="-",
        show_default=True,
        type=click.Path(dir_okay=False, allow_dash=True),
        help="File to write (written whole or not at all); - for stdout.",
    )(func)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help="Ledger format (default: from the file name: .yaml/.yml or .jsonl).",
)
@click.option("--dry-run", is_flag=True, help="Check the file against the database; write nothing.")
@json_option
@click.pass_obj
def import_(app: AppContext, file: str, format_: str | None, dry_run: bool, as_json: bool) -> None:
    """Import a curated ledger (YAML or JSONL) in one transaction.

    Sources are matched by name or alias, documents by content, outlet and
    title, so importing the same file twice adds nothing. Any invalid record
    stops the import with FILE:LINE and nothing is written.
    """
    with dbmod.session_scope(app.engine) as session:
        summary = import_ledger(file, session=session, format=format_)
        if dry_run:
            session.rollback()
    if as_json:
        echo_json({**summary.as_dict(), "dry_run": dry_run})
        return
    verb = "Checked" if dry_run else "Imported"
    added = sum(summary.added.values())
    present = sum(summary.present.values())
    click.echo(f"{verb} {file}: {added} records added, {present} already present.")
    echo_table(
        summary.rows(), ["record", "added", "already present"], empty="(the file holds no records)"
    )


class ExportGroup(click.Group):
    """Export formats; those listed in EXPORTERS are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *EXPORTERS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in EXPORTERS:
            module_name, attr = EXPORTERS[cmd_name].split(":")
            module = __import__(module_name, fromlist=[attr])
            command = getattr(module, attr)
        return command


@click.group(cls=ExportGroup)
def export() -> None:
    """Write the ledger or its verdicts in an interchange format."""


@export.command("jsonl")
@output_option
@click.pass_obj
def export_jsonl(app: AppContext, output: str) -> None:
    """The whole curated ledger as JSON lines (re-importable with `factcheck import`).

    One object per line with a "type" field, in a fixed order, so that
    exporting, importing into an empty database and exporting again gives
    the same bytes.
    """
    with (
        dbmod.session_scope(app.engine) as session,
        click.open_file(output, "w", encoding="utf-8", atomic=True) as out,
    ):
        count = write_jsonl(out, session=session)
    if output != "-":
        click.echo(f"Wrote {count} records to {output}.")


EXPORTERS.update(
    claimreview="factcheck.cli.report:export_claimreview",
    graphml="factcheck.cli.report:export_graphml",
    gexf="factcheck.cli.report:export_gexf",
)
