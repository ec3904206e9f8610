"""`factcheck claims …`, `factcheck trace` and `factcheck xref`."""

from __future__ import annotations

from typing import Any

import click

from factcheck.cli.context import AppContext
from factcheck.cli.output import echo_json, echo_table, json_option, shorten
from factcheck.db import session_scope
from factcheck.models import FLAGS, LINK_KINDS


def _figure_text(f: dict[str, Any]) -> str:
    from factcheck.figures import Interval
    from factcheck.xref.links import fmt_interval

    low, high = f["low"], f["high"]
    if low is None and high is None:
        low = high = f["value"]
    iv = Interval(low, high, f.get("low_open", False), f.get("high_open", False))
    where = f" in {f['scope'].replace('+', ' and ')}" if f.get("scope") else ""
    return f"{f.get('label') or f.get('unit') or 'figure'}: {fmt_interval(iv)}{where}"


def _date(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "undated"


def _echo_tree(nodes: list[dict[str, Any]], prefix: str = "") -> None:
    for i, node in enumerate(nodes):
        last = i == len(nodes) - 1
        branch = "└── " if last else "├── "
        if "document" in node:
            where = f"{node['outlet'] or 'unknown outlet'}, {_date(node['published'])}"
            click.echo(
                f"{prefix}{branch}document {node['document']}: {shorten(node['title'], 50)} ({where})"
            )
            continue
        click.echo(f"{prefix}{branch}{node['source']} [{node['role']}]")
        _echo_tree(node["children"], prefix + ("    " if last else "│   "))


def _echo_trace(data: dict[str, Any]) -> None:
    claim = data["claim"]
    click.echo(f"Claim {claim['id']}: {claim['text']}")
    for f in claim["figures"]:
        click.echo(f"  figure  {_figure_text(f)}")
    click.echo(f"  flags   {', '.join(data['flags']) or '-'}")
    click.echo(
        f"  independent origins {data['independent_origins']}, "
        f"{len(data['attributions'])} attribution(s) in {data['documents']} document(s)"
    )
    review = data["review"]
    click.echo(
        f"  review  {review['status']}"
        + (f" (assigned to {review['assignee']})" if review["assignee"] else "")
    )
    click.echo("")
    click.echo("Provenance (origin → relays → publisher → document):")
    _echo_tree(data["provenance"])
    click.echo("")
    click.echo("Origins:")
    for o in data["origins"]:
        traits = [o["side"] or "no side"]
        if o["partisan"]:
            traits.append("partisan")
        if o["anonymous"]:
            traits.append("anonymous")
        if o["organisation"] and o["organisation"] != o["source"]:
            traits.append(f"part of {o['organisation']}")
        via = f", via claim {o['via_claim']}" if o.get("via_claim") else ""
        click.echo(f"  group {o['group']}: {o['source']} ({', '.join(traits)}{via})")
    for title, key in (
        ("Corroborated by", "corroborated_by"),
        ("Contradicted by", "contradicted_by"),
        ("Updates", "updates"),
    ):
        items = data.get(key) or []
        if not items:
            continue
        click.echo("")
        click.echo(f"{title}:")
        for item in items:
            extra = ""
            if key == "corroborated_by":
                extra = "independent" if item["independent"] else "not independent (repeats)"
            elif key == "updates":
                extra = (
                    "this claim updates it" if item["direction"] == "updates" else "updated by it"
                )
            why = f" — {item['why']}" if item.get("why") else ""
            click.echo(
                f"  claim {item['claim']}: {shorten(item.get('text'), 60)} [{extra or item['method']}]{why}"
            )


@click.command()
@click.argument("claim_id", type=int)
@json_option
@click.pass_obj
def trace(app: AppContext, claim_id: int, as_json: bool) -> None:
    """Provenance tree of one claim: origins, relays, publishers, independence, links."""
    from factcheck.graph.trace import trace_claim

    with session_scope(app.engine) as session:
        data = trace_claim(claim_id, session=session)
    if as_json:
        echo_json(
            {k: v for k, v in data.items() if k != "provenance"}
            | {"provenance": data["provenance"]}
        )
        return
    _echo_trace(data)


@click.command()
@json_option
@click.pass_obj
def xref(app: AppContext, as_json: bool) -> None:
    """Recompute cross-references: copies, claim merges, links and flags (manual decisions stay)."""
    from factcheck.xref import xref_all

    with session_scope(app.engine) as session:
        stats = xref_all(session=session)
    links = {k: stats.links.get(k, 0) for k in LINK_KINDS}
    flags = {k: stats.flags.get(k, 0) for k in FLAGS}
    data = {
        "documents": stats.documents,
        "copies": stats.copies,
        "shared_paragraphs": stats.shared_paragraphs,
        "claims": stats.claims,
        "merged": stats.merged,
        "links": links,
        "flags": flags,
        "seconds": stats.seconds,
    }
    if as_json:
        echo_json(data)
        return
    click.echo(
        f"Cross-referenced {stats.documents} documents in {stats.seconds:.1f}s: "
        f"{stats.copies} copies, {stats.shared_paragraphs} shared-paragraph links, "
        f"{stats.claims} claims ({stats.merged} merged)."
    )
    echo_table(
        [*links.items(), *flags.items()],
        ["link kind / flag", "count"],
    )


@click.group()
def claims() -> None:
    """Browse, search and link claims."""


def _summaries(rows: list[Any], as_json: bool, *, scores: bool = False) -> None:
    if as_json:
        echo_json([r.to_dict() for r in rows])
        return
    headers = ["id", "claim", "flags", "origins", "docs"] + (["score"] if scores else [])
    echo_table(
        [
            (r.id, shorten(r.text, 60), ", ".join(r.flags), r.independent_origins, r.documents)
            + ((f"{r.score:.0f} ({r.matched})",) if scores else ())
            for r in rows
        ],
        headers,
        empty="(no claims)",
    )


@claims.command("list")
@click.option("--flag", type=click.Choice(FLAGS), help="Only claims with this flag.")
@click.option(
    "--speaker", help="Only claims said by (or originating from) this source: id or name."
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@json_option
@click.pass_obj
def list_(
    app: AppContext, flag: str | None, speaker: str | None, limit: int | None, as_json: bool
) -> None:
    """List claims, most repeated first."""
    from factcheck.xref.browse import list_claims

    with session_scope(app.engine) as session:
        rows = list_claims(session=session, flag=flag, speaker=speaker, limit=limit)
    _summaries(rows, as_json)


@claims.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@click.pass_obj
def find(app: AppContext, text: str, limit: int, as_json: bool) -> None:
    """Fuzzy search over claim texts and source names (their claims)."""
    from factcheck.xref.browse import find_claims

    with session_scope(app.engine) as session:
        rows = find_claims(text, session=session, limit=limit)
    _summaries(rows, as_json, scores=True)


@claims.command()
@click.argument("claim_id", type=int)
@json_option
@click.pass_obj
def show(app: AppContext, claim_id: int, as_json: bool) -> None:
    """One claim: figures, flags, attributions and links."""
    from factcheck.graph.trace import trace_claim

    with session_scope(app.engine) as session:
        data = trace_claim(claim_id, session=session)
    if as_json:
        echo_json(data)
        return
    claim = data["claim"]
    click.echo(f"Claim {claim['id']}: {claim['text']}")
    for f in claim["figures"]:
        click.echo(f"  figure  {_figure_text(f)}")
    click.echo(f"  flags   {', '.join(data['flags']) or '-'}")
    click.echo(f"  independent origins {data['independent_origins']}")
    click.echo(f"  review  {data['review']['status']}")
    click.echo("")
    echo_table(
        [
            (
                a["id"],
                a["document"]["id"],
                a["document"]["outlet"] or "",
                _date(a["document"]["published"]),
                a["speaker"] or "-",
                a["kind"] + (", hedged" if a["hedged"] else ""),
                " ← ".join(h["source"] for h in reversed(a["chain"])),
            )
            for a in data["attributions"]
        ],
        [
            "attribution",
            "document",
            "outlet",
            "published",
            "speaker",
            "kind",
            "chain (publisher ← origin)",
        ],
    )
    links = (
        [(i["claim"], i["kind"], i["method"], i.get("why") or "") for i in data["corroborated_by"]]
        + [
            (i["claim"], "contradicts", i["method"], i.get("why") or "")
            for i in data["contradicted_by"]
        ]
        + [(i["claim"], i["direction"], i["method"], i.get("why") or "") for i in data["updates"]]
    )
    if links:
        click.echo("")
        echo_table(links, ["claim", "link", "method", "why"])


@claims.command("contradictions")
@json_option
@click.pass_obj
def contradictions_(app: AppContext, as_json: bool) -> None:
    """Claims that contradict each other (conflicting figures or denials)."""
    from factcheck.xref.browse import contradictions

    with session_scope(app.engine) as session:
        rows = contradictions(session=session)
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [
            (
                r["claim"],
                shorten(r["claim_text"], 40),
                r["other"],
                shorten(r["other_text"], 40),
                r["why"] or "",
                r["method"],
            )
            for r in rows
        ],
        ["claim", "text", "other", "text", "why", "method"],
        empty="(no contradictions)",
    )


@claims.command("partisan")
@json_option
@click.pass_obj
def partisan_(app: AppContext, as_json: bool) -> None:
    """Figures resting only on sources partisan on them, all from one side."""
    from factcheck.xref.browse import partisan_figures

    with session_scope(app.engine) as session:
        rows = partisan_figures(session=session)
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [
            (
                r["id"],
                shorten(r["text"], 60),
                r["side"] or "",
                ", ".join(r["origins"]),
                "; ".join(_figure_text(f) for f in r["figures"]),
            )
            for r in rows
        ],
        ["id", "claim", "side", "origins", "figures"],
        empty="(no single-partisan-source figures)",
    )


@claims.command()
@click.argument("claim_id", type=int)
@click.argument("other_id", type=int)
@click.option(
    "--confirm", "confirm_kind", type=click.Choice(LINK_KINDS), help="Confirm a link of this kind."
)
@click.option(
    "--reject", "reject_kind", type=click.Choice(LINK_KINDS), help="Reject a link of this kind."
)
@click.option("--note", help="Why (kept with the decision).")
@click.pass_obj
def link(
    app: AppContext,
    claim_id: int,
    other_id: int,
    confirm_kind: str | None,
    reject_kind: str | None,
    note: str | None,
) -> None:
    """Decide a link between two claims by hand; automatic runs never undo it.

    For `updates`, CLAIM_ID is the later claim that updates OTHER_ID.
    """
    from factcheck.xref.browse import decide_link

    if (confirm_kind is None) == (reject_kind is None):
        raise click.UsageError("give exactly one of --confirm KIND or --reject KIND")
    kind = confirm_kind or reject_kind or ""
    with session_scope(app.engine) as session:
        row = decide_link(
            claim_id,
            other_id,
            kind,
            confirm=confirm_kind is not None,
            user=app.user,
            session=session,
            note=note,
        )
        verb = "Confirmed" if row.status == "confirmed" else "Rejected"
        text = f"{verb} {row.kind} link between claims {row.claim_id} and {row.other_id} (by {app.user})."
    click.echo(text)
