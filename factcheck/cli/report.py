"""`factcheck report claim|document|corpus` and `factcheck export claimreview|graphml|gexf`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from factcheck import db as dbmod
from factcheck.cli.context import AppContext
from factcheck.reports import FORMATS, render


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-o",
        "--output",
        default="-",
        show_default=True,
        type=click.Path(dir_okay=False, allow_dash=True),
        help="File to write (written whole or not at all); - for stdout.",
    )(func)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, md for GitHub, html for a browser (one self-contained file), json.",
)


def _write(text: str, output: str, what: str) -> None:
    with click.open_file(output, "w", encoding="utf-8", atomic=True) as out:
        out.write(text)
    if output != "-":
        click.echo(f"Wrote {what} to {output}.")


@click.group()
def report() -> None:
    """Attribution reports for a claim, a document or the whole corpus.

    Each comes as text (a terminal), md (GitHub), html (one self-contained page with
    diagrams) or json (the same content as data).
    """


@report.command("claim")
@click.argument("claim_id", type=int)
@format_option
@output_option
@click.pass_obj
def report_claim(app: AppContext, claim_id: int, fmt: str, output: str) -> None:
    """One claim: figures, provenance, every attribution in context, links, review.

    Shows where the claim comes from (origins with side, partisan and anonymous),
    how many independent origins stand behind it, which claims corroborate or
    contradict it and why, and its review status and history.
    """
    from factcheck.reports.claim import build_claim_report

    with dbmod.session_scope(app.engine) as session:
        data = build_claim_report(claim_id, session=session)
    _write(render(data, fmt), output, f"the report on claim {claim_id}")


@report.command("document")
@click.argument("document_id", type=int)
@format_option
@output_option
@click.pass_obj
def report_document(app: AppContext, document_id: int, fmt: str, output: str) -> None:
    """One document: its statements in reading order and how they are sourced.

    Includes the sourcing mix (named, partisan, anonymous, unattributed, hedged),
    statements relayed through other outlets, and which of its figures rest on a
    single origin across the corpus.
    """
    from factcheck.reports.document import build_document_report

    with dbmod.session_scope(app.engine) as session:
        data = build_document_report(document_id, session=session)
    _write(render(data, fmt), output, f"the report on document {document_id}")


@report.command("corpus")
@format_option
@output_option
@click.option(
    "--limit", type=click.IntRange(1), default=20, show_default=True, help="Claims per list."
)
@click.pass_obj
def report_corpus(app: AppContext, fmt: str, output: str, limit: int) -> None:
    """The whole ledger: headline numbers, sourcing by outlet and the riskiest claims.

    Lists figures resting on a single partisan source, contradictions, and the
    most repeated claims against the independent origins really behind them.
    """
    from factcheck.reports.corpus import build_corpus_report

    with dbmod.session_scope(app.engine) as session:
        data = build_corpus_report(session=session, limit=limit)
    _write(render(data, fmt), output, "the corpus report")


# --- export subcommands (registered in factcheck.cli.ledger.EXPORTERS) ---------------


@click.command("claimreview")
@output_option
@click.option(
    "--org",
    envvar="FACTCHECK_ORG",
    default="factcheck",
    show_default=True,
    help="Name of the fact-checking organisation, the reviews' author (env FACTCHECK_ORG).",
)
@click.option(
    "--base-url",
    envvar="FACTCHECK_BASE_URL",
    default=None,
    help="Where reviews are published; each review's url is this plus the claim id "
    "(env FACTCHECK_BASE_URL).",
)
@click.pass_obj
def export_claimreview(app: AppContext, output: str, org: str, base_url: str | None) -> None:
    """Verdicts as schema.org ClaimReview JSON-LD (a JSON array, one review per claim)."""
    from factcheck.export.claimreview import claim_reviews

    if base_url is not None and not base_url.lower().startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--base-url")
    with dbmod.session_scope(app.engine) as session:
        reviews = claim_reviews(session=session, org=org, base_url=base_url)
    if base_url is None and reviews:
        click.echo("Warning: no --base-url given, so the reviews have no url.", err=True)
    _write(
        json.dumps(reviews, indent=2, ensure_ascii=False) + "\n",
        output,
        f"{len(reviews)} ClaimReviews",
    )


def _export_graph(app: AppContext, output: str, fmt: str) -> None:
    from factcheck.export.graphml import claim_graph, write_graph

    with dbmod.session_scope(app.engine) as session:
        graph = claim_graph(session=session)
    with click.open_file(output, "wb", atomic=True) as out:
        write_graph(graph, out, fmt=fmt)
    if output != "-":
        click.echo(
            f"Wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}."
        )


@click.command("graphml")
@output_option
@click.pass_obj
def export_graphml(app: AppContext, output: str) -> None:
    """The claim graph as GraphML (Gephi, Cytoscape, yEd).

    Nodes: claims, sources, documents. Edges: relays, originates, appears_in,
    copy_of and claim links (corroborates, repeats, contradicts, updates) with
    their method and score.
    """
    _export_graph(app, output, "graphml")


@click.command("gexf")
@output_option
@click.pass_obj
def export_gexf(app: AppContext, output: str) -> None:
    """The claim graph as GEXF (Gephi's own format); same content as graphml."""
    _export_graph(app, output, "gexf")
