"""Reading report files: checks, decoding, formats, errors."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.reading import MAX_BYTES, iter_paths, load_report, split_report
from factcheck.reading.load import sniff_format

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reading"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def error_of(path: str, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        load_report(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- text and decoding ----------------------------------------------------------------


def test_plain_text_is_kept_exactly():
    raw = load_report(str(FIXTURES / "plain.txt"))
    assert raw.format == "text"
    assert raw.meta == {}
    assert raw.text == (FIXTURES / "plain.txt").read_text(encoding="utf-8")


def test_line_endings_normalised_and_nothing_else(tmp_path):
    path = write(tmp_path, "crlf.txt", "One line.\r\nTwo  lines\u00a0here.\rThree.\n".encode())
    assert load_report(path).text == "One line.\nTwo  lines\u00a0here.\nThree.\n"


def test_utf8_bom_stripped(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfMinister said so.")
    assert load_report(path).text == "Minister said so."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    text = "Kyiv’s mayor said 25 people were hurt.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert load_report(write(tmp_path, "wide.txt", data)).text == text


def test_windows_1252_accepted_when_plausible(tmp_path):
    data = "Café owners said prices rose – sharply – this “winter”.".encode("cp1252")
    path = write(tmp_path, "legacy.txt", data)
    assert load_report(path).text == "Café owners said prices rose – sharply – this “winter”."


# --- errors -----------------------------------------------------------------------------


def test_missing_file():
    assert error_of("no/such/report.txt") == "no/such/report.txt: no such file"


def test_directory_is_not_a_report(tmp_path):
    assert error_of(str(tmp_path)).endswith(": is a directory")


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    assert error_of(path) == f"{path}: empty file"


def test_whitespace_only(tmp_path):
    path = write(tmp_path, "blank.txt", b" \n\t\r\n  \n")
    assert error_of(path) == f"{path}: no text (only whitespace)"


def test_nul_bytes_mean_binary(tmp_path):
    path = write(tmp_path, "x.bin", b"PK\x03\x04\x00\x00binary")
    assert error_of(path) == f"{path}: binary file (NUL bytes)"


def test_control_characters_mean_binary(tmp_path):
    path = write(tmp_path, "x.dat", bytes(range(1, 9)) * 50 + b"some text")
    assert error_of(path) == f"{path}: binary file (mostly non-text bytes)"


def test_undecodable_bytes(tmp_path):
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid as UTF-8.
    path = write(tmp_path, "bad.txt", b"Officials said \x81\x8d\xff\xfe\x90 more.")
    assert "cannot decode text" in error_of(path)


def test_random_high_bytes_are_not_taken_for_cp1252(tmp_path):
    path = write(
        tmp_path, "noise.txt", bytes([0xA4, 0xA6, 0xA8, 0xAC, 0xAF, 0xB4, 0xB6, 0x41]) * 40
    )
    assert "cannot decode text" in error_of(path)


def test_mojibake_rejected(tmp_path):
    text = "The minister didnâ€™t say when the talks would resume."
    path = write(tmp_path, "moji.txt", text.encode("utf-8"))
    message = error_of(path)
    assert "double-encoded" in message and "line 1" in message


def test_huge_file_fails_fast_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk space used
    message = error_of(str(path))
    assert "file too large" in message and "50 MiB" in message


def test_file_just_over_limit(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert "file too large" in error_of(str(path))


class _EndlessStream:
    """A stdin that never ends; records how much it was asked for."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def read(self, size: int = -1) -> bytes:
        self.asked.append(size)
        assert 0 < size <= MAX_BYTES + 1, "stdin must be read with a bound"
        return b"a" * size


def test_stdin_read_with_a_bound():
    stream = _EndlessStream()
    with pytest.raises(InputError, match=r"^stdin: file too large"):
        load_report("-", stdin=stream)  # type: ignore[arg-type]
    assert stream.asked == [MAX_BYTES + 1]


def test_stdin_text():
    raw = load_report("-", stdin=io.BytesIO(b"Police said two people were hurt.\r\n"))
    assert raw.path == "-"
    assert raw.text == "Police said two people were hurt.\n"
    assert raw.format == "text"


def test_stdin_empty():
    with pytest.raises(InputError, match=r"^stdin: empty file$"):
        load_report("-", stdin=io.BytesIO(b""))


def test_unknown_format():
    with pytest.raises(InputError, match="unknown format"):
        load_report(str(FIXTURES / "plain.txt"), format="pdf")


# --- HTML ------------------------------------------------------------------------------------


def test_html_article_text_and_metadata():
    raw = load_report(str(FIXTURES / "article.html"))
    assert raw.format == "html"
    assert "barge struck one of its pillars" in raw.text
    assert "nobody on board was hurt" in raw.text
    assert raw.meta["title"] == "Bridge closed after barge strike"
    assert raw.meta["outlet"] == "Riverside Gazette"
    assert raw.meta["url"] == "https://gazette.example/news/bridge-closed"
    assert raw.meta["authors"] == ["Jonas Weber", "Lea Brandt"]
    assert raw.meta["published"] == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)


def test_hostile_html_yields_text_only():
    raw = load_report(str(FIXTURES / "article.html"))
    for bad in (
        "alert",
        "javascript",
        "onerror",
        "stealCookies",
        "tracking pixel",
        "<",
        "color: red",
    ):
        assert bad not in raw.text


def test_html_drafts_take_page_metadata():
    raw = load_report(str(FIXTURES / "article.html"))
    (draft,) = split_report(raw)
    assert draft.title == "Bridge closed after barge strike"
    assert draft.outlet == "Riverside Gazette"
    assert draft.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    # The <h1> repeated as the first line is the headline, not body text.
    assert draft.title_span == (0, len("Bridge closed after barge strike"))
    assert "Bridge closed after barge strike" not in draft.body_text()


def test_html_without_text():
    path = str(FIXTURES / "no_text.html")
    assert error_of(path) == f"{path}: HTML page has no extractable text"


def test_html_sniffed_from_stdin():
    page = b"<!doctype html><html><body><article><p>The mayor said the bridge will reopen on Monday after repairs.</p></article></body></html>"
    raw = load_report("-", stdin=io.BytesIO(page))
    assert raw.format == "html"
    assert raw.text.strip() == "The mayor said the bridge will reopen on Monday after repairs."


# --- JSON ------------------------------------------------------------------------------------


def test_json_list_each_object_one_draft():
    raw = load_report(str(FIXTURES / "articles.json"))
    assert raw.format == "json"
    assert len(raw.parts) == 2
    first, second = split_report(raw)
    assert raw.text == first.text + "\n\n" + second.text
    assert (first.title, first.outlet, first.authors) == (
        "Council approves new tram line",
        "Metro Wire",
        ["Sam Poe", "Jane Roe"],
    )
    assert first.published == datetime(2024, 4, 8, 17, 20, tzinfo=UTC)
    assert first.url == "https://metro.example/tram"
    assert (second.title, second.outlet, second.authors) == (
        "Tram plan criticised by residents",
        "Coastal Courier",
        ["Ann Lee"],
    )
    assert second.published == datetime.fromtimestamp(1712600000, tz=UTC)
    for draft in (first, second):
        assert draft.text == raw.text[draft.start : draft.end]
        assert draft.skip == [] and draft.body_start == 0


def test_json_single_object_fields():
    raw = load_report(str(FIXTURES / "single.json"))
    assert raw.meta["title"] == "Airport reopens after fog"
    (draft,) = split_report(raw)
    assert draft.outlet == "Harbour Daily"
    assert draft.authors == ["Priya Nair"]
    assert draft.published == datetime(2024, 1, 12, tzinfo=UTC)
    assert draft.text.startswith("Flights resumed")


def test_json_wrapper_and_json_lines(tmp_path):
    wrapped = b'{"status": "ok", "articles": [{"title": "A", "text": "Police said so."}]}'
    assert load_report(write(tmp_path, "w.json", wrapped)).text == "Police said so."
    lines = b'{"text": "One said this."}\n{"text": "Two said that."}\n'
    raw = load_report(write(tmp_path, "l.jsonl", lines))
    assert raw.text == "One said this.\n\nTwo said that."


def test_malformed_json():
    path = str(FIXTURES / "bad.json")
    message = error_of(path)
    assert message.startswith(f"{path}: malformed JSON (line 2, column 1:")


def test_json_without_article_text(tmp_path):
    path = write(tmp_path, "meta.json", b'[{"title": "No body here", "url": "https://x.example"}]')
    assert "JSON holds no article text" in error_of(path)


def test_json_format_forced_on_text_file():
    path = str(FIXTURES / "plain.txt")
    assert "malformed JSON" in error_of(path, format="json")


# --- format guessing and paths --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <html><p>x</p></html>", "html"),
        ('{"text": "x"}', "json"),
        ("[Updated] The minister said more.", "text"),
        ("Plain words. <b>not</b> a page", "text"),
    ],
)
def test_sniff_format(text, expected):
    assert sniff_format(text) == expected


def test_txt_extension_is_never_sniffed(tmp_path):
    path = write(tmp_path, "looks.txt", b'{"text": "Officials said this."}')
    raw = load_report(path)
    assert raw.format == "text" and raw.text.startswith("{")


def test_iter_paths_expands_folders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "b/1.html", "a.txt", ".secret.txt", ".hidden/x.txt"):
        (tmp_path / name).write_text("x")
    found = iter_paths([str(tmp_path), "-", "missing.txt"])
    assert found == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.html"),
        str(tmp_path / "b" / "2.txt"),
        "-",
        "missing.txt",
    ]
