"""Property tests for figures: intervals follow qualifiers, agreement is well behaved, offsets hold."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.figures import Interval, agree, label_key, parse_figures, parse_number

settings.register_profile("figures", deadline=None, max_examples=150)
settings.load_profile("figures")

# Qualifier phrase -> (qualifier name, whether the stated value lies inside the interval).
QUALIFIERS = {
    "": ("exact", True),
    "at least": ("at_least", True),
    "no fewer than": ("at_least", True),
    "more than": ("more_than", False),
    "over": ("more_than", False),
    "up to": ("up_to", True),
    "as many as": ("up_to", True),
    "around": ("about", True),
    "about": ("about", True),
    "some": ("about", True),
    "roughly": ("about", True),
    "approximately": ("about", True),
    "an estimated": ("about", True),
    "near": ("near", True),
    "nearly": ("near", True),
    "almost": ("near", True),
    "close to": ("near", True),
    "fewer than": ("less_than", False),
    "less than": ("less_than", False),
    "under": ("less_than", False),
}

ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """English words for 1 <= n < 1,000,000, written independently of the parser."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} hundred" + (f" and {in_words(rest)}" if rest else "")
    rest = n % 1000
    return f"{in_words(n // 1000)} thousand" + (f" {in_words(rest)}" if rest else "")


counts = st.integers(min_value=1, max_value=10**9)


@given(n=counts, phrase=st.sampled_from(sorted(QUALIFIERS)))
def test_qualified_count_interval(n: int, phrase: str) -> None:
    qualifier, inside = QUALIFIERS[phrase]
    text = f"Officials said {phrase} {n:,} drones were destroyed.".replace("said  ", "said ")
    figures = parse_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    f = figures[0]
    assert f.value == n
    assert f.qualifier == qualifier
    assert f.label == "drones destroyed"
    assert f.interval.contains(n) is inside
    assert text[f.start : f.end] == f.text
    assert f.text.startswith(phrase)


@given(a=counts, b=counts)
def test_range_contains_both_ends(a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    for text in (
        f"Between {low:,} and {high:,} people fled.",
        f"{low:,} to {high:,} people fled.",
        f"Estimates put it at {low:,}-{high:,} people.",
    ):
        figures = parse_figures(text)
        assert len(figures) == 1, (text, [f.text for f in figures])
        f = figures[0]
        assert f.qualifier == "range"
        assert (f.value, f.low, f.high) == (low, low, high)
        assert f.interval.contains(low) and f.interval.contains(high)
        assert f.label == "people"


@given(n=st.integers(min_value=1, max_value=999_999))
def test_number_words(n: int) -> None:
    words = in_words(n)
    assert parse_number(words) == n
    figures = parse_figures(f"Inspectors counted {words} crates.")
    assert [f.value for f in figures] == [n]


@given(
    whole=st.integers(min_value=1, max_value=999),
    tenth=st.integers(min_value=0, max_value=9),
    scale=st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("bn", 1e9)]),
)
def test_scaled_decimals(whole: int, tenth: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    sep = "" if word == "bn" else " "
    text = f"{whole}.{tenth}{sep}{word}"
    assert parse_number(text) == pytest.approx((whole + tenth / 10) * factor)


@given(n=st.integers(min_value=1000, max_value=10**12))
def test_separators_agree(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "\u00a0")) == n


bounds = st.one_of(st.none(), st.integers(min_value=-1000, max_value=1000).map(float))


@st.composite
def intervals(draw: st.DrawFn, non_empty: bool = True) -> Interval:
    low, high = draw(bounds), draw(bounds)
    if low is not None and high is not None and low > high:
        low, high = high, low
    interval = Interval(low, high, draw(st.booleans()), draw(st.booleans()))
    if non_empty:
        assume(not interval.is_empty)
    return interval


def _probe_points(a: Interval, b: Interval) -> list[float]:
    ends = sorted({x for i in (a, b) for x in (i.low, i.high) if x is not None})
    points = [e for e in ends]
    points += [(x + y) / 2 for x, y in zip(ends, ends[1:], strict=False)]
    if ends:
        points += [ends[0] - 1, ends[-1] + 1]
    return points or [0.0]


@given(a=intervals())
def test_agree_is_reflexive(a: Interval) -> None:
    assert agree(a, a)


@given(a=intervals(non_empty=False), b=intervals(non_empty=False))
def test_agree_is_symmetric_and_means_a_shared_point(a: Interval, b: Interval) -> None:
    assert agree(a, b) == agree(b, a)
    shared = any(a.contains(x) and b.contains(x) for x in _probe_points(a, b))
    assert agree(a, b) == shared


@given(a=intervals(), b=intervals(), x=st.floats(-2000, 2000), y=st.floats(-2000, 2000))
def test_sum_contains_sums(a: Interval, b: Interval, x: float, y: float) -> None:
    assume(a.contains(x) and b.contains(y))
    total = a + b
    s = x + y
    # Float addition can land a hair outside a closed end.
    assert total.contains(s) or any(
        e is not None and math.isclose(s, e, abs_tol=1e-9) for e in (total.low, total.high)
    )


def _check_offsets(text: str, offset: int) -> None:
    for f in parse_figures(text, offset=offset):
        start, end = f.start - offset, f.end - offset
        assert 0 <= start < end <= len(text)
        assert text[start:end] == f.text
        assert f.low is None or f.high is None or f.low <= f.high
        if f.qualifier not in ("more_than", "less_than"):
            assert f.interval.contains(f.value)


@given(text=st.text(), offset=st.integers(min_value=0, max_value=10**6))
def test_never_raises_on_arbitrary_text(text: str, offset: int) -> None:
    _check_offsets(text, offset)


VOCABULARY = [
    "at least", "more than", "up to", "about", "nearly", "fewer than", "between", "and", "to",
    "or", "or more", "-", "–", "+", "one", "a single", "two dozen", "hundreds of", "twelve",
    "1,580", "705 880", "1.5 million", "$3bn", "45%", "2022", "24 February", "07:45", "8am",
    "1.50pm", "45th", "1731051903", "12-storey", "25 minute", "no one", "of the", "the",
    "killed", "injuring", "shot down", "people", "others", "troops", "drones", "more", "another",
    "were destroyed", "dead", "North Korean", ".", ",", "\n", " ", "(", ")",
]  # fmt: skip


@given(
    parts=st.lists(st.sampled_from(VOCABULARY), max_size=14),
    offset=st.integers(min_value=0, max_value=1000),
)
def test_offsets_hold_on_figure_like_text(parts: list[str], offset: int) -> None:
    _check_offsets(" ".join(parts), offset)
    _check_offsets("".join(parts), offset)


@given(label=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=30))
def test_label_key_is_idempotent(label: str) -> None:
    key = label_key(label)
    assert label_key(key) == key
