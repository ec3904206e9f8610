"""Figures: numbers, qualifiers, intervals, labels, and what is not a figure."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from factcheck.figures import (
    Figure,
    Interval,
    agree,
    conflict,
    label_key,
    parse_figures,
    parse_number,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
INF = math.inf


def only(text: str) -> Figure:
    figures = parse_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


def bounds(f: Figure) -> tuple[float, float, bool, bool]:
    return (
        -INF if f.low is None else f.low,
        INF if f.high is None else f.high,
        f.low_open,
        f.high_open,
    )


# --- Numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("705,880", 705880),
        ("1,580", 1580),
        ("1 580", 1580),
        ("1\u00a0580", 1580),
        ("2.025.314", 2025314),
        ("1.5 million", 1.5e6),
        ("2bn", 2e9),
        ("3.2m", 3.2e6),
        ("10k", 1e4),
        ("$3 billion", 3e9),
        ("€40m", 4e7),
        ("45%", 45),
        ("0.75", 0.75),
        ("twelve", 12),
        ("one", 1),
        ("Seventeen", 17),
        ("a single", 1),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a million", 1e6),
        ("half a million", 5e5),
        ("twenty-three", 23),
        ("three hundred and six", 306),
        ("two thousand four hundred", 2400),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "drones", "hundreds of", "the", "45th", "7-8", "a"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_lone_dot_group_is_a_decimal_but_counts_use_thousands() -> None:
    assert parse_number("2.450") == pytest.approx(2.45)
    f = only("The ministry listed 2.450 soldiers as missing.")
    assert f.value == 2450
    assert f.label == "troops"


# --- Qualifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "expected"),
    [
        ("Rescuers counted 318 survivors.", "exact", (318, 318, False, False)),
        ("At least 41 homes were flooded.", "at_least", (41, INF, False, False)),
        ("No fewer than 41 homes were flooded.", "at_least", (41, INF, False, False)),
        ("More than 2 million people voted.", "more_than", (2e6, INF, True, False)),
        ("Over 600 flights were cancelled.", "more_than", (600, INF, True, False)),
        ("Up to 80 trucks crossed.", "up_to", (0, 80, False, False)),
        ("As many as 80 trucks crossed.", "up_to", (0, 80, False, False)),
        ("Around 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("About 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("Some 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("Roughly 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("Approximately 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("An estimated 5,000 workers struck.", "about", (4500, 5500, False, False)),
        ("Nearly 300,000 ballots arrived.", "near", (291000, 300000, False, False)),
        ("Almost 300,000 ballots arrived.", "near", (291000, 300000, False, False)),
        ("Close to 300,000 ballots arrived.", "near", (291000, 300000, False, False)),
        ("Fewer than 90 patients remain.", "less_than", (0, 90, False, True)),
        ("Less than 90 patients remain.", "less_than", (0, 90, False, True)),
        ("Under 90 patients remain.", "less_than", (0, 90, False, True)),
        ("Police arrested 2,000-3,500 protesters.", "range", (2000, 3500, False, False)),
        ("Police arrested 2,000 to 3,500 protesters.", "range", (2000, 3500, False, False)),
        (
            "Police arrested between 2,000 and 3,500 protesters.",
            "range",
            (2000, 3500, False, False),
        ),
        ("Police arrested 2,000–3,500 protesters.", "range", (2000, 3500, False, False)),
        ("Between 4 and 6 million viewers watched.", "range", (4e6, 6e6, False, False)),
        ("Five or six boats sank.", "range", (5, 6, False, False)),
        ("30 or more shops closed.", "at_least", (30, INF, False, False)),
        ("20,000+ fans attended.", "at_least", (20000, INF, False, False)),
        ("15,000 or so fans attended.", "about", (13500, 16500, False, False)),
        ("Thirty or fewer seats are left.", "up_to", (0, 30, False, False)),
    ],
)
def test_qualifier_intervals(
    text: str, qualifier: str, expected: tuple[float, float, bool, bool]
) -> None:
    f = only(text)
    assert f.qualifier == qualifier
    low, high, low_open, high_open = bounds(f)
    assert low == pytest.approx(expected[0])
    assert high == pytest.approx(expected[1])
    assert (low_open, high_open) == expected[2:]


def test_range_value_is_the_low_end() -> None:
    f = only("Organisers expected 12,000 to 18,000 visitors.")
    assert f.value == 12000
    assert (f.low, f.high) == (12000, 18000)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Hundreds of villagers fled.", 200, 1000),
        ("Dozens of cars burned.", 24, 100),
        ("Thousands of pilgrims came.", 2000, 1e6),
        ("Tens of thousands of pilgrims came.", 20000, 100000),
        ("Hundreds of thousands of pilgrims came.", 200000, 1e6),
        ("Several hundred pilgrims came.", 300, 1000),
        ("A few thousand pilgrims came.", 2000, 10000),
    ],
)
def test_vague_quantities_are_half_open_ranges(text: str, low: float, high: float) -> None:
    f = only(text)
    assert f.qualifier == "range"
    assert (f.low, f.high, f.low_open, f.high_open) == (low, high, False, True)
    assert f.value == low


def test_change_from_to_is_two_figures_not_a_range() -> None:
    figures = parse_figures("The number of evacuees rose from 40 to 65 overnight.")
    assert [(f.value, f.qualifier) for f in figures] == [(40, "exact"), (65, "exact")]


def test_between_without_second_number_is_exact() -> None:
    f = only("Talks stalled between 14 delegations.")
    assert f.qualifier == "exact"
    assert f.text == "14 delegations"


# --- Units and compound modifiers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Turnout was 61% this time.", 61, "%"),
        ("Turnout was 61 per cent this time.", 61, "%"),
        ("The bank lent $4.5 billion last year.", 4.5e9, "USD"),
        ("The bank lent £300m last year.", 3e8, "GBP"),
        ("The bank lent 12 million euros last year.", 1.2e7, "EUR"),
        ("The convoy travelled 140 km overnight.", 140, "km"),
        ("The siege lasted 96 hours.", 96, "hour"),
        ("Gunners fired 152mm rounds.", 152, "mm"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    f = only(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A 9-storey block collapsed.", 9, "storey"),
        ("A nine-storey block collapsed.", 9, "storey"),
        ("They held a 40 minute meeting.", 40, "minute"),
        ("They held a 40-minute meeting.", 40, "minute"),
        ("A 7-year-old pupil was rescued.", 7, "year"),
    ],
)
def test_compound_modifiers_carry_a_unit_and_no_label(text: str, value: float, unit: str) -> None:
    f = only(text)
    assert (f.value, f.unit, f.label) == (value, unit, None)


def test_percent_label_comes_from_of_phrase() -> None:
    f = only("Roughly 70% of voters backed the plan.")
    assert (f.unit, f.label, f.qualifier) == ("%", "voters", "about")


# --- Not figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 2019.",
        "Elections follow in 2026 and the budget runs to 2030.",
        "The flood began on 14 March 2021 and ended on March 20.",
        "Talks resumed on Nov. 3 in the capital.",
        "The briefing opened at 09:15 and closed at 11:40.",
        "Sirens sounded at 6am and again at 4.30pm.",
        "Sirens sounded at 6 a.m. local time.",
        "The statement was issued at 1400 GMT.",
        "She finished 3rd, behind the 21st seed.",
        "He became the 12th envoy to visit.",
        "1699999999",
        "No one answered the phone.",
        "Not a single lorry was allowed in.",
        "One of the bridges was closed for repairs.",
        "Each one was checked twice.",
        "They meet one day each week.",
        "The two ministers spoke by phone.",
        "Article 51 of the charter was cited.",
        "Resolution 2334 was adopted.",
        "Pilots flew F-35s and Su-57 jets during COVID-19 restrictions.",
        "Prices have risen since the 1970s.",
        "The score finished 4-2.",
        "A report dated 2023-05-17 was leaked.",
        "The service runs 24/7.",
        "Reporter Jane Doe9 June 2023 10:05",
        "Live updated1712345678",
        "They backed a ten-point plan.",
        "Fighting in 2014–2015 displaced families.",
        "Pre-2020 rules applied until mid-2021.",
        "Russia's 2022 invasion shocked Europe.",
    ],
)
def test_not_figures(text: str) -> None:
    assert parse_figures(text) == [], [f.text for f in parse_figures(text)]


def test_timestamp_only_skipped_on_its_own_line() -> None:
    text = "Update\n1699999999\nOfficials said 7 boats sank."
    assert [f.value for f in parse_figures(text)] == [7]


def test_year_followed_by_counted_plural_is_a_figure() -> None:
    f = only("Inspectors logged 1950 violations.")
    assert (f.value, f.label) == (1950, "violations")


def test_partitive_counts_a_part_without_label() -> None:
    f = only("Six of the wounded were flown out.")
    assert (f.value, f.label) == (6, None)


def test_bare_one_needs_a_counted_noun() -> None:
    assert parse_figures("Only one answered.") == []
    f = only("Only one ferry left.")
    assert (f.value, f.label) == (1, "ferry")


# --- Labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The shelling wounded at least 17 people.", [(17, "injured")]),
        ("Officials reported 8 dead and 31 wounded.", [(8, "killed"), (31, "injured")]),
        ("The raid killed two civilians and hurt 5 others.", [(2, "killed"), (5, "injured")]),
        ("A blast left one man dead.", [(1, "killed")]),
        ("Twelve people were killed in the crash.", [(12, "killed")]),
        ("There were 14 deaths and 60 injuries.", [(14, "killed"), (60, "injured")]),
        ("The death toll climbed to 23.", [(23, "killed")]),
        ("The army said 230 soldiers were killed.", [(230, "troops killed")]),
        ("The army said 230 servicemen died.", [(230, "troops killed")]),
        ("Kyiv deployed 4,000 personnel.", [(4000, "troops")]),
        ("Gunners shot down five drones.", [(5, "drones destroyed")]),
        ("Sixty missiles had been intercepted.", [(60, "missiles destroyed")]),
        (
            "Crews destroyed 30 drones at night and 12 more at dawn.",
            [(30, "drones destroyed"), (12, "drones destroyed")],
        ),
        (
            "The navy lost 7 frigates, 3 landing ships and a single tanker.",
            [(7, "frigates"), (3, "landing ships"), (1, "tanker")],
        ),
        ("Some 8,000 South Sudanese troops massed.", [(8000, "troops")]),
        ("About 900 Georgians crossed.", [(900, "people")]),
        (
            "Engineers repaired 21 armored personnel carriers.",
            [(21, "armoured personnel carriers")],
        ),
        ("Factories built 50 fire and rescue vehicles.", [(50, "fire and rescue vehicles")]),
        ("Residents saw 10 fled.", [(10, None)]),
        ("The unit's equipment losses rose to nearly 3,100.", [(3100, "equipment")]),
    ],
)
def test_labels(text: str, expected: list[tuple[float, str | None]]) -> None:
    assert [(f.value, f.label) for f in parse_figures(text)] == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("troops", "soldiers"),
        ("troop", "Troops"),
        ("personnel", "servicemen"),
        ("drones destroyed", "drone destroyed"),
        ("drones destroyed", "drones shot down"),
        ("destroyed drones", "drones destroyed"),
        ("killed", "dead"),
        ("killed", "deaths"),
        ("killed", "death toll"),
        ("killed", "people killed"),
        ("injured", "wounded"),
        ("injured", "injuries"),
        ("injured", "civilians hurt"),
        ("armored vehicles", "armoured vehicle"),
        ("casualties", "casualty"),
        ("people", "persons"),
    ],
)
def test_label_key_folds(a: str, b: str) -> None:
    assert label_key(a) == label_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("killed", "injured"),
        ("troops", "troops killed"),
        ("drones", "drones destroyed"),
        ("tanks", "aircraft"),
    ],
)
def test_label_key_keeps_different_things_apart(a: str, b: str) -> None:
    assert label_key(a) != label_key(b)


# --- Offsets --------------------------------------------------------------------------------


def test_text_and_offsets() -> None:
    text = "Medics said at least 25 people were treated."
    f = only(text)
    assert f.text == "at least 25 people"
    assert text[f.start : f.end] == f.text
    shifted = parse_figures(text, offset=100)[0]
    assert (shifted.start, shifted.end) == (f.start + 100, f.end + 100)
    assert shifted.text == f.text


def test_figures_in_order() -> None:
    text = "Rebels took 3 towns, 14 villages and about 200 square miles."
    assert [f.value for f in parse_figures(text)] == [3, 14, 200]


def test_to_dict_has_json_friendly_bounds() -> None:
    d = only("More than 40 boats left.").to_dict()
    assert d["high"] is None
    assert d["low"] == 40
    assert d["qualifier"] == "more_than"


# --- Intervals and agreement ----------------------------------------------------------------


def test_interval_contains_respects_open_ends() -> None:
    assert Interval(5, 10).contains(5)
    assert not Interval(5, 10, low_open=True).contains(5)
    assert not Interval(0, 10, high_open=True).contains(10)
    assert Interval(5, None).contains(1e12)
    assert Interval(None, 3).contains(-1e12)


def test_overlap_at_a_shared_bound() -> None:
    assert Interval(0, 10).overlaps(Interval(10, 20))
    assert not Interval(0, 10, high_open=True).overlaps(Interval(10, 20))
    assert not Interval(0, 10).overlaps(Interval(10, None, low_open=True))
    assert Interval(0, None).overlaps(Interval(None, 0))


def test_empty_interval_overlaps_nothing() -> None:
    empty = Interval(5, 5, high_open=True)
    assert empty.is_empty
    assert not empty.overlaps(empty)
    assert not empty.overlaps(Interval(None, None))


def test_interval_sum() -> None:
    assert Interval(25, 25) + Interval(9, 9) == Interval(34, 34)
    total = Interval(25, None) + Interval(9, 9)
    assert (total.low, total.high) == (34, None)
    assert sum([Interval(1, 2), Interval(3, 4)]) == Interval(4, 6)
    opened = Interval(1, 2, low_open=True) + Interval(3, 4)
    assert opened.low_open and not opened.high_open


def test_sum_of_parts_agrees_with_total() -> None:
    parts = parse_figures("Shelling injured 19 people in Sumy and 6 in Okhtyrka.")
    total = only("In all, 25 people were injured in the two towns.")
    assert [f.label for f in parts] == ["injured", "injured"]
    assert agree(parts[0].interval + parts[1].interval, total)
    assert agree(sum(f.interval for f in parts), total)


@pytest.mark.parametrize(
    ("a", "b", "agrees"),
    [
        ("Losses reached 705,880 troops.", "Losses neared 706,000 troops.", True),
        ("Losses reached 705,880 troops.", "Losses reached nearly 706,000 troops.", True),
        ("Losses reached 705,880 troops.", "Losses reached 712,000 troops.", False),
        ("At least 25 people were hurt.", "34 people were hurt.", True),
        ("At least 25 people were hurt.", "Fewer than 25 people were hurt.", False),
        ("More than 100 people fled.", "Exactly 100 people fled.", False),
        ("About 12,000 troops arrived.", "Some 11,000 troops arrived.", True),
        ("About 12,000 troops arrived.", "8,000 troops arrived.", False),
        ("Up to 30 drones hit.", "Between 25 and 40 drones hit.", True),
        ("Hundreds of people fled.", "Some 450 people fled.", True),
    ],
)
def test_agree_and_conflict(a: str, b: str, agrees: bool) -> None:
    fa, fb = only(a), only(b)
    assert agree(fa, fb) is agrees
    assert conflict(fa, fb) is not agrees
    assert agree(fa.interval, fb) is agrees


# --- Real input -----------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder not present")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"no seed {prefix}_*.txt")
    return found[0].read_text(encoding="utf-8")


def test_seed_live_blog_figures() -> None:
    text = _seed("000")
    figures = parse_figures(text)
    for f in figures:
        assert text[f.start : f.end] == f.text
    # The cumulative troop-loss total: a large exact count of troops.
    totals = [f for f in figures if f.label == "troops" and f.qualifier == "exact"]
    assert totals and max(f.value for f in totals) > 100_000
    assert all(f.low == f.high == f.value for f in totals)
    # A casualty count stated as a lower bound on generic "people".
    lower_bounds = [f for f in figures if f.qualifier == "at_least" and f.label == "injured"]
    assert any(f.low == 25 and f.high is None for f in lower_bounds)
    # Equipment lists: each count keeps its own noun.
    labels = {f.label for f in figures}
    assert {"tanks", "helicopters", "submarine"} <= labels
    # Timestamps, years, dates, clock times and ordinals never become figures.
    for f in figures:
        assert not re.fullmatch(r"\d{10}", f.text)
        assert not (f.unit is None and f.qualifier == "exact" and 1990 <= f.value <= 2030)


def test_seed_repeated_article_drone_figures() -> None:
    text = _seed("004")
    figures = parse_figures(text)
    destroyed = [f for f in figures if f.label == "drones destroyed"]
    assert destroyed
    # The article is pasted several times: every copy yields the same figures.
    values = [f.value for f in destroyed]
    assert len(values) % len(set(values)) == 0
    assert not [f for f in figures if f.text.endswith(("am", "pm"))]
