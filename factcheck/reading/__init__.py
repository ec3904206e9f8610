"""Read reports: load files (text, HTML, JSON), split them into documents, fingerprint them.

raw = load_report("page.txt")          # checks, decodes, extracts HTML/JSON text
drafts = split_report(raw)             # live-blog entries, re-published articles...
for d in drafts:
    assert d.text == raw.text[d.start:d.end]
"""

from factcheck.reading.fingerprint import fingerprint, normal_text, shingles
from factcheck.reading.load import (
    MAX_BYTES,
    RawReport,
    ReportPart,
    decode_bytes,
    iter_paths,
    load_report,
)
from factcheck.reading.split import ARTICLE, LIVEBLOG_ENTRY, DocumentDraft, split_report

__all__ = [
    "ARTICLE",
    "LIVEBLOG_ENTRY",
    "MAX_BYTES",
    "DocumentDraft",
    "RawReport",
    "ReportPart",
    "decode_bytes",
    "fingerprint",
    "iter_paths",
    "load_report",
    "normal_text",
    "shingles",
    "split_report",
]
