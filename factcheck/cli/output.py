"""Output helpers: JSON on stdout, or a table."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import click
from tabulate import tabulate


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)


def echo_json(data: Any) -> None:
    click.echo(to_json(data))


def echo_table(
    rows: Iterable[Sequence[Any]], headers: Sequence[str], *, empty: str = "(none)"
) -> None:
    rows = list(rows)
    if not rows:
        click.echo(empty)
        return
    click.echo(tabulate(rows, headers=list(headers), tablefmt="simple", maxcolwidths=60))


def shorten(text: str | None, width: int = 70) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


json_option = click.option(
    "--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout."
)
