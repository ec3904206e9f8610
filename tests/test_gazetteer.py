"""The gazetteer: data integrity, sides of phrases, sides mentioned in texts, outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sources.gazetteer import (
    Place,
    country,
    find_mentions,
    gazetteer,
    known_person,
    mentioned_sides,
    outlet,
    outlet_kind,
    place,
    side_of_phrase,
)
from factcheck.sources.infer import KINDS, infer_source

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

G20 = (
    "AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA",
    "ZA", "TR", "UK", "US"
)  # fmt: skip
EU_MEMBERS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"
)  # fmt: skip
NEWSWORTHY = (
    "UA", "RU", "BY", "GE", "MD", "KP", "KR", "IR", "IL", "PS", "SY", "IQ", "AF", "PK", "IN",
    "CN", "TW", "JP", "AU", "CA", "MX", "BR", "VE", "HU", "PL", "TR", "EE", "LV", "LT", "FI",
    "SE", "NO", "DK", "IS"
)  # fmt: skip


# -- data integrity ---------------------------------------------------------------------


def test_required_countries_present() -> None:
    for code in {*G20, *EU_MEMBERS, *NEWSWORTHY}:
        assert country(code) is not None, code
    assert len(gazetteer().countries) >= 60


def test_eu_and_nato_membership() -> None:
    members = {code for code, c in gazetteer().countries.items() if "EU" in c.blocs}
    assert members == set(EU_MEMBERS)
    assert "NATO" in country("FI").blocs  # type: ignore[union-attr]
    assert "NATO" not in country("UA").blocs  # type: ignore[union-attr]


def test_no_term_belongs_to_two_sides() -> None:
    assert gazetteer().conflicts == []


def test_codes_kinds_and_sides_are_consistent() -> None:
    g = gazetteer()
    codes = set(g.countries) | {"EU", "NATO", "UN"}
    for code in g.countries:
        assert code.isupper() and len(code) == 2
    for org in g.organisations.values():
        assert org.kind in KINDS, org
        assert org.side is None or org.side in codes, org
    for person in g.people.values():
        assert person.side in codes, person
    for o in g.outlets.values():
        assert o.kind in ("wire", "outlet", "state_media", "social_media"), o
        # Independent media have no side (DESIGN §2); state media have one.
        assert (o.side is not None) == (o.kind == "state_media"), o


def test_every_parent_and_office_name_round_trips_through_infer_source() -> None:
    """A parent named in the data is what inference calls that body, so the two can be linked."""
    raw = gazetteer().raw
    names = {o["parent"] for o in raw["organisations"] if o.get("parent")}
    names |= {p["parent"] for p in raw["people"] if p.get("parent")}
    for c in raw["countries"]:
        names |= set((c.get("offices") or {}).values()) | set((c.get("ministries") or {}).values())
    for name in sorted(names):
        assert infer_source(name).name == name


# -- places -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kiev", Place("Kyiv", "UA", "capital")),
        ("Kyiv", Place("Kyiv", "UA", "capital")),
        ("Kharkiv", Place("Kharkiv", "UA", "city")),
        ("Crimea", Place("Crimea", "UA", "region")),
        ("St Petersburg", Place("St Petersburg", "RU", "city")),
        ("Chisinau", Place("Chișinău", "MD", "capital")),
        ("Brussels", Place("European Union", "EU", "bloc")),
        ("Britain", Place("United Kingdom", "UK", "country")),
        ("Atlantis", None),
    ],
)
def test_place(name: str, expected: Place | None) -> None:
    assert place(name) == expected


def test_country_display_names() -> None:
    assert country("US").display == "the United States"  # type: ignore[union-attr]
    assert country("UA").adjective == "Ukrainian"  # type: ignore[union-attr]
    assert country("XX") is None


# -- side_of_phrase ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("Ukrainian officials", "UA"),
        ("Ukraine\u2019s Armed Forces", "UA"),
        ("Kremlin", "RU"),
        ("the Pentagon", "US"),
        ("Moscow's mayor", "RU"),
        ("Seoul", "KR"),
        ("North Korean troops", "KP"),
        ("South Korean foreign minister", "KR"),
        ("Brussels", "EU"),  # metonym for the EU institutions (see gazetteer.yaml)
        ("European Commission president", "EU"),
        ("Nato", "NATO"),
        ("Downing Street", "UK"),
        ("Whitehall", "UK"),
        ("the Elysee", "FR"),
        ("Bankova", "UA"),
        ("Finnish PM", "FI"),
        ("British", "UK"),
        ("Kharkiv mayor", "UA"),
        ("Belgorod governor", "RU"),
        ("Putin aide", "RU"),
        ("Crimea", "UA"),
        ("the US state department", "US"),
        ("U.S. officials", "US"),
        ("UKRAINIAN TROOPS", "UA"),  # an all-capital headline
        ("Chișinău", "MD"),
        ("Chisinau", "MD"),
        ("Kyiv Independent", None),  # an outlet, not Ukraine
        ("Washington Post", None),
        ("Perth Now", None),
        ("Jerusalem", None),  # claimed by two parties
        ("European leaders", None),  # a continent is not a party
        ("Korean peninsula", None),
        ("Latin American diplomats", None),
        ("us", None),  # the pronoun
        ("turkey", None),  # the bird
        ("", None),
    ],
)
def test_side_of_phrase(phrase: str, side: str | None) -> None:
    assert side_of_phrase(phrase) == side


# -- mentioned_sides --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Talks between Kyiv and Moscow stalled again on Tuesday.", {"UA", "RU"}),
        ("The Kremlin rejected the plan put forward by the White House.", {"RU", "US"}),
        ("Pyongyang sent shells; Seoul protested to Beijing.", {"KP", "KR", "CN"}),
        ("Drones hit an oil depot near Belgorod and a substation in Sumy.", {"RU", "UA"}),
        ("A Finnish minister met Nato officials in Brussels.", {"FI", "NATO", "EU"}),
        ("Downing Street and the Elysée issued a joint note.", {"UK", "FR"}),
        ("Lukashenko spoke by phone with Zelenskyy's rival.", {"BY", "UA"}),
        ("Pro-Russian bloggers claimed the village had fallen.", {"RU"}),
        ("Reuters and the Kyiv Independent both carried the figure.", set()),
        ("A storm hit the coast of Europe; us locals ate turkey.", set()),
        ("Prayers were held in Jerusalem.", {"IL", "PS"}),
        ("Sanctions on Iran's Revolutionary Guards were widened.", {"IR"}),
        ("The convoy left Tel Aviv for Gaza.", {"IL", "PS"}),
    ],
)
def test_mentioned_sides(text: str, sides: set[str]) -> None:
    assert mentioned_sides(text) == sides


def test_find_mentions_offsets_point_into_the_original_text() -> None:
    text = "From Chișinău to Kyiv, then to Reykjavík \u2014 via Ukraine\u2019s border."
    mentions = find_mentions(text)
    assert [m.text for m in mentions] == ["Chișinău", "Kyiv", "Reykjavík", "Ukraine"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.how for m in mentions] == ["capital", "capital", "capital", "country"]


def test_longest_term_wins_and_unsided_terms_are_optional() -> None:
    text = "The Kyiv Independent quoted the New York Times."
    assert find_mentions(text) == []
    unsided = find_mentions(text, with_unsided=True)
    assert [(m.text, m.how) for m in unsided] == [
        ("The Kyiv Independent", "outlet"),
        ("New York Times", "outlet"),
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_seed_texts_mention_the_war_parties() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        sides = mentioned_sides(path.read_text(encoding="utf-8"))
        assert {"UA", "RU", "US"} <= sides, path.name


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_scanning_is_total(text: str) -> None:
    sides = mentioned_sides(text)
    side = side_of_phrase(text)
    assert side is None or side in sides
    for m in find_mentions(text, with_unsided=True):
        assert 0 <= m.start < m.end <= len(text)


# -- outlets and people -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Reuters", "wire"),
        ("AP", "wire"),
        ("Associated Press", "wire"),
        ("AFP", "wire"),
        ("Bloomberg", "wire"),
        ("Interfax", "wire"),
        ("TASS", "state_media"),
        ("RIA Novosti", "state_media"),
        ("Ukrinform", "state_media"),
        ("Xinhua", "state_media"),
        ("BBC", "outlet"),
        ("CNN", "outlet"),
        ("Axios", "outlet"),
        ("The Independent", "outlet"),
        ("the independent", "outlet"),
        ("Kyiv Independent", "outlet"),
        ("Perth Now", "outlet"),
        ("The Advertiser", "outlet"),
        ("Ukrainska Pravda", "outlet"),
        ("Al Jazeera", "outlet"),
        ("The Guardian", "outlet"),
        ("New York Times", "outlet"),
        ("Washington Post", "outlet"),
        ("Telegram", "social_media"),
        ("Kremlin", None),
        ("Some Blog", None),
    ],
)
def test_outlet_kind(name: str, kind: str | None) -> None:
    assert outlet_kind(name) == kind


def test_state_media_have_a_side_independent_media_do_not() -> None:
    assert outlet("TASS").side == "RU"  # type: ignore[union-attr]
    assert outlet("Ukrinform").side == "UA"  # type: ignore[union-attr]
    assert outlet("Kyiv Independent").side is None  # type: ignore[union-attr]
    assert outlet("Kyiv Independent").country == "UA"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Zelenskiy", "Volodymyr Zelensky"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("V. Zelensky", "Volodymyr Zelensky"),
        ("Putin", "Vladimir Putin"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Lukashenka", "Alexander Lukashenko"),
        ("Kim", None),  # too common to stand alone
        ("Melania Trump", None),  # a surname shared with a listed person is not enough
        ("Olena Zelenska", None),
    ],
)
def test_known_person(name: str, canonical: str | None) -> None:
    person = known_person(name)
    assert (person.name if person else None) == canonical
