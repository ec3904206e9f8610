"""Alembic environment: runs against the engine factcheck hands over."""

from alembic import context
from sqlmodel import SQLModel

import factcheck.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things in place
            compare_type=True,
        )
        context.run_migrations()


run()
