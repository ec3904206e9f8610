"""Reports as one self-contained HTML page: inline CSS and SVG, nothing fetched, data escaped."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from factcheck.reports import svg
from factcheck.reports.claim import provenance_graph
from factcheck.reports.common import figure_text, format_number, human_time, safe_url

# how many outlets the corpus chart draws (the table below it lists them all)
CHART_OUTLETS = 12


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _chain_layout(chain: list[dict[str, Any]], uid: str) -> dict[str, Any]:
    return svg.provenance_layout(provenance_graph([chain]), uid=uid)


def _outlet_bars(data: dict[str, Any]) -> dict[str, Any]:
    rows = [{**data["mix"], "label": "all outlets", "emphasis": True}]
    rows += [{**row, "label": row["outlet"]} for row in data["mix_by_outlet"][:CHART_OUTLETS]]
    return svg.mix_layout(rows)


def _mix_layout(row: dict[str, Any]) -> dict[str, Any]:
    return svg.mix_layout([row])


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs: compiling them is a third of a claim report's time."""
    folder = (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck" / "jinja"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return FileSystemBytecodeCache(str(folder))


@cache
def environment() -> Environment:
    """The Jinja environment; autoescaping is on for every template, whatever its name."""
    env = Environment(
        loader=PackageLoader("factcheck.reports", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=human_time,
        figure_text=figure_text,
        pct=_pct,
        number=format_number,
        link=safe_url,
        provenance_layout=lambda graph, uid: svg.provenance_layout(graph, uid=uid),
        chain_layout=_chain_layout,
        mix_layout=_mix_layout,
        outlet_bars=_outlet_bars,
    )
    return env


def render_html(data: dict[str, Any]) -> str:
    """The page for a report dict built by factcheck.reports.{claim,document,corpus}."""
    template = environment().get_template(f"{data['report']}.html.j2")
    return template.render(data=data)
