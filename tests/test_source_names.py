"""Name keys, fuzzy name matching and source inference from speaker phrases (no database)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sources.infer import KINDS, OFFICIAL_KINDS, SourceGuess, infer_source
from factcheck.sources.names import (
    fold_word,
    name_key,
    name_similarity,
    person_parts,
    same_entity,
)

# -- name_key ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelenskiy", "Zelensky"),
        ("Zelenskyy", "Zelensky"),
        ("Zelenski", "Zelensky"),
        ("Зеленский", "Zelensky"),  # Russian Cyrillic
        ("Зеленський", "Zelensky"),  # Ukrainian Cyrillic, soft sign
        ("Syrskyi", "Syrsky"),
        ("Oleksandr Syrskiy", "Oleksandr Syrskyi"),
        ("Dmitriy Peskov", "Dmitry Peskov"),
        ("Dmitrii Peskov", "Dmitri Peskov"),
        ("Yuriy Ushakov", "Yuri Ushakov"),
        ("Sergei Sobyanin", "Sergey Sobyanin"),
        ("Alexei Navalny", "Aleksey Navalny"),
        ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
        ("Chișinău", "Chisinau"),
        ("Müller", "Muller"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("O'Brien", "OBrien"),
        ("Mr Zelensky\u2019s", "Zelensky"),
        ("Ukrainians'", "Ukrainians"),
        ("the Kremlin", "Kremlin"),
        ("President Volodymyr Zelensky", "Volodymyr Zelensky"),
        ("Prime Minister Keir Starmer", "Keir Starmer"),
        ("Sir Keir Starmer", "Keir Starmer"),
        ("Major Charlie Dietz", "Charlie Dietz"),
        ("Secretary of State Antony Blinken", "Antony Blinken"),
        ("Dr. Jane  Doe", "jane doe"),
    ],
)
def test_name_key_folds_variants_of_one_spelling(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyiv", "Kiev"),  # two names of one place: the gazetteer maps both, keys do not
        ("Volodymyr Zelensky", "Vladimir Zelensky"),  # other-language forms stay apart
        ("Zelensky", "Zelenska"),  # feminine surname form is another person
        ("Navalny", "Navalnaya"),
        ("Putin", "Putilov"),
        ("Shmyhal", "Shmigal"),
        ("Donald Trump", "Donald Trump Jr"),
    ],
)
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("General Staff", "general staff"),  # a title followed by an institution word stays
        ("President of Ukraine", "president of ukraine"),
        ("President", "president"),  # a title alone stays
        ("The", "the"),
        ("", ""),
        ("  ", ""),
        ("Ukraine\u2019s", "ukraine"),
        ("Volodymyr Zelenskyy", "volodymyr zelensky"),
    ],
)
def test_name_key_exact(name: str, key: str) -> None:
    assert name_key(name) == key


def test_fold_word_leaves_short_words_alone() -> None:
    assert fold_word("ali") == "ali"
    assert fold_word("xi") == "xi"
    assert fold_word("hawaii") == "hawaii"  # i/y after a vowel is not an ending to fold
    assert fold_word("zelenskyi") == "zelensky"


@given(st.text(max_size=60))
@settings(max_examples=400, deadline=None)
def test_name_key_total_and_idempotent(name: str) -> None:
    key = name_key(name)
    assert re.fullmatch(r"[a-z0-9]*(?: [a-z0-9]+)*", key)
    assert name_key(key) == key


# -- person_parts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Volodymyr Zelensky", ("volodymyr", "zelensky")),
        ("Zelensky", (None, "zelensky")),
        ("Mr Zelenskiy", (None, "zelensky")),
        ("Ursula von der Leyen", ("ursula", "von der leyen")),
        ("Mohammed bin Salman", ("mohammed", "bin salman")),
        ("Kim Jong-un", ("jong un", "kim")),
        ("Cho Tae Yul", ("tae yul", "cho")),
        ("Xi Jinping", ("jinping", "xi")),
        ("Kim Kardashian", ("kim", "kardashian")),
        ("Lee Harvey Oswald", ("lee harvey", "oswald")),
        ("Donald Trump Jr", ("donald", "trump")),
        ("", (None, "")),
    ],
)
def test_person_parts(name: str, parts: tuple[str | None, str]) -> None:
    assert person_parts(name) == parts


# -- similarity -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Volodymyr Zelensky"),  # surname against full name
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("V. Zelensky", "Volodymyr Zelensky"),  # initial
        ("Syrskyi", "Oleksandr Syrsky"),
        ("Kim", "Kim Jong Un"),  # family name first
        ("Xi", "Xi Jinping"),
        ("von der Leyen", "Ursula von der Leyen"),
        ("Kim Jongun", "Kim Jong-un"),
        ("Vladimir Vladimirovich Putin", "Vladimir Putin"),  # patronymic
    ],
)
def test_same_entity(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenska"),
        ("Olena Zelenska", "Volodymyr Zelensky"),
        ("Putin", "Putilov"),
        ("Melania Trump", "Donald Trump"),
        ("Donald Trump", "Donald Trump Jr"),
        ("Volodymyr Zelensky", "Vladimir Zelensky"),
        ("Independent", "Kyiv Independent"),  # organisation words: no surname rule
        ("Ukraine", "Armed Forces of Ukraine"),
        ("Musk", ""),
    ],
)
def test_not_same_entity(a: str, b: str) -> None:
    assert not same_entity(a, b)


def test_similarity_scores_and_threshold() -> None:
    assert name_similarity("Zelensky", "Zelenskiy") == 100.0
    assert name_similarity("Zelensky", "Volodymyr Zelensky") == 95.0
    assert name_similarity("", "") == 0.0
    assert same_entity("Muller", "Mueller")
    assert not same_entity("Muller", "Mueller", threshold=95)


@given(st.text(max_size=30), st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_similarity_is_bounded_and_symmetric(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 100.0
    assert score == name_similarity(b, a)


# -- infer_source ----------------------------------------------------------------------

# phrase → (name, kind, side, parent, anonymous)
CASES: list[tuple[str, tuple[str, str, str | None, str | None, bool]]] = [
    # national bodies: one canonical name whatever the wording
    ("Russia's Defence Ministry", ("Ministry of Defence of Russia", "government", "RU", None, False)),
    ("Russian Defence Ministry", ("Ministry of Defence of Russia", "government", "RU", None, False)),
    ("the Russian Ministry of Defence", ("Ministry of Defence of Russia", "government", "RU", None, False)),
    ("Russia's MoD", ("Ministry of Defence of Russia", "government", "RU", None, False)),
    ("China's foreign ministry", ("Ministry of Foreign Affairs of China", "government", "CN", None, False)),
    ("Ukraine's Armed Forces", ("Armed Forces of Ukraine", "military", "UA", None, False)),
    ("Armed Forces of Ukraine", ("Armed Forces of Ukraine", "military", "UA", None, False)),
    ("the Ukrainian armed forces", ("Armed Forces of Ukraine", "military", "UA", None, False)),
    ("Ukraine's military", ("Armed Forces of Ukraine", "military", "UA", None, False)),
    ("Ukraine's General Staff", ("General Staff of the Armed Forces of Ukraine", "military", "UA", "Armed Forces of Ukraine", False)),
    ("Ukraine's State Emergency Service", ("State Emergency Service of Ukraine", "state_agency", "UA", None, False)),
    ("Poland's armed forces", ("Armed Forces of Poland", "military", "PL", None, False)),
    ("British defence ministry", ("UK Ministry of Defence", "government", "UK", None, False)),
    ("the US military", ("US Armed Forces", "military", "US", None, False)),
    ("the Russian embassy in London", ("Embassy of Russia", "government", "RU", "Ministry of Foreign Affairs of Russia", False)),
    ("Kharkiv police", ("Kharkiv police", "state_agency", "UA", None, False)),
    ("Ukraine", ("Cabinet of Ministers of Ukraine", "government", "UA", None, False)),
    ("Seoul", ("Government of South Korea", "government", "KR", None, False)),
    # known organisations
    ("the Pentagon", ("US Department of Defense", "government", "US", None, False)),
    ("Kremlin", ("Kremlin", "government", "RU", None, False)),
    ("Brussels", ("European Union", "government", "EU", None, False)),
    ("Russia's Rosaviatsia aviation authority", ("Rosaviatsia", "state_agency", "RU", None, False)),
    ("Ukraine's SBU", ("Security Service of Ukraine", "state_agency", "UA", None, False)),
    ("IDF", ("Israel Defense Forces", "military", "IL", None, False)),
    ("Zelensky's office", ("Office of the President of Ukraine", "government", "UA", None, False)),
    ("Trump administration", ("US Government", "government", "US", None, False)),
    ("Hamas-run health ministry", ("Ministry of Health of Palestine", "government", "PS", "Hamas", False)),
    ("ISW", ("Institute for the Study of War", "organisation", None, None, False)),
    # outlets, wires, state media, platforms
    ("Reuters", ("Reuters", "wire", None, None, False)),
    ("The Associated Press", ("Associated Press", "wire", None, None, False)),
    ("Kyiv Independent", ("Kyiv Independent", "outlet", None, None, False)),
    ("Axios", ("Axios", "outlet", None, None, False)),
    ("TASS", ("TASS", "state_media", "RU", None, False)),
    ("North Korea's KCNA", ("KCNA", "state_media", "KP", None, False)),
    ("Ukrinform", ("Ukrinform", "state_media", "UA", None, False)),
    ("Telegram", ("Telegram", "social_media", None, None, False)),
    # named people with roles
    ("Kharkiv mayor Ihor Terekhov", ("Ihor Terekhov", "official", "UA", None, False)),
    ("Putin aide Yuri Ushakov", ("Yuri Ushakov", "official", "RU", "Kremlin", False)),
    ("Ushakov, the Kremlin aide", ("Yuri Ushakov", "official", "RU", "Kremlin", False)),
    ("US department of defence spokesperson Major Charlie Dietz", ("Charlie Dietz", "official", "US", "US Department of Defense", False)),
    ("Odesa's regional governor, Oleh Kiper", ("Oleh Kiper", "official", "UA", None, False)),
    ("South Korean foreign minister Cho Tae Yul", ("Cho Tae-yul", "official", "KR", "Ministry of Foreign Affairs of South Korea", False)),
    ("European Commission president Ursula von der Leyen", ("Ursula von der Leyen", "official", "EU", "European Commission", False)),
    ("Ukrainian President Volodymyr Zelenskiy", ("Volodymyr Zelensky", "official", "UA", "Office of the President of Ukraine", False)),
    ("Mr Zelensky", ("Volodymyr Zelensky", "official", "UA", "Office of the President of Ukraine", False)),
    ("Ukraine's top military commander Oleksandr Syrskyi", ("Oleksandr Syrskyi", "official", "UA", "Armed Forces of Ukraine", False)),
    ("Sir Keir", ("Keir Starmer", "official", "UK", "Downing Street", False)),
    ("Russian Defence Ministry spokesman Igor Konashenkov", ("Igor Konashenkov", "official", "RU", "Ministry of Defence of Russia", False)),
    ("Ukrainian air force spokesman Yuriy Ihnat", ("Yuriy Ihnat", "official", "UA", "Ukrainian Air Force", False)),
    ("Russian-installed governor Vladimir Saldo", ("Vladimir Saldo", "official", "RU", None, False)),
    ("Houthi spokesman Yahya Saree", ("Yahya Saree", "official", "YE", "Houthis", False)),
    ("IAEA chief Rafael Grossi", ("Rafael Grossi", "official", None, "International Atomic Energy Agency", False)),
    ("Elon Musk", ("Elon Musk", "person", None, None, False)),
    ("Kyiv Independent reporter Jane Doe", ("Jane Doe", "person", None, "Kyiv Independent", False)),
    ("former president Petro Poroshenko", ("Petro Poroshenko", "person", None, None, False)),
    # offices without a name
    ("Moscow's mayor", ("Mayor of Moscow", "official", "RU", None, False)),
    ("Russia's president", ("President of Russia", "official", "RU", "Kremlin", False)),
    ("the Ukrainian president", ("President of Ukraine", "official", "UA", "Office of the President of Ukraine", False)),
    ("Japanese Prime Minister", ("Prime Minister of Japan", "official", "JP", "Government of Japan", False)),
    ("Ukraine's top military commander", ("Commander-in-Chief of the Armed Forces of Ukraine", "official", "UA", "Armed Forces of Ukraine", False)),
    ("Russia's ambassador to the UN", ("Russia's ambassador to the UN", "official", "RU", "Ministry of Foreign Affairs of Russia", False)),
    # anonymous: unnamed people and groups
    ("Kremlin aide", ("Kremlin aide", "official", "RU", "Kremlin", True)),
    ("a Pentagon spokesperson", ("Pentagon spokesperson", "official", "US", "US Department of Defense", True)),
    ("Ukrainian officials", ("Ukrainian officials", "official", "UA", None, True)),
    ("EU officials", ("EU officials", "official", "EU", "European Union", True)),
    ("Russian authorities", ("Russian authorities", "government", "RU", None, True)),
    ("a senior official", ("senior official", "official", None, None, True)),
    ("Sources", ("sources", "anonymous", None, None, True)),
    ("experts", ("experts", "anonymous", None, None, True)),
    ("people familiar with the matter", ("people familiar with the matter", "anonymous", None, None, True)),
    ("sources close to the Kremlin", ("sources close to the Kremlin", "anonymous", "RU", None, True)),
    ("a Ukrainian soldier", ("Ukrainian soldier", "anonymous", "UA", None, True)),
    ("pro-Russian military bloggers", ("pro-Russian military bloggers", "anonymous", "RU", None, True)),
    ("the Russians", ("Russians", "anonymous", "RU", None, True)),
    # nothing to go on
    ("he", ("he", "unknown", None, None, False)),
    ("", ("unknown", "unknown", None, None, False)),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_infer_source(phrase: str, expected: tuple[str, str, str | None, str | None, bool]) -> None:
    guess = infer_source(phrase)
    assert (guess.name, guess.kind, guess.side, guess.parent, guess.anonymous) == expected


def test_cases_cover_every_kind() -> None:
    kinds = {expected[1] for _, expected in CASES}
    assert kinds == set(KINDS) - {"party"}
    assert infer_source("Democrats").kind == "party"


@pytest.mark.parametrize(
    ("phrase", "descriptor"),
    [
        ("Kharkiv mayor Ihor Terekhov", "Kharkiv mayor"),
        ("US department of defence spokesperson Major Charlie Dietz", "US department of defence spokesperson"),
        ("Mayor Sergei Sobyanin", "Mayor"),
        ("Kremlin aide", "Kremlin aide"),
        ("Elon Musk", None),
        ("Reuters", None),
        ("Russia's Defence Ministry", None),
    ],
)  # fmt: skip
def test_descriptor_is_the_role_words(phrase: str, descriptor: str | None) -> None:
    assert infer_source(phrase).descriptor == descriptor


def test_descriptor_argument_supplies_the_role() -> None:
    guess = infer_source("Ushakov", descriptor="the Kremlin aide")
    assert (guess.name, guess.kind, guess.side, guess.parent) == (
        "Yuri Ushakov",
        "official",
        "RU",
        "Kremlin",
    )
    unknown = infer_source("Jane Roe", descriptor="a Finnish government spokeswoman")
    assert (unknown.kind, unknown.side, unknown.parent) == (
        "official",
        "FI",
        "Government of Finland",
    )


def test_context_gives_the_side_of_an_unqualified_body() -> None:
    context = (
        "Overnight the air defence units downed 30 drones over Russia's Bryansk and Kursk regions."
    )
    guess = infer_source("The Defence Ministry", context=context)
    assert (guess.name, guess.side) == ("Ministry of Defence of Russia", "RU")
    alone = infer_source("The Defence Ministry")
    assert (alone.name, alone.kind, alone.side) == ("Ministry of Defence", "government", None)


def test_context_tie_gives_no_side() -> None:
    context = "Drones launched by Ukraine struck a depot in Russia."
    assert infer_source("the Defence Ministry", context=context).side is None


def test_context_resolves_the_city() -> None:
    context = (
        "Several drones were shot down on approach to Moscow early on Sunday, "
        "the city's mayor said, and no damage was reported in Ukraine."
    )
    guess = infer_source("the city's mayor", context=context)
    assert (guess.name, guess.kind, guess.side) == ("Mayor of Moscow", "official", "RU")


def test_context_for_local_officials_but_not_for_sources() -> None:
    context = (
        "A drone hit a school in Ukraine's Odesa region overnight, Russian forces said nothing."
    )
    officials = infer_source("local officials", context=context)
    assert (officials.kind, officials.side, officials.anonymous) == ("official", "UA", True)
    sources = infer_source("sources", context=context)
    assert sources.side is None  # unnamed non-officials are not given a side from the context


def test_named_official_takes_side_from_context_when_unknown() -> None:
    context = "The blast in Kharkiv damaged a school; Ukraine's emergency service was at the scene."
    guess = infer_source("regional governor Jan Kowalczyk", context=context)
    assert (guess.kind, guess.side) == ("official", "UA")
    assert infer_source("regional governor Jan Kowalczyk").side is None


def test_results_are_memoised_and_official_property() -> None:
    assert infer_source("Russian forces") is infer_source("Russian forces", context="Kyiv")
    assert infer_source("Russian forces").official
    assert not infer_source("Kyiv Independent").official
    assert OFFICIAL_KINDS.issubset(KINDS)
    assert isinstance(infer_source("x"), SourceGuess)


_PIECES = st.sampled_from(
    [*"abXZ ,.'\u2019-s", "Ukraine", "Russia's", " aide", " mayor", "Mr ", "Kremlin", "the ",
     "officials", ", the ", "Zelensky", "Ministry", " of ", "Defence", "Sir ", "a ", "'s ",
     "sources", " President ", "city's ", "Kyiv Independent", "former "]
)  # fmt: skip
_PHRASES = st.one_of(st.text(max_size=30), st.lists(_PIECES, max_size=10).map("".join))


@given(_PHRASES, st.one_of(st.none(), _PHRASES), st.one_of(st.none(), _PHRASES))
@settings(max_examples=150, deadline=None)
def test_infer_source_is_total(phrase: str, descriptor: str | None, context: str | None) -> None:
    guess = infer_source(phrase, descriptor=descriptor, context=context)
    assert guess.kind in KINDS
    assert guess.name
    assert guess.parent != guess.name
