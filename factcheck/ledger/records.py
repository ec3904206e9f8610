"""Ledger records as read from a file: typed fields, each knowing its line for error messages."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from factcheck.errors import LedgerError

#: Record types in the order an import applies them (each may refer to the ones before).
RECORD_TYPES = (
    "source",
    "dispute",
    "user",
    "document",
    "document_link",
    "attribution",
    "claim",
    "claim_link",
    "review",
    "review_event",
)

#: Current version of the ledger format, written in the header record.
FORMAT = 1


class Obj(dict[str, Any]):
    """A mapping read from a ledger file that remembers the line of itself and of each key."""

    def __init__(
        self,
        items: Iterable[tuple[str, Any]] = (),
        *,
        line: int,
        key_lines: dict[str, int] | None = None,
    ):
        super().__init__(items)
        self.line = line
        self.key_lines = key_lines or {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Lines(list[Any]):
    """A list read from a ledger file that remembers the line of each item."""

    def __init__(self, items: Iterable[Any] = (), *, line: int, item_lines: Sequence[int] = ()):
        super().__init__(items)
        self.line = line
        self.item_lines = list(item_lines)

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


#: Default meaning "this field must be given".
REQUIRED: Any = object()


@dataclass
class Fields:
    """Typed, validated access to one record's fields; errors name the file and line.

    `x(key)` reads a field that must hold a value (a missing key takes the
    default, when there is one); `optional_x(key)` also accepts null.
    Every key read is remembered so that `done()` can refuse unknown ones.
    """

    obj: Obj
    path: str
    what: str  # "source", "attribution", "figure" ... for messages
    used: set[str] = field(default_factory=set)

    def error(self, message: str, key: str | None = None) -> LedgerError:
        line = self.obj.line_of(key) if key else self.obj.line
        return LedgerError(message, path=self.path, line=line)

    def has(self, key: str) -> bool:
        return key in self.obj

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.obj.get(key)

    def done(self) -> None:
        """Refuse keys nobody read: a typo must not be silently ignored."""
        extra = [k for k in self.obj if k not in self.used]
        if extra:
            raise self.error(f"unknown field {extra[0]!r} in {self.what}", extra[0])

    def _value(self, key: str, default: Any) -> Any:
        """The value of a field that must not be null; a missing key takes `default` if given."""
        self.used.add(key)
        if key not in self.obj:
            if default is REQUIRED:
                raise self.error(f"{self.what} has no {key!r}")
            return default
        value = self.obj[key]
        if value is None:
            raise self.error(f"{self.what} {key!r} must not be null", key)
        return value

    def _typed(self, key: str, value: Any, types: type | tuple[type, ...], want: str) -> Any:
        if isinstance(value, bool) and bool not in (
            types if isinstance(types, tuple) else (types,)
        ):
            raise self.error(f"{self.what} {key!r} must be {want}, not {_kind(value)}", key)
        if not isinstance(value, types):
            raise self.error(f"{self.what} {key!r} must be {want}, not {_kind(value)}", key)
        return value

    # --- text ----------------------------------------------------------------

    def text(self, key: str, default: str = REQUIRED) -> str:
        """A string (numbers are not silently turned into text)."""
        return self._typed(key, self._value(key, default), str, "text")

    def optional_text(self, key: str) -> str | None:
        return None if self.raw(key) is None else self.text(key)

    def name(self, key: str, default: str = REQUIRED) -> str:
        """A non-blank string: a name or a reference."""
        value = self.text(key, default)
        if not value.strip():
            raise self.error(f"{self.what} {key!r} is blank", key)
        return value

    def optional_name(self, key: str) -> str | None:
        return None if self.raw(key) is None else self.name(key)

    def choice(self, key: str, choices: Sequence[str], default: str = REQUIRED) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise self.error(
                f"unknown {self.what} {key} {value!r} (expected one of: {', '.join(choices)})", key
            )
        return value

    def optional_choice(self, key: str, choices: Sequence[str]) -> str | None:
        return None if self.raw(key) is None else self.choice(key, choices)

    def local_id(self, key: str) -> str:
        """A file-local id such as `d1`; integers are accepted and read as text."""
        value = self._typed(key, self._value(key, REQUIRED), (str, int), "an id")
        text = str(value).strip()
        if not text:
            raise self.error(f"{self.what} {key!r} is blank", key)
        return text

    def optional_local_id(self, key: str) -> str | None:
        return None if self.raw(key) is None else self.local_id(key)

    def strings(self, key: str) -> list[str]:
        """A list of single-line strings (a lone string counts as a list of one; null as none)."""
        value = self.raw(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.error(f"{self.what} {key!r} must be a list of text", key)
        out = []
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, Lines) else self.obj.line_of(key)
            if not isinstance(item, str):
                message = f"{self.what} {key!r} must hold text, not {_kind(item)}"
                raise LedgerError(message, path=self.path, line=line)
            if "\n" in item or "\r" in item:
                message = f"{self.what} {key!r} entries must be on one line"
                raise LedgerError(message, path=self.path, line=line)
            out.append(item)
        return out

    # --- numbers and flags ---------------------------------------------------

    def flag(self, key: str, default: bool = REQUIRED) -> bool:
        return self._typed(key, self._value(key, default), bool, "true or false")

    def optional_flag(self, key: str) -> bool | None:
        return None if self.raw(key) is None else self.flag(key)

    def integer(self, key: str, default: int = REQUIRED, *, minimum: int = 0) -> int:
        value = self._typed(key, self._value(key, default), int, "a whole number")
        if value < minimum:
            raise self.error(f"{self.what} {key!r} must be at least {minimum}", key)
        return value

    def optional_integer(self, key: str, *, minimum: int = 0) -> int | None:
        return None if self.raw(key) is None else self.integer(key, minimum=minimum)

    def number(self, key: str, default: float = REQUIRED) -> float:
        """A finite number."""
        value = float(self._typed(key, self._value(key, default), (int, float), "a number"))
        if not math.isfinite(value):
            raise self.error(f"{self.what} {key!r} must be a finite number", key)
        return value

    def bound(self, key: str, default: float | None) -> float | None:
        """An interval bound: null (or infinity) means no bound; a missing key takes `default`."""
        self.used.add(key)
        if key not in self.obj:
            return default
        value = self.obj[key]
        if value is None:
            return None
        number = float(self._typed(key, value, (int, float), "a number or null"))
        if math.isnan(number):
            raise self.error(f"{self.what} {key!r} must be a number or null", key)
        # an infinite bound is stored as "no bound" (null), the way the export writes it
        return None if math.isinf(number) else number

    # --- dates -----------------------------------------------------------------

    def timestamp(self, key: str) -> datetime:
        """An ISO 8601 date-time; one without an offset is taken as UTC."""
        value = self._value(key, REQUIRED)
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, date):
            parsed = datetime(value.year, value.month, value.day)
        elif isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.error(
                    f"bad date-time {value!r} for {key!r} (use ISO 8601, e.g. 2024-11-08T07:45:00Z)",
                    key,
                ) from None
        else:
            raise self.error(f"{self.what} {key!r} must be a date-time, not {_kind(value)}", key)
        if parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed

    def optional_timestamp(self, key: str) -> datetime | None:
        return None if self.raw(key) is None else self.timestamp(key)

    def optional_day(self, key: str) -> date | None:
        """A calendar date (YYYY-MM-DD) or null."""
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            raise self.error(f"{self.what} {key!r} must be a date without a time", key)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise self.error(f"bad date {value!r} for {key!r} (use YYYY-MM-DD)", key) from None
        raise self.error(f"{self.what} {key!r} must be a date, not {_kind(value)}", key)

    # --- nested ----------------------------------------------------------------

    def items(self, key: str) -> Lines:
        """A list field (null or missing: empty)."""
        value = self.raw(key)
        if value is None:
            return Lines(line=self.obj.line_of(key))
        if not isinstance(value, Lines):
            raise self.error(f"{self.what} {key!r} must be a list, not {_kind(value)}", key)
        return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime | date):
        return "a date"
    if value is None:
        return "null"
    return type(value).__name__


@dataclass
class Record:
    """One ledger record: its type, its fields and where it was read."""

    type: str
    obj: Obj
    path: str

    @property
    def line(self) -> int:
        return self.obj.line

    def fields(self) -> Fields:
        return Fields(self.obj, self.path, self.type.replace("_", " "))
