"""Article text and metadata from an HTML page, via trafilatura."""

from __future__ import annotations

import logging
from typing import Any

import trafilatura

from factcheck.errors import InputError
from factcheck.reading.meta import authors_from, clean_str, date_from

# trafilatura logs warnings about odd pages; a library must not print them to stderr
# unless the application asks for logging.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def extract_html(html: str, name: str) -> tuple[str, dict[str, Any]]:
    """The main text of `html` (paragraphs on their own lines) and its metadata.

    Scripts, styles, event handlers and link targets never reach the text: trafilatura
    reads only the text nodes of the cleaned tree.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
        text = _field(doc, "text")
        if not text or not text.strip():
            # Pages too short for the main-content heuristics still have text worth reading.
            text = trafilatura.html2txt(html)
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds
        raise InputError(f"{name}: cannot parse HTML ({type(exc).__name__})") from None
    if not text or not text.strip():
        raise InputError(f"{name}: HTML page has no extractable text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta = {
        "title": clean_str(_field(doc, "title")),
        "url": clean_str(_field(doc, "url")),
        "outlet": clean_str(_field(doc, "sitename")),
        "published": date_from(_field(doc, "date")),
        "authors": authors_from(_field(doc, "author")),
    }
    return text, {k: v for k, v in meta.items() if v}


def _field(doc: Any, name: str) -> Any:
    # bare_extraction returns a Document, a dict (as_dict) or None depending on options.
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(name)
    return getattr(doc, name, None)
