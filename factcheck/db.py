"""Engine, sessions and schema migrations."""

from __future__ import annotations

import json
import operator
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    Integer,
    Text,
    any_,
    bindparam,
    create_engine,
    event,
    false,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

if TYPE_CHECKING:
    from alembic.config import Config

from factcheck.errors import FactcheckError

T = TypeVar("T")

DEFAULT_DB = "factcheck.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(db: str | None) -> str:
    """Turn a --db value (URL or plain file path) into an SQLAlchemy URL."""
    value = db or os.environ.get("FACTCHECK_DB") or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        # psycopg 3 is the driver we ship
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # readers never block the writer: several reviewers can share one file
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits
    # (not half of one), and commits skip an fsync each, which batches of files feel.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoints are what syncs then: every 40 MB of log rather than every 4 MB.
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    # 64 MB of page cache instead of 2 MB: index pages of a growing ledger stay in memory.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(db: str | None = None, **kwargs: object) -> Engine:
    """One engine per process; SQLite gets foreign keys and a busy timeout."""
    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise FactcheckError(f"invalid database URL: {url}") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)  # type: ignore[arg-type]
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)  # type: ignore[arg-type]
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def begin_writing(session: Session) -> None:
    """Start the session's transaction as a writer, before it reads anything.

    SQLite's driver begins a transaction only at the first write, so reads before
    it see no snapshot, and a savepoint taken first would be the outermost one,
    which its release commits. ``BEGIN IMMEDIATE`` takes the write lock now (waiting
    for another writer as any write would). PostgreSQL begins on its own.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def savepoint(session: Session, name: str = "factcheck_file") -> Iterator[None]:
    """A savepoint taken and released straight through the driver: what fails inside is
    rolled back to it, and the error goes on.

    For work written with ``query``/``insert_rows`` only: unlike ``begin_nested``
    (about 0.3 ms a time, more than storing a small file's rows), it does not expire
    ORM objects on a rollback, so none may be in play.
    """
    query(session, f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        query(session, f"ROLLBACK TO SAVEPOINT {name}")
        query(session, f"RELEASE SAVEPOINT {name}")
        raise
    query(session, f"RELEASE SAVEPOINT {name}")


# Alembic is imported only to migrate: every other command starts faster without it.


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w-]+|None)['\"]?", re.M)


@cache
def head_revision() -> str | None:
    """The newest migration, read from the migration files without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text()))
        if "revision" in found:
            revisions.add(found["revision"])
        if found.get("down_revision") not in (None, "None"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision`."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> None:
    """Fail with a clear message when the database was never initialised or is behind."""
    current = current_revision(engine)
    if current is None:
        raise FactcheckError("database is not initialised; run `factcheck init` first")
    if current != head_revision():
        raise FactcheckError("database schema is out of date; run `factcheck init` to upgrade")


def _for_driver(conn: Connection, sql: str) -> str:
    """Plain SQL written with ``?`` placeholders, in the driver's own paramstyle.

    Every ``?`` is a placeholder: the SQL may hold no literal ``?`` (nor ``%``, which
    psycopg reads as a placeholder too)."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def query(session: Session, sql: str, params: Sequence[object] = ()) -> Rows:
    """One plain statement (``?`` placeholders) straight through the driver, for hot paths
    where building and compiling a SQLAlchemy statement costs more than running it.

    It runs on the session's connection, in its transaction, as
    ``Connection.exec_driver_sql`` would, minus that call's own cost (about 25 µs,
    more than a looked-up row takes); rows come back as the driver gives them.
    """
    return Rows(_run(session, sql, tuple(params), many=False))


def executemany(session: Session, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """One plain statement (``?`` placeholders) for many rows, straight through the driver.

    Bulk inserts and updates spend most of their time in SQLAlchemy's
    parameter processing otherwise.
    """
    for start in range(0, len(rows), 10_000):
        _run(session, sql, list(rows[start : start + 10_000]), many=True)


class Rows:
    """What ``query`` returns: the driver's cursor, read as SQLAlchemy results are."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._cursor)

    def all(self) -> list[tuple[Any, ...]]:
        return list(self._cursor.fetchall())

    def first(self) -> tuple[Any, ...] | None:
        return self._cursor.fetchone()  # type: ignore[no-any-return]

    def scalar(self) -> Any:
        row = self._cursor.fetchone()
        return row[0] if row is not None else None


def _run(session: Session, sql: str, params: Any, *, many: bool) -> Any:
    """Execute on the DBAPI connection behind the session's transaction; driver errors
    become SQLAlchemy's (as they would through SQLAlchemy), which the CLI reports."""
    if many and not params:
        return None
    conn = session.connection()
    sql = _for_driver(conn, sql)
    with _driver_cursor(conn, sql, params) as cursor:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
    return cursor


@contextmanager
def _driver_cursor(conn: Connection, sql: str, params: Any) -> Iterator[Any]:
    """A DBAPI cursor on the connection behind the session's transaction; a driver error
    raised while it is used becomes SQLAlchemy's (`sql` and `params` name the statement)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    error = conn.dialect.loaded_dbapi.Error
    try:
        yield cursor
    except error as exc:
        raise DBAPIError.instance(sql, params, exc, error) from exc


COPY_MIN_ROWS = 8  # PostgreSQL: from this many rows a COPY costs less than an executemany


def insert_rows(session: Session, table: type, rows: Sequence[dict[str, object]]) -> None:
    """Insert rows (all with the same keys) in one go straight through the driver: one
    executemany, or on PostgreSQL a ``COPY … FROM STDIN`` for more than a few rows
    (one round trip, and far less work per row for the server than an INSERT each).

    Values go through each column type's own conversion (dates, booleans), as
    SQLAlchemy would do; its per-row statement machinery, which costs more than the
    inserts themselves in a batch, is skipped.
    """
    if not rows:
        return
    sql, params = _insert_statement(session, table, rows)
    if len(params) >= COPY_MIN_ROWS and session.connection().dialect.name == "postgresql":
        _copy(session, table.__table__.name, tuple(rows[0]), params)  # type: ignore[attr-defined]
    else:
        executemany(session, sql, params)


def _copy(
    session: Session, table: str, names: tuple[str, ...], params: Sequence[tuple[object, ...]]
) -> None:
    """``COPY table (names) FROM STDIN`` with psycopg, in the session's transaction; driver
    errors become SQLAlchemy's, as in ``_run``."""
    sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
    with _driver_cursor(session.connection(), sql, None) as cursor, cursor.copy(sql) as copy:
        for row in params:
            copy.write_row(row)


def next_ids(session: Session, table: type, count: int) -> list[int]:
    """PostgreSQL: `count` new ids from the sequence of `table`'s id column, in increasing
    order, for rows the caller then inserts with them (so it knows each row's id without
    ``INSERT … RETURNING`` row by row)."""
    core = table.__table__  # type: ignore[attr-defined]
    rows = query(
        session,
        "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
        (core.name, count),
    ).all()
    return sorted(int(r[0]) for r in rows)


def insert_row(session: Session, table: type, row: dict[str, object]) -> int:
    """Insert one row straight through the driver (as ``insert_rows``) and return its id."""
    sql, params = _insert_statement(session, table, [row])
    if session.connection().dialect.name == "sqlite":
        return int(_run(session, sql, params[0], many=False).lastrowid)
    return int(Rows(_run(session, sql + " RETURNING id", params[0], many=False)).scalar())


# (table, column names, dialect name, driver) -> the INSERT, a row's values getter and
# the columns whose values the driver gets converted
_INSERT_PLANS: dict[tuple[Any, ...], tuple[str, Any, list[tuple[int, Any]]]] = {}


def _insert_statement(
    session: Session, table: type, rows: Sequence[dict[str, object]]
) -> tuple[str, list[tuple[object, ...]]]:
    dialect = session.connection().dialect
    names = tuple(rows[0])
    shape = (table, names, dialect.name, dialect.driver)
    plan = _INSERT_PLANS.get(shape)
    if plan is None:
        plan = _INSERT_PLANS[shape] = _insert_plan(table, names, dialect)
    sql, values_of, converted = plan
    if not converted:
        return sql, [values_of(row) for row in rows]
    params: list[tuple[object, ...]] = []
    for row in rows:
        values = list(values_of(row))
        for i, fn in converted:
            if values[i] is not None:
                values[i] = fn(values[i])
        params.append(tuple(values))
    return sql, params


def _insert_plan(
    table: type, names: tuple[str, ...], dialect: Any
) -> tuple[str, Any, list[tuple[int, Any]]]:
    """The INSERT for `names` of `table`, a row's values getter, and the columns whose
    values the driver gets converted (index, converter); looked up once per shape."""
    core = table.__table__  # type: ignore[attr-defined]
    convert = [core.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    sql = f"INSERT INTO {core.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    converted = [(i, fn) for i, fn in enumerate(convert) if fn is not None]
    pick = operator.itemgetter(*names)
    values_of = pick if len(names) > 1 else lambda row: (pick(row),)
    return sql, values_of, converted


CHUNK = 500  # values per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def in_chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """`values` in lists of at most `size`, in the order given (for IN lists and batches)."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    """Distinct ids, sorted, in lists of at most `size`."""
    return in_chunks(sorted(set(ids)), size)


def one_of(
    bind: OrmSession | Connection, column: Any, values: Iterable[object]
) -> ColumnElement[bool]:
    """``column IN values`` with all the values in one bound parameter, however many.

    SQLAlchemy turns an ``in_(list)`` into a parameter per value, coerced, named and
    spliced into the SQL at every execution (it showed in profiles of cross-referencing),
    and long lists must be chunked into a statement each. Here the SQL is the same for
    any number of values, so it is compiled once: PostgreSQL gets ``column = ANY(:p)``
    with `p` an array (``bigint[]`` for an integer column, else ``text[]``), SQLite
    ``column IN (SELECT value FROM json_each(:p))`` with `p` a JSON list; both can
    still look the values up through the column's index.
    """
    values = list(values)
    if not values:
        return false()  # nothing is one of no values
    dialect = bind.get_bind().dialect if isinstance(bind, OrmSession) else bind.dialect
    if dialect.name == "postgresql":
        item = BigInteger() if isinstance(column.type, Integer) else Text()
        return column == any_(bindparam(None, values, type_=ARRAY(item)))
    if dialect.name == "sqlite":
        listed = func.json_each(bindparam(None, json.dumps(values), type_=Text())).table_valued(
            "value"
        )
        return column.in_(select(listed.c.value))
    return column.in_(values)  # another database: a plain IN list
