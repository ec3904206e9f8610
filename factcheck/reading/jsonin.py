"""Articles from JSON: one object, a list of objects, a wrapper such as {"articles": […]}, or JSON Lines."""

from __future__ import annotations

import json
import re
from typing import Any

from factcheck.errors import InputError
from factcheck.reading.load import ReportPart
from factcheck.reading.meta import authors_from, clean_str, date_from

#: Joins the texts of a JSON list into RawReport.text.
SEPARATOR = "\n\n"

# Field names news APIs and scrapers use, most specific first.
_TEXT_KEYS = (
    "text",
    "body",
    "content",
    "articleBody",
    "article_body",
    "article",
    "full_text",
    "fullText",
    "story",
    "description",
    "summary",
)
_TITLE_KEYS = ("title", "headline", "name")
_OUTLET_KEYS = (
    "outlet",
    "source",
    "site",
    "site_name",
    "siteName",
    "publisher",
    "source_name",
    "sourceName",
    "provider",
)
_URL_KEYS = ("url", "link", "uri", "href", "canonical_url", "permalink")
_DATE_KEYS = (
    "published",
    "date",
    "datePublished",
    "date_published",
    "published_at",
    "publishedAt",
    "pubDate",
    "pub_date",
    "created_at",
    "createdAt",
    "time",
    "timestamp",
)
_AUTHOR_KEYS = ("authors", "author", "byline", "creator", "creators", "writer")
_WRAPPER_KEYS = (
    "articles",
    "items",
    "documents",
    "docs",
    "data",
    "results",
    "entries",
    "posts",
    "stories",
    "news",
)
_HTML_FRAGMENT = re.compile(r"<(?:p|div|br|span|a|h[1-6]|ul|li|em|strong|blockquote)\b[^>]*>", re.I)


def parse_json(text: str, name: str) -> tuple[str, list[ReportPart], dict[str, Any]]:
    """(joined article texts, one part per article, metadata of a lone object)."""
    data = _loads(text, name)
    records = _records(data)
    parts: list[ReportPart] = []
    chunks: list[str] = []
    pos = 0
    for record in records:
        body = _body(record)
        if body is None:
            continue
        if chunks:
            pos += len(SEPARATOR)
        chunks.append(body)
        parts.append(ReportPart(pos, pos + len(body), _meta(record)))
        pos += len(body)
    if not parts:
        raise InputError(
            f"{name}: JSON holds no article text (expected objects with a 'text', 'body' or"
            " 'content' field)"
        )
    meta = dict(parts[0].meta) if isinstance(data, dict) and len(parts) == 1 else {}
    return SEPARATOR.join(chunks), parts, meta


def _loads(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        error = exc
    # JSON Lines: one object per line.
    rows = [row for row in text.split("\n") if row.strip()]
    if len(rows) > 1:
        try:
            values = [json.loads(row) for row in rows]
        except json.JSONDecodeError:
            values = []
        if values and all(isinstance(v, dict) for v in values):
            return values
    raise InputError(
        f"{name}: malformed JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    )


def _records(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 3:
        return []
    if isinstance(data, list):
        out: list[dict[str, Any]] = []
        for item in data:
            out.extend(
                _records(item, depth + 1) if isinstance(item, list) else _records(item, depth)
            )
        return out
    if not isinstance(data, dict):
        return []
    if any(_body_value(data.get(k)) for k in _TEXT_KEYS):
        return [data]
    for key in _WRAPPER_KEYS:
        if isinstance(data.get(key), list | dict):
            found = _records(data[key], depth + 1)
            if found:
                return found
    return [data]


def _body_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        joined = "\n\n".join(v.strip() for v in value if v.strip())
        return joined or None
    if isinstance(value, dict):
        # WordPress: {"rendered": "<p>…</p>"}
        return _body_value(value.get("rendered") or value.get("text"))
    return None


def _body(record: dict[str, Any]) -> str | None:
    for key in _TEXT_KEYS:
        value = _body_value(record.get(key))
        if value is None:
            continue
        if _HTML_FRAGMENT.search(value):
            from factcheck.reading.html import extract_html

            try:
                value, _ = extract_html(value, "JSON field")
            except InputError:
                continue
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if value.strip():
            return value
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    meta = {
        "title": clean_str(_first(record, _TITLE_KEYS)),
        "outlet": clean_str(_first(record, _OUTLET_KEYS)),
        "url": clean_str(_first(record, _URL_KEYS)),
        "published": date_from(_first(record, _DATE_KEYS)),
        "authors": authors_from(_first(record, _AUTHOR_KEYS)),
    }
    return {k: v for k, v in meta.items() if v}
