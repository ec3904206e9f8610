"""The curated ledger as a file: import YAML or JSONL, export JSONL.

A ledger file holds sources, disputes, users, documents, attributions,
claims (with figures), links and reviews. Sources are referred to by name
(resolved through the registry, so aliases work); documents, attributions
and claims by an `id` local to the file. See docs/ledger.md.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from factcheck.errors import LedgerError
from factcheck.ledger.importer import ImportSummary, apply_records
from factcheck.ledger.jsonl import export_records, read_jsonl, write_jsonl
from factcheck.ledger.records import Record
from factcheck.ledger.yamlin import read_yaml

FORMATS = ("yaml", "jsonl")
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".jsonl": "jsonl"}


def ledger_format(path: str | Path, requested: str | None = None) -> str:
    """The format of a ledger file: as requested, else from its suffix."""
    if requested:
        if requested not in FORMATS:
            raise LedgerError(
                f"unknown ledger format {requested!r} (use yaml or jsonl)", path=str(path)
            )
        return requested
    found = _SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise LedgerError(
            "cannot tell the ledger format; name the file .yaml, .yml or .jsonl", path=str(path)
        )
    return found


def read_ledger(path: str | Path, *, format: str | None = None) -> list[Record]:
    """Parse a ledger file into records (nothing is checked against a database yet)."""
    name = str(path)
    kind = ledger_format(path, format)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LedgerError(f"cannot read: {exc.strerror or exc}", path=name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError("not UTF-8 text", path=name) from None
    return read_yaml(text, name) if kind == "yaml" else read_jsonl(text, name)


def import_ledger(
    path: str | Path, *, session: Session, format: str | None = None
) -> ImportSummary:
    """Import a ledger file in `session` as one unit: on any error the session is rolled back.

    The caller commits. Raises LedgerError ("FILE:LINE: message") for any invalid record.
    """
    records = read_ledger(path, format=format)
    try:
        return apply_records(records, session=session, path=str(path))
    except BaseException:
        session.rollback()
        raise


__all__ = [
    "FORMATS",
    "ImportSummary",
    "Record",
    "export_records",
    "import_ledger",
    "ledger_format",
    "read_ledger",
    "write_jsonl",
]
