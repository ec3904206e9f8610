"""`factcheck ingest` and `factcheck extract`."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Any

import click
from dateutil import parser as dateparser

from factcheck.cli.context import AppContext
from factcheck.cli.output import echo_json, echo_table, json_option, shorten
from factcheck.errors import FactcheckError
from factcheck.extraction import ExtractedAttribution, Span
from factcheck.pipeline import IngestOutcome, ingest_paths, read_and_extract
from factcheck.reading import iter_paths

FORMAT = click.Choice(["auto", "text", "html", "json"])


class DateParam(click.ParamType):
    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            parsed = dateparser.parse(value)
        except (ValueError, OverflowError):
            self.fail(
                f"{value!r} is not a date (try 2024-11-08 or '8 November 2024 07:45')", param, ctx
            )
        if parsed is None:
            self.fail(f"{value!r} is not a date", param, ctx)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


report_options = [
    click.argument("paths", nargs=-1, required=True),
    click.option(
        "--format", "format_", type=FORMAT, default="auto", show_default=True, help="Input format."
    ),
    click.option("--outlet", help="Outlet that published the report(s)."),
    click.option("--url", help="URL of the report."),
    click.option("--published", type=DateParam(), help="Publication time, e.g. 2024-11-08T07:45Z."),
]


def with_report_options(func: Any) -> Any:
    for option in reversed(report_options):
        func = option(func)
    return func


def _stdin(paths: tuple[str, ...]) -> Any:
    return sys.stdin.buffer if "-" in paths else None


@click.command()
@with_report_options
@json_option
@click.pass_obj
def ingest(
    app: AppContext,
    paths: tuple[str, ...],
    format_: str,
    outlet: str | None,
    url: str | None,
    published: datetime | None,
    as_json: bool,
) -> None:
    """Read reports (files, folders, - for stdin), extract attributions, store and cross-reference.

    Each file is one transaction: a bad file is reported and leaves the
    database as it was; the other files still go in. Re-ingesting a file
    adds nothing.
    """
    engine = app.engine
    files = iter_paths(list(paths))
    errors: list[str] = []

    def report_error(outcome: IngestOutcome) -> None:
        if outcome.error:
            errors.append(outcome.error)

    options = dict(format=format_, outlet=outlet, url=url, published=published, stdin=_stdin(paths))
    show_bar = len(files) > 1 and sys.stderr.isatty() and not as_json
    if show_bar:
        with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr) as bar:

            def step(outcome: IngestOutcome) -> None:
                report_error(outcome)
                bar.update(1)

            summary = ingest_paths(files, engine=engine, on_done=step, **options)
    else:
        summary = ingest_paths(files, engine=engine, on_done=report_error, **options)

    totals = summary.totals()
    if as_json:
        echo_json(
            {
                **totals,
                "files_detail": [
                    {
                        "path": o.path,
                        "documents": o.result.documents if o.result else [],
                        "skipped": o.result.skipped if o.result else 0,
                        "attributions": o.result.attributions if o.result else 0,
                        "error": o.error,
                    }
                    for o in summary.outcomes
                ],
            }
        )
    elif totals["files"] > totals["failed"] or totals["files"] > 1:
        click.echo(
            f"Ingested {totals['files'] - totals['failed']} of {totals['files']} file(s): "
            f"{totals['documents']} new document(s), {totals['skipped']} already stored, "
            f"{totals['attributions']} attribution(s)."
        )
    if errors:
        for message in errors[:-1]:
            click.echo(f"Error: {message}", err=True)
        raise FactcheckError(errors[-1])


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"text": span.text, "start": span.start, "end": span.end}


def attribution_json(found: ExtractedAttribution) -> dict[str, Any]:
    """One attribution as in the `extract --json` contract (DESIGN.md §5)."""
    return {
        "speaker": _span(found.speaker),
        "speaker_name": found.speaker_name,
        "cue": _span(found.cue),
        "content": _span(found.content),
        "kind": found.kind,
        "hedged": found.hedged,
        "said_at": found.said_at.isoformat() if found.said_at else None,
        "chain": [{"source": hop.source, "role": hop.role} for hop in found.chain],
        "figures": [
            {
                "value": fig.value,
                "low": fig.low,
                "high": fig.high,
                "qualifier": fig.qualifier,
                "label": fig.label,
                "unit": fig.unit,
                "text": fig.text,
            }
            for fig in found.figures
        ],
    }


@click.command()
@with_report_options
@json_option
def extract(
    paths: tuple[str, ...],
    format_: str,
    outlet: str | None,
    url: str | None,
    published: datetime | None,
    as_json: bool,
) -> None:
    """Extract attributions and print them; nothing is stored.

    Offsets count characters from the start of each file's text as read
    (a live blog split into several documents still counts from the file's start).
    """
    out: list[dict[str, Any]] = []
    stdin = _stdin(paths)
    for path in iter_paths(list(paths)):
        report = read_and_extract(
            path,
            format=format_,
            outlet=outlet,
            url=url,
            published=published,
            stdin=stdin,
            absolute=True,
        )
        for draft, found in report.documents:
            out.append(
                {
                    "path": path,
                    "title": draft.title,
                    "outlet": draft.outlet,
                    "published": draft.published.isoformat() if draft.published else None,
                    "start": draft.start,
                    "text_length": len(draft.text),
                    "attributions": [attribution_json(a) for a in found],
                }
            )
    if as_json:
        echo_json({"documents": out})
        return
    for doc in out:
        click.echo(
            f"\n{doc['path']} @{doc['start']}: {doc['title'] or '(untitled)'} — {doc['outlet'] or ''}"
        )
        echo_table(
            [
                (
                    (a["speaker"] or {}).get("text", "—"),
                    (a["cue"] or {}).get("text", ""),
                    a["kind"] + (" (hedged)" if a["hedged"] else ""),
                    shorten(a["content"]["text"], 60),
                )
                for a in doc["attributions"]
            ],
            ["speaker", "cue", "kind", "content"],
            empty="(no attributions)",
        )
