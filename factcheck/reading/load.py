"""Read a report from a file or stdin: size and content checks, decoding, format detection."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from factcheck.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("auto", "text", "html", "json")

_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_JSON_EXT = {".json", ".jsonl", ".ndjson"}
_TEXT_EXT = {".txt", ".text", ".md", ".markdown"}

# C0/C1 control characters other than tab, newline, carriage return and form feed, and
# the replacement character: text files have next to none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_ASCII_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.02
# UTF-8 read as Windows-1252 and saved again: "â€™" for ’, "Ã©" for é, "Â£" for £.
_MOJIBAKE = re.compile(
    "â€[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]?"
    "|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|Â[\u00a0-\u00bf]"
)
_MOJIBAKE_LEADS = ("â", "Ã", "Â")
# Characters other than letters that Western text in Windows-1252 commonly holds.
_CP1252_PUNCT = set("‘’‚“”„–—…•€£¥¢°·«»½¼¾×÷§©®™¹²³±¶†‡‰¡¿ ")
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|main|div|p|h1|section|meta|title)\b", re.I)


@dataclass
class ReportPart:
    """One article inside a multi-article report (a JSON list): its slice of the text and fields."""

    start: int
    end: int
    meta: dict[str, Any]


@dataclass
class RawReport:
    """A report as read.

    `text` is the decoded file with any BOM removed and line endings turned into
    "\\n" (no other change), so offsets into it are offsets into the file as read.
    For HTML it is the article text trafilatura extracts; for JSON it is the
    article texts joined by a blank line ("\\n\\n"), each item's slice recorded in
    `parts`. `meta` holds title/url/outlet/published/authors found in HTML meta
    tags or in the JSON object (for a JSON list, each part's `meta` does).
    """

    path: str  # as given ("-" for stdin)
    text: str
    format: str  # "text" | "html" | "json"
    meta: dict[str, Any]
    parts: list[ReportPart] = field(default_factory=list)


def iter_paths(paths: Sequence[str]) -> list[str]:
    """Expand folders into the files below them (sorted, hidden ones skipped); keep "-"."""
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
            out.extend(sorted(found))
        else:
            out.append(path)
    return out


def load_report(path: str, *, format: str = "auto", stdin: BinaryIO | None = None) -> RawReport:
    """Read, check and decode one report; raise InputError with a one-line reason."""
    name = "stdin" if path == "-" else path
    if format not in FORMATS:
        raise InputError(f"{name}: unknown format {format!r} (use auto, text, html or json)")
    text = decode_bytes(_read_bytes(path, name, stdin), name)
    fmt = format if format != "auto" else _guess_format(path, text)
    # Imported here: trafilatura is slow to import and plain text never needs it.
    if fmt == "html":
        from factcheck.reading.html import extract_html

        article, meta = extract_html(text, name)
        return RawReport(path=path, text=article, format="html", meta=meta)
    if fmt == "json":
        from factcheck.reading.jsonin import parse_json

        joined, parts, meta = parse_json(text, name)
        return RawReport(path=path, text=joined, format="json", meta=meta, parts=parts)
    return RawReport(path=path, text=text, format="text", meta={})


def _read_bytes(path: str, name: str, stdin: BinaryIO | None) -> bytes:
    if path == "-":
        stream: Any = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory")
        # Checked before reading so a huge file fails at once, not after filling memory.
        if info.st_size > MAX_BYTES:
            raise InputError(_too_large(name, info.st_size))
        try:
            with open(path, "rb") as handle:
                data = _read_at_most(handle, MAX_BYTES + 1, info)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(name, None))
    return data


def _read_at_most(handle: BinaryIO, limit: int, info: os.stat_result) -> bytes:
    """The first ``limit`` bytes of an open file (all of it if shorter).

    ``read(limit)`` sets aside ``limit`` bytes before reading; for a regular file, ask for
    the size ``stat`` gave plus one byte first, and read on only if the file grew since.
    """
    if not stat.S_ISREG(info.st_mode) or info.st_size >= limit:
        return handle.read(limit)
    data = handle.read(info.st_size + 1)
    if len(data) > info.st_size:
        data += handle.read(limit - len(data))
    return data


def _too_large(name: str, size: int | None) -> str:
    mib = MAX_BYTES // (1024 * 1024)
    shown = f"{size / (1024 * 1024):.0f} MiB" if size is not None else f"over {mib} MiB"
    return f"{name}: file too large ({shown}; the limit is {mib} MiB)"


def decode_bytes(data: bytes, name: str) -> str:
    """Decode report bytes (UTF-8, UTF-16/32 with BOM, else plausible Windows-1252).

    Strips a BOM and turns CRLF / CR line endings into LF; changes nothing else.
    """
    if not data:
        raise InputError(f"{name}: empty file")
    text = _decode(data, name)
    sample = text[: 1 << 20]
    if sample and _control_count(sample) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(f"{name}: binary file (mostly non-text bytes)")
    # Every mojibake sequence starts with one of three letters: look for them first.
    bad = _MOJIBAKE.search(text) if any(c in text for c in _MOJIBAKE_LEADS) else None
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(
            f"{name}: text looks double-encoded (mojibake such as {bad.group()!r} on line {line});"
            " save it as UTF-8"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: no text (only whitespace)")
    return text


def _control_count(sample: str) -> int:
    """``len(_CONTROL.findall(sample))``, counted on the UTF-8 bytes in the usual case.

    In UTF-8 a byte below 0x80 is always that ASCII character; the other characters
    ``_CONTROL`` matches (U+0080-U+009F, U+FFFD) start with 0xC2 or 0xEF 0xBF 0xBD, and
    only text holding those bytes needs the slower regex count.
    """
    try:
        raw = sample.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return len(_CONTROL.findall(sample))
    if b"\xc2" in raw or b"\xef\xbf\xbd" in raw:
        return len(_CONTROL.findall(sample))
    return len(raw) - len(raw.translate(None, _ASCII_CONTROL_BYTES))


def _decode(data: bytes, name: str) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name}: cannot decode text (invalid {codec.upper()})") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _plausible_cp1252(data)
    if text is None:
        raise InputError(f"{name}: cannot decode text (not UTF-8, UTF-16 or Windows-1252)")
    return text


def _plausible_cp1252(data: bytes) -> str | None:
    """`data` as Windows-1252 if the result reads like Western text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if not high or len(high) > 0.3 * len(text):
        return None
    ordinary = sum(1 for c in high if c.isalpha() or c in _CP1252_PUNCT)
    return text if ordinary >= 0.8 * len(high) else None


def _guess_format(path: str, text: str) -> str:
    ext = os.path.splitext(path)[1].lower() if path != "-" else ""
    if ext in _HTML_EXT:
        return "html"
    if ext in _JSON_EXT:
        return "json"
    if ext in _TEXT_EXT:
        return "text"
    return sniff_format(text)


def sniff_format(text: str) -> str:
    """ "html", "json" or "text", judged from the content alone."""
    head = text[:4096]
    stripped = head.lstrip()
    if _HTML_START.match(head) or (stripped.startswith("<") and _HTML_TAGS.search(head)):
        return "html"
    if stripped[:1] in ("{", "["):
        try:
            json.loads(text)
        except ValueError:
            return "text"
        return "json"
    return "text"
