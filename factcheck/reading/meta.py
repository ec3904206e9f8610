"""Tidy metadata values found in HTML meta tags or JSON fields."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from factcheck.reading.dates import as_utc, from_epoch, parse_date

_LIST_SEP = re.compile(r"\s*;\s*|\s*\|\s*")
_NAME_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def clean_str(value: Any) -> str | None:
    """A stripped, non-empty string from a string, a {"name": …} object or a list of them."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    elif isinstance(value, list | tuple):
        value = next((v for v in (clean_str(x) for x in value) if v), None)
    if value is None or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def authors_from(value: Any) -> list[str]:
    """Author names from "A; B", "By A, B and C", a list of names or of {"name": …} objects."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            for name in authors_from(item):
                if name not in out:
                    out.append(name)
        return out
    text = clean_str(value)
    if not text:
        return []
    names: list[str] = []
    for chunk in _LIST_SEP.split(_BY.sub("", text)):
        parts = [p for p in _NAME_SEP.split(chunk) if p]
        # "Roe, Jane" is one person written surname first; "Jane Roe, Sam Poe" is two.
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
            names.extend(parts)
        elif chunk:
            names.append(chunk)
    return [n for i, n in enumerate(names) if n and n not in names[:i]]


def date_from(value: Any) -> datetime | None:
    """An aware UTC datetime from a datetime, a Unix time or a date string, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, int | float):
        return from_epoch(value)
    text = clean_str(value)
    if not text:
        return None
    if text.isdigit():
        return from_epoch(text)
    return parse_date(text)
