"""`factcheck init`."""

from __future__ import annotations

import click

from factcheck import db as dbmod
from factcheck.cli.context import AppContext
from factcheck.db import session_scope
from factcheck.sources.disputes import load_default_disputes


@click.command()
@click.pass_obj
def init(app: AppContext) -> None:
    """Create or upgrade the database schema."""
    engine = app.raw_engine()
    before = dbmod.current_revision(engine)
    dbmod.upgrade(engine)
    after = dbmod.current_revision(engine)
    with session_scope(engine) as session:
        loaded = load_default_disputes(session=session)
    url = engine.url.render_as_string(hide_password=True)
    if before == after:
        click.echo(f"Database {url} is up to date (schema {after}).")
    elif before is None:
        click.echo(f"Created database {url} (schema {after}).")
    else:
        click.echo(f"Upgraded database {url} from schema {before} to {after}.")
    if loaded:
        click.echo(f"Loaded {loaded} default disputes (see `factcheck disputes list`).")
