"""Attribution reports (claim, document, corpus) and their renderers.

Each report is built once as JSON-ready data (`claim.py`, `document.py`,
`corpus.py`); every format renders that same dict, so `--format json` shows
exactly what the HTML, Markdown and text pages show.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.errors import UsageProblem

FORMATS = ("text", "md", "html", "json")
KINDS = ("claim", "document", "corpus")


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def render(data: dict[str, Any], fmt: str) -> str:
    """A built report in one of FORMATS; renderers are imported only when used."""
    if fmt == "json":
        return to_json(data) + "\n"
    if fmt == "html":
        from factcheck.reports.render_html import render_html

        return render_html(data)
    if fmt == "md":
        from factcheck.reports.render_md import render_md

        return render_md(data)
    if fmt == "text":
        from factcheck.reports.render_text import render_text

        return render_text(data)
    raise UsageProblem(f"unknown report format {fmt!r} (one of: {', '.join(FORMATS)})")
