"""State shared by every command: one engine per process, the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from factcheck import db as dbmod


@dataclass
class AppContext:
    db: str
    user: str
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The engine, created on first use and checked to be at the current schema."""
        if self._engine is None:
            engine = dbmod.make_engine(self.db)
            dbmod.ensure_schema(engine)
            self._engine = engine
        return self._engine

    def raw_engine(self) -> Engine:
        """The engine without the schema check (for `init`)."""
        if self._engine is None:
            self._engine = dbmod.make_engine(self.db)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
