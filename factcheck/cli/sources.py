"""`factcheck sources …` and `factcheck disputes …`: the source registry."""

from __future__ import annotations

import click

from factcheck.cli.context import AppContext
from factcheck.cli.output import echo_json, echo_table, json_option
from factcheck.db import session_scope
from factcheck.sources import disputes as dispute_lib
from factcheck.sources import registry

KIND = click.Choice(registry.SOURCE_KINDS)


def _tri_state(value: str | None) -> object:
    """yes/no/auto → True/False/None (auto = let the partisan rule decide)."""
    return {"yes": True, "no": False, "auto": None}[value] if value else registry._UNSET


def _show_lines(info: registry.SourceInfo) -> list[tuple[str, object]]:
    return [
        ("id", info.id),
        ("name", info.name),
        ("kind", info.kind),
        ("side", info.side or "-"),
        ("parent", info.parent or "-"),
        ("organisation", info.organisation),
        ("credibility", info.credibility or "-"),
        ("anonymous", "yes" if info.anonymous else "no"),
        ("partisan", {True: "yes", False: "no", None: "auto"}[info.partisan]),
        ("aliases", ", ".join(info.aliases) or "-"),
        ("attributions", info.attributions),
    ]


@click.group()
def sources() -> None:
    """The source registry: who says things, their side, kind and organisation."""


@sources.command("list")
@click.option("--kind", type=KIND, help="Only sources of this kind.")
@click.option("--side", help="Only sources on this side (RU, UA, US, …).")
@json_option
@click.pass_obj
def list_(app: AppContext, kind: str | None, side: str | None, as_json: bool) -> None:
    """List sources."""
    with session_scope(app.engine) as session:
        rows = registry.list_sources(session=session, kind=kind, side=side)
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    echo_table(
        [(r.id, r.name, r.kind, r.side or "", r.organisation, r.attributions) for r in rows],
        ["id", "name", "kind", "side", "organisation", "attributions"],
    )


@sources.command()
@click.argument("source")
@json_option
@click.pass_obj
def show(app: AppContext, source: str, as_json: bool) -> None:
    """Show one source by id or name (aliases and fuzzy spellings work)."""
    with session_scope(app.engine) as session:
        info = registry.source_info(registry.get_source(source, session=session), session=session)
    if as_json:
        echo_json(info.as_dict())
        return
    echo_table(_show_lines(info), ["field", "value"])


@sources.command()
@click.argument("name")
@click.option("--kind", type=KIND, default="unknown", show_default=True)
@click.option("--side", help="Country or bloc code: RU, UA, US, EU, NATO, …")
@click.option("--parent", help="Parent organisation (created if new).")
@click.option("--credibility", help="Free-form credibility status.")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--anonymous", is_flag=True, help="An unnamed group such as 'local officials'.")
@click.pass_obj
def add(
    app: AppContext,
    name: str,
    kind: str,
    side: str | None,
    parent: str | None,
    credibility: str | None,
    aliases: tuple[str, ...],
    anonymous: bool,
) -> None:
    """Add a source by hand."""
    with session_scope(app.engine) as session:
        parent_source = (
            registry.resolve_source(parent, session=session, kind="organisation", origin="manual")
            if parent
            else None
        )
        source = registry.create_source(
            name,
            session=session,
            kind=kind,
            side=side.upper() if side else None,
            parent=parent_source,
            anonymous=anonymous,
            credibility=credibility,
            origin="manual",
        )
        for alias in aliases:
            registry.add_alias(source, alias, session=session)
        click.echo(f"Added source {source.id}: {source.name}")


@sources.command()
@click.argument("source")
@click.argument("aliases", nargs=-1, required=True)
@click.pass_obj
def alias(app: AppContext, source: str, aliases: tuple[str, ...]) -> None:
    """Give SOURCE more names: sources alias "Volodymyr Zelensky" Zelenskiy "Ukraine's president"."""
    with session_scope(app.engine) as session:
        target = registry.get_source(source, session=session)
        added = [a for a in aliases if registry.add_alias(target, a, session=session) is not None]
        name = target.name
    click.echo(
        f"{name}: {len(added)} alias(es) added" + (f" ({', '.join(added)})" if added else "")
    )


@sources.command()
@click.argument("keep")
@click.argument("drop")
@click.pass_obj
def merge(app: AppContext, keep: str, drop: str) -> None:
    """Merge DROP into KEEP (a manual decision later runs never undo)."""
    with session_scope(app.engine) as session:
        kept = registry.get_source(keep, session=session)
        dropped = registry.get_source(drop, session=session)
        dropped_name = dropped.name
        registry.merge_sources(kept, dropped, session=session)
        click.echo(f"Merged {dropped_name} into {kept.name} (id {kept.id})")


@sources.command("set")
@click.argument("source")
@click.option("--kind", type=KIND)
@click.option("--side", help="Country or bloc code; '' clears it.")
@click.option("--parent", help="Parent organisation; '' clears it.")
@click.option("--credibility", help="Credibility status; '' clears it.")
@click.option(
    "--partisan",
    type=click.Choice(["yes", "no", "auto"]),
    help="Override the partisan rule for this source.",
)
@click.option("--anonymous/--named", default=None, help="Mark as an unnamed group, or not.")
@click.pass_obj
def set_(
    app: AppContext,
    source: str,
    kind: str | None,
    side: str | None,
    parent: str | None,
    credibility: str | None,
    partisan: str | None,
    anonymous: bool | None,
) -> None:
    """Change a source's kind, side, parent, credibility or partisan override."""
    with session_scope(app.engine) as session:
        target = registry.get_source(source, session=session)
        parent_value: object = registry._UNSET
        if parent is not None:
            parent_value = registry.get_source(parent, session=session) if parent else None
        registry.update_source(
            target,
            session=session,
            kind=kind,
            side=side if side is not None else registry._UNSET,
            parent=parent_value,
            credibility=credibility if credibility is not None else registry._UNSET,
            partisan=_tri_state(partisan),
            anonymous=anonymous,
        )
        info = registry.source_info(target, session=session)
    echo_table(_show_lines(info), ["field", "value"])


@click.group()
def disputes() -> None:
    """Named conflicts and their parties (used to judge who is partisan)."""


@disputes.command("list")
@json_option
@click.pass_obj
def disputes_list(app: AppContext, as_json: bool) -> None:
    """List disputes."""
    with session_scope(app.engine) as session:
        rows = dispute_lib.list_disputes(session=session)
    if as_json:
        echo_json(
            [{"id": d.id, "name": d.name, "aliases": d.aliases, "parties": d.parties} for d in rows]
        )
        return
    echo_table(
        [(d.id, d.name, " ".join(d.parties), ", ".join(d.aliases)) for d in rows],
        ["id", "name", "parties", "aliases"],
    )


@disputes.command("add")
@click.argument("name")
@click.option("--party", "parties", multiple=True, required=True, help="A side code (repeat).")
@click.option("--alias", "aliases", multiple=True, help="Another name for the dispute (repeat).")
@click.pass_obj
def disputes_add(
    app: AppContext, name: str, parties: tuple[str, ...], aliases: tuple[str, ...]
) -> None:
    """Add a dispute: disputes add "Russia–Ukraine war" --party RU --party UA."""
    with session_scope(app.engine) as session:
        info = dispute_lib.add_dispute(
            name, parties=list(parties), aliases=list(aliases), session=session
        )
    click.echo(f"Dispute {info.id}: {info.name} — parties {', '.join(info.parties)}")
