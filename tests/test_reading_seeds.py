"""The reading stage on real pasted pages, read at run time from ../shared/seeds.

Expected values are derived from the seed text here (by simple patterns over its
lines) rather than copied into this file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from factcheck.reading import LIVEBLOG_ENTRY, load_report, split_report

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# A live-blog entry as pasted: timestamp line, blank, headline, blank, first paragraph.
ENTRY_HEAD = re.compile(r"(?m)^(\d{10})\n\n(.+)\n\n(.+)$")


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip(f"seed {prefix} not available")
    return found[0]


def check_offsets(raw, drafts) -> None:
    for d in drafts:
        assert d.text == raw.text[d.start : d.end]
        assert all(0 <= a < b <= len(d.text) for a, b in d.skip)
        assert 0 <= d.body_start <= len(d.text)


def skipped(d) -> str:
    return "\n".join(d.text[a:b] for a, b in d.skip)


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def liveblog():
    raw = load_report(str(seed("000")))
    drafts = split_report(raw)
    check_offsets(raw, drafts)
    return raw, drafts


@pytest.fixture(scope="module")
def aggregator():
    raw = load_report(str(seed("004")))
    drafts = split_report(raw)
    check_offsets(raw, drafts)
    return raw, drafts


def test_liveblog_one_document_per_entry_plus_lead(liveblog):
    raw, (lead, *entries) = liveblog
    heads = ENTRY_HEAD.findall(raw.text)
    # Every bare Unix timestamp line opens one entry (this page holds ten).
    assert len(heads) == 10
    assert len(entries) == len(heads)
    assert all(d.kind == LIVEBLOG_ENTRY for d in entries)
    assert lead.kind == "article"
    for entry, (stamp, headline, first_paragraph) in zip(entries, heads, strict=True):
        assert entry.text.startswith(stamp)
        assert entry.published == datetime.fromtimestamp(int(stamp), tz=UTC)
        assert entry.title == headline
        assert entry.body_text().startswith(first_paragraph)


def test_liveblog_times_and_bylines(liveblog):
    _, (lead, first, second, *rest) = liveblog
    assert first.published == datetime(2024, 11, 8, 7, 45, 3, tzinfo=UTC)  # 1731051903
    assert second.published == datetime(2024, 11, 8, 7, 30, 3, tzinfo=UTC)
    assert first.authors == ["Namita Singh"]
    assert {name for d in (first, second, *rest) for name in d.authors} == {
        "Namita Singh",
        "Rachel Hagan",
    }
    assert lead.authors == ["Arpan Rai", "Tom Watling"]
    assert lead.published == datetime(2024, 11, 9, 10, 24, tzinfo=UTC)


def test_liveblog_lead_has_page_title_and_summary(liveblog):
    raw, (lead, *_) = liveblog
    lines = nonblank_lines(raw.text)
    stamp_line = next(i for i, line in enumerate(lines) if re.fullmatch(r"\D+\d{10}", line))
    assert lead.title == lines[stamp_line + 1]
    # The paragraph just above the first entry closes the summary.
    last_summary = re.search(r"(?m)^(.+)\n\n\d{10}$", raw.text).group(1)
    assert lead.body_text().endswith(last_summary)
    body = lead.body_text()
    for chrome in ("donation", "paywall", "notifications", "Comments"):
        assert chrome not in body
        assert chrome in skipped(lead)


def test_liveblog_bodies_free_of_furniture(liveblog):
    _, (_, *entries) = liveblog
    for entry in entries:
        body = entry.body_text()
        for furniture in ("Getty Images", "(Reuters)", "Namita", "Hagan", "Report:", entry.title):
            assert furniture not in body
        assert not re.search(r"\d{10}", body)
    assert "commenting" in skipped(entries[-1])
    assert "logged in" in skipped(entries[-1])


def test_aggregator_main_and_republished_article(aggregator):
    raw, drafts = aggregator
    lines = nonblank_lines(raw.text)
    main, advertiser, perth = drafts
    assert lines[1] == lines[2]  # the page repeats its headline
    assert main.title == lines[1]
    assert main.outlet == "Perth Now"
    assert main.published is None
    after_time = lines.index(next(line for line in lines if line.endswith("days ago"))) + 1
    assert main.body_text().startswith(lines[after_time])
    related = lines[lines.index("Related Articles") + 1]
    assert advertiser.title == perth.title == related
    assert advertiser.outlet == "The Advertiser"
    assert perth.outlet == "Perth Now"
    assert advertiser.copy_of is None
    assert perth.copy_of == 1


def test_aggregator_repeated_passage_counted_once(aggregator):
    _, (_, advertiser, perth) = aggregator
    body = advertiser.body_text()
    sentences = [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", body) if len(s) > 20]
    assert len(sentences) >= 10
    for sentence in sentences:
        assert advertiser.text.count(sentence) == 4
        assert body.count(sentence) == 1
    assert perth.body_text() == body


def test_aggregator_chrome_skipped(aggregator):
    _, (main, advertiser, perth) = aggregator
    for chrome in ("logo", "background", "AI Features", "comments yet", "Related Articles"):
        assert chrome in skipped(main)
        assert chrome not in main.body_text()
    assert "minutes ago" in skipped(advertiser)
    for chrome in ("DOWNLOAD", "app store", "play-store"):
        assert chrome in skipped(perth)
        assert chrome not in perth.body_text()
