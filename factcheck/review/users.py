"""Review users and their roles: reporter < editor < admin."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from factcheck.errors import FactcheckError, PermissionDenied, UsageProblem
from factcheck.models import ROLES, User, utcnow

RANK = {role: rank for rank, role in enumerate(ROLES)}

# any constant works: it only has to be the same in every process touching the user table
_USERS_LOCK_KEY = 0x66616374  # "fact"


def insert_ignore(session: Session, model: type[SQLModel], values: dict[str, Any]) -> bool:
    """INSERT a row unless its primary key exists; True when a row was added.

    Never raises on a duplicate, so a concurrent insert of the same key cannot
    abort the surrounding transaction (PostgreSQL would) or race a prior read.
    """
    table = model.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        from sqlalchemy.dialects import postgresql, sqlite

        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(table).values(**values).on_conflict_do_nothing()
        return bool(session.connection().execute(stmt).rowcount)
    try:  # other databases: a savepoint keeps the transaction usable after a duplicate
        with session.begin_nested():
            session.connection().execute(table.insert().values(**values))
        return True
    except IntegrityError:
        return False


def _lock_users(session: Session) -> None:
    """Serialise user creation and role changes across connections.

    SQLite already has one writer at a time; PostgreSQL needs a lock so that two
    first users on a new database cannot both see an empty table and become admin.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(
            text("SELECT pg_advisory_xact_lock(:k)"), {"k": _USERS_LOCK_KEY}
        )


def get_user(name: str, *, session: Session) -> User | None:
    """The user called `name`, read fresh from the database, or None."""
    return session.get(User, name, populate_existing=True)


def ensure_user(name: str, *, session: Session) -> User:
    """The acting user, created on first action: admin on an empty database, else reporter."""
    if not name or name != name.strip():
        raise UsageProblem(f"invalid user name {name!r}: empty or surrounded by spaces")
    user = get_user(name, session=session)
    if user is not None:
        return user
    _lock_users(session)
    insert_ignore(session, User, {"name": name, "role": "reporter", "created_at": utcnow()})
    # counted after our own insert, while holding the write lock: 1 means nobody came before
    if session.exec(select(func.count()).select_from(User)).one() == 1:
        session.connection().execute(
            update(User).where(col(User.name) == name).values(role="admin")
        )
    user = get_user(name, session=session)
    assert user is not None
    return user


def has_role(user: User, role: str) -> bool:
    return RANK.get(user.role, 0) >= RANK[role]


def require_role(user: User, role: str, doing: str) -> None:
    """Raise PermissionDenied unless `user` is at least `role`; `doing` completes "only editors can …"."""
    if not has_role(user, role):
        raise PermissionDenied(f"{user.name} is a {user.role}; only {role}s can {doing}")


def set_role(name: str, role: str, *, by: str, session: Session) -> User:
    """Give `name` a role (admins only); creates the user if needed."""
    if role not in ROLES:
        raise UsageProblem(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    actor = ensure_user(by, session=session)
    require_role(actor, "admin", "change roles")
    _lock_users(session)
    target = ensure_user(name, session=session)
    if target.role == "admin" and role != "admin":
        admins = session.exec(
            select(func.count()).select_from(User).where(User.role == "admin")
        ).one()
        if admins <= 1:
            raise FactcheckError(f"{target.name} is the last admin; make someone else admin first")
    target.role = role
    session.add(target)
    session.flush()
    return target


def list_users(*, session: Session) -> list[User]:
    """Every known user, by name."""
    return list(session.exec(select(User).order_by(User.name)).all())
