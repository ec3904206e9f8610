"""Schema migrations and storage URLs."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from factcheck import db as dbmod


def test_resolve_url_defaults_to_sqlite_file_in_cwd(monkeypatch):
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    assert dbmod.resolve_url(None) == "sqlite:///factcheck.db"


def test_resolve_url_accepts_paths_and_postgres_urls():
    assert dbmod.resolve_url("x/y.db") == "sqlite:///x/y.db"
    assert dbmod.resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert dbmod.resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_migrate_empty_database_to_head_and_back(db_url):
    engine = dbmod.make_engine(db_url)
    dbmod.upgrade(engine)
    assert dbmod.current_revision(engine) == dbmod.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"source", "sourcealias", "document", "attribution", "chainhop", "claim"} <= tables
    assert {"figure", "claimlink", "review", "reviewevent", "dispute", "disputeparty"} <= tables
    dbmod.downgrade(engine, "base")
    assert dbmod.current_revision(engine) is None
    remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    engine.dispose()


def test_migrations_match_models(db_url):
    """Autogenerate against a migrated database finds nothing to add."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = dbmod.make_engine(db_url)
    dbmod.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_init_command_creates_then_reports_up_to_date(db_url):
    from click.testing import CliRunner

    from factcheck.cli import cli

    r = CliRunner().invoke(cli, ["--db", db_url, "init"])
    assert r.exit_code == 0, r.output
    assert "Created database" in r.output
    r = CliRunner().invoke(cli, ["--db", db_url, "init"])
    assert r.exit_code == 0, r.output
    assert "up to date" in r.output


def test_head_revision_read_from_files_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(dbmod.MIGRATIONS))
    assert dbmod.head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_one_of_matches_like_in_with_one_parameter(engine, session):
    """Ints, strings, no values, and more values than one chunk of an IN list, on either backend."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select

    table = Table(
        "one_of_probe",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("name", String(20), index=True),
    )
    table.create(engine)
    session.execute(insert(table), [{"id": i, "name": f"n{i}"} for i in range(1, 3001)])
    session.execute(insert(table), [{"id": 9000, "name": 'Київ 😀 "q"'}])

    def ids(column, values, bind=session):
        stmt = select(table.c.id).where(dbmod.one_of(bind, column, values)).order_by(table.c.id)
        return list(session.execute(stmt).scalars())

    assert ids(table.c.id, [7, 3, 3, 99_999]) == [3, 7]
    assert ids(table.c.name, ["n5", "n12", "missing", "n5"]) == [5, 12]
    assert ids(table.c.name, ['Київ 😀 "q"']) == [9000]
    assert ids(table.c.id, []) == []
    assert ids(table.c.name, []) == []
    many = list(range(2, 5001, 2))  # 2,500 values, half of them absent
    assert ids(table.c.id, many) == list(range(2, 3001, 2))
    assert ids(table.c.name, (f"n{i}" for i in many)) == list(range(2, 3001, 2))
    # a connection does as well as a session, and the clause composes with others
    assert ids(table.c.id, many, bind=session.connection()) == list(range(2, 3001, 2))
    either = dbmod.one_of(session, table.c.id, [1, 2]) | dbmod.one_of(session, table.c.name, ["n3"])
    assert list(
        session.execute(select(table.c.id).where(either).order_by(table.c.id)).scalars()
    ) == [1, 2, 3]


def test_driver_statements_run_in_the_session_transaction_and_fail_as_sqlalchemy_does(
    migrated_url,
):
    """query/executemany/insert_row go around SQLAlchemy's statement machinery, not its
    transaction or its errors (which the CLI turns into one line)."""
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlmodel import Session

    from factcheck.models import Source, utcnow

    engine = dbmod.make_engine(migrated_url)
    session = Session(engine)

    sid = dbmod.insert_row(
        session,
        Source,
        {"name": "Kyiv City Council", "key": "kyiv city council", "kind": "organisation",
         "anonymous": False, "origin": "extracted", "created_at": utcnow()},
    )  # fmt: skip
    dbmod.executemany(session, "UPDATE source SET side = ? WHERE id = ?", [("UA", sid)])
    rows = dbmod.query(session, "SELECT id, side FROM source WHERE key = ?", ["kyiv city council"])
    assert rows.all() == [(sid, "UA")]
    assert dbmod.query(session, "SELECT count(*) FROM source WHERE id = ?", [sid]).scalar() == 1
    assert dbmod.query(session, "SELECT id FROM source WHERE id = ?", [-1]).first() is None
    session.rollback()
    assert dbmod.query(session, "SELECT count(*) FROM source WHERE id = ?", [sid]).scalar() == 0
    with pytest.raises(DBAPIError):
        dbmod.query(session, "SELECT * FROM no_such_table")
    session.rollback()
    with pytest.raises(IntegrityError):  # a chain hop pointing at no attribution
        dbmod.executemany(
            session,
            "INSERT INTO chainhop (attribution_id, position, source_id, role) VALUES (?, ?, ?, ?)",
            [(999_999, 0, 999_999, "origin")],
        )
    session.rollback()
    session.close()
    engine.dispose()


def test_bulk_inserts_take_ids_in_order_and_fail_as_sqlalchemy_does(migrated_url):
    """insert_rows of many rows (a COPY on PostgreSQL) and the store's id-giving inserts:
    every row lands in the session's transaction with the id it was given, in order, and a
    row breaking a constraint fails the whole batch with SQLAlchemy's error."""
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from factcheck.models import ChainHop, Source, utcnow
    from factcheck.store import _insert_returning_ids

    engine = dbmod.make_engine(migrated_url)
    session = Session(engine)
    # text COPY escapes tabs, newlines and backslashes: they must come back as given
    names = [f"Regional Office {i}\tof the \\ north\n" for i in range(2 * dbmod.COPY_MIN_ROWS)]
    rows = [
        {"name": name, "key": f"regional office {i}", "kind": "organisation", "anonymous": False,
         "origin": "extracted", "created_at": utcnow()}
        for i, name in enumerate(names)
    ]  # fmt: skip
    ids = _insert_returning_ids(session, Source, rows)
    assert ids == sorted(ids) and len(set(ids)) == len(rows)
    stored = dbmod.query(session, "SELECT id, name FROM source ORDER BY id").all()
    assert stored == list(zip(ids, names, strict=True))
    hops = [
        {"attribution_id": 999_999, "position": i, "source_id": ids[0], "role": "origin"}
        for i in range(dbmod.COPY_MIN_ROWS)
    ]
    with pytest.raises(IntegrityError):  # chain hops pointing at no attribution
        dbmod.insert_rows(session, ChainHop, hops)
    session.rollback()
    assert dbmod.query(session, "SELECT count(*) FROM source").scalar() == 0
    session.close()
    engine.dispose()


def test_bulk_inserted_text_comes_back_as_given_and_a_bad_row_rolls_back_to_the_savepoint(
    migrated_url,
):
    """Text the COPY format escapes (backslashes, tabs, line ends, its end marker and null
    marker) round-trips; a value the driver cannot send fails the batch with SQLAlchemy's
    error, and the transaction goes on from the savepoint."""
    from sqlalchemy.exc import DBAPIError, StatementError
    from sqlmodel import Session

    from factcheck.models import Source, utcnow

    tricky = ["a\\.b", "\\.", "x\r\ny", "tab\there", "\\N", "back\\slash", "ünï ✓", "", "end\\"]

    def sources(names: list[object], prefix: str) -> list[dict[str, object]]:
        return [
            {"name": name, "key": f"{prefix}{i}", "kind": "organisation", "anonymous": False,
             "origin": "extracted", "created_at": utcnow()}
            for i, name in enumerate(names)
        ]  # fmt: skip

    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        dbmod.insert_rows(session, Source, sources(list(tricky), "t"))
        got = dbmod.query(session, "SELECT name FROM source ORDER BY id").all()
        assert [name for (name,) in got] == tricky
        bad: list[object] = [f"n{i}" for i in range(dbmod.COPY_MIN_ROWS)]
        bad[3] = object()
        with pytest.raises((DBAPIError, StatementError)), dbmod.savepoint(session):
            dbmod.insert_rows(session, Source, sources(bad, "b"))
        dbmod.insert_rows(session, Source, sources(["after"] * dbmod.COPY_MIN_ROWS, "a"))
        count = dbmod.query(session, "SELECT count(*) FROM source").scalar()
        assert count == len(tricky) + dbmod.COPY_MIN_ROWS
    engine.dispose()
