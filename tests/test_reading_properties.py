"""Property tests: splitting never fails and offsets always stay inside the text."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.reading import RawReport, fingerprint, shingles, split_report

# Lines that steer the splitter: live-blog marks, bylines, aggregator headers, chrome.
TRICKY_LINES = [
    "1731051903",
    "1731051003",
    "Liveupdated1731147868",
    "Key Point",
    "BREAKING",
    "07:45 GMT",
    "Posted at 14:03",
    "Jane Roe8 November 2024 07:45",
    "Saturday 09 November 2024 10:24",
    "Jane Roe,Sam Poe",
    "By Jane Roe",
    "Related Articles",
    "Harbour Daily",
    "time21 minutes ago",
    "Harbour Daily2 days ago",
    "timean hour ago",
    "  • Harbour Daily",
    "Report:",
    "Comments",
    "Readers like you keep our reporting free.",
    "logo",
    "Troops advance near the river",
    "Troops advance near the river (AFP via Getty Images)",
    "The ministry said 25 people were hurt. The ministry said 25 people were hurt.",
    "Officials said more rain was expected overnight, according to the agency.",
    "",
    "   ",
    "\u2028",
    "“Quoted” — text…",
]

line = st.one_of(st.sampled_from(TRICKY_LINES), st.text(max_size=80))
documents = st.lists(line, max_size=40).map("\n".join)


def check(text: str, **kwargs) -> None:
    raw = RawReport(path="x", text=text, format="text", meta={})
    drafts = split_report(raw, **kwargs)
    assert drafts
    for i, d in enumerate(drafts):
        assert 0 <= d.start <= d.end <= len(text)
        assert d.text == text[d.start : d.end]
        assert 0 <= d.body_start <= len(d.text)
        last = -1
        for a, b in d.skip:
            assert last < a < b <= len(d.text)
            last = b
        if d.title_span is not None:
            assert 0 <= d.title_span[0] <= d.title_span[1] <= len(d.text)
        assert d.copy_of is None or 0 <= d.copy_of < i
        assert d.published is None or d.published.tzinfo is not None
        assert d.kind in ("article", "liveblog_entry")
    starts = [d.start for d in drafts]
    assert starts == sorted(starts)
    for a, b in zip(drafts, drafts[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_split_never_raises_on_line_soup(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_split_never_raises_on_arbitrary_text(text):
    check(text, published=datetime(2024, 1, 1, tzinfo=UTC), outlet="X")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=1, max_value=8))
def test_fingerprint_and_shingles_total(text, k):
    assert len(fingerprint(text)) == 32
    assert fingerprint(text) == fingerprint(f" {text}\n")
    assert all(isinstance(h, int) for h in shingles(text, k))
