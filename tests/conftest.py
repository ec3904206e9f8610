"""Shared fixtures: every test gets its own empty database, never a real one.

Set FACTCHECK_TEST_PG to a PostgreSQL URL (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/postgres) to run the same suite
against PostgreSQL; each pytest-xdist worker gets a database of its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel

import factcheck.models  # noqa: F401  (registers tables)
from factcheck import db as dbmod
from factcheck.cli import cli

PG_BASE = os.environ.get("FACTCHECK_TEST_PG")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str | None]:
    """A PostgreSQL database for this worker, or None when running on SQLite."""
    if not PG_BASE:
        yield None
        return
    base = make_url(PG_BASE)
    name = f"factcheck_test_{_worker()}"
    admin = sa_create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield base.set(database=name).render_as_string(hide_password=False)


def _reset_pg(url: str) -> None:
    engine = sa_create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def db_url(tmp_path: Path, pg_url: str | None) -> str:
    """URL of an empty, uninitialised database for this test."""
    if pg_url:
        _reset_pg(pg_url)
        return pg_url
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """No test touches a real database or depends on the caller's login or folder."""
    monkeypatch.setenv("FACTCHECK_DB", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a fresh database with every table created (no migrations)."""
    if db_url.startswith("sqlite"):
        eng = sa_create_engine(
            "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
        )
    else:
        eng = dbmod.make_engine(db_url)
    SQLModel.metadata.create_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head per session; tests get copies (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "head.db"
    engine = dbmod.make_engine(f"sqlite:///{path}")
    dbmod.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def migrated_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database URL at the current schema, for CLI tests.

    SQLite copies a file migrated once per session; PostgreSQL creates the
    tables and stamps the head revision (test_db.py runs the real migrations).
    """
    if db_url.startswith("sqlite"):
        template = request.getfixturevalue("_sqlite_template")
        shutil.copyfile(template, tmp_path / "test.db")
        return db_url
    engine = dbmod.make_engine(db_url)
    SQLModel.metadata.create_all(engine)
    from alembic import command

    command.stamp(dbmod._alembic_config(engine), "head")
    engine.dispose()
    return db_url


RunCli = Callable[..., Result]


@pytest.fixture
def run(migrated_url: str) -> RunCli:
    """Run the CLI against this test's migrated database: run("claims", "list", "--json")."""

    def _run(*args: str, input: str | bytes | None = None, user: str | None = None) -> Result:
        prefix = ["--db", migrated_url]
        if user is not None:
            prefix += ["--user", user]
        return CliRunner().invoke(cli, [*prefix, *args], input=input, catch_exceptions=False)

    return _run
