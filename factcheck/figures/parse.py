"""Finding figures in a sentence: number, qualifier, unit, and what is counted.

The rules are general (see the package docstring for the decisions). The scan looks for digits
and number words with two cheap regexes, then reads the context of each candidate: the words
before it as a short token list (qualifier, verb, determiner), the text after it with anchored
regexes (range, unit, counted noun, outcome).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache

from factcheck.frozen import frozen

from .intervals import Interval
from .labels import (
    CASUALTY_NOUNS,
    CASUALTY_OUTCOMES,
    DESTROYED,
    GENERIC_PEOPLE,
    INVARIANT_PLURALS,
    OUTCOME_WORDS,
    TROOP_WORDS,
    TROOPS,
    compose_label,
    is_plural,
    noun_label,
    outcome_of,
)
from .numbers import (
    NUMBER,
    NUMBER_WORDS,
    SCALES,
    SMALL_NUMBERS,
    TENS,
    VAGUE_MULTIPLIERS,
    VAGUE_SCALES,
    Number,
    digits_value,
    read_number,
)

QUALIFIERS: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "not fewer than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "up to": "up_to",
    "as many as": "up_to",
    "as much as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "a maximum of": "up_to",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "approx": "about",
    "approx .": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "near": "near",
    "nears": "near",
    "neared": "near",
    "nearing": "near",
    "nearly": "near",
    "almost": "near",
    "close to": "near",
    "just under": "near",
    "just below": "near",
    "just shy of": "near",
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
    # Only meaningful when a range follows; otherwise dropped.
    "between": "range",
    "from": "range",
}
_QUALIFIER_TOKENS: dict[tuple[str, ...], str] = {tuple(k.split()): v for k, v in QUALIFIERS.items()}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WS = r"[ \t\u00a0]"
_WS1 = _WS + "+"

# --- Candidate scan -------------------------------------------------------------------------
_DIGIT_RUN_RE = re.compile(r"\d+")
_CANDIDATE_WORDS = sorted(
    {*SMALL_NUMBERS, *TENS, *SCALES, *VAGUE_SCALES, *VAGUE_MULTIPLIERS, "single", "half"}
    | {"several", "few"},
    key=len,
    reverse=True,
)
_FIRST_LETTERS = "".join(
    sorted({w[0] for w in _CANDIDATE_WORDS} | {w[0].upper() for w in _CANDIDATE_WORDS})
)
# Case-sensitive (lower and Title case) with a first-letter guard: several times faster than
# an IGNORECASE alternation, and ALL-CAPS number words are rare in copy.
_WORD_CANDIDATE_RE = re.compile(
    rf"(?=[{_FIRST_LETTERS}])\b(?:"
    + "|".join([*_CANDIDATE_WORDS, *(w.title() for w in _CANDIDATE_WORDS)])
    + r")\b"
)
_LEADING_ARTICLE_RE = re.compile(rf"(?<![\w'’-])(?:(?:half|Half){_WS1})?(?:a|an|A|An){_WS1}\Z")
_CURRENCY_BEFORE_RE = re.compile(rf"(?:US\$|[$€£]|(?:USD|EUR|GBP|UAH|RUB){_WS}?)\Z")

# Numbers may not be glued to a word, decimal point, clock, path, designation or hyphen.
_NUM_RE = re.compile(r"(?<![\w.,:/#'’])(?<!\w[-–—])" + NUMBER, re.IGNORECASE)
_NUM_BODY_RE = re.compile(NUMBER, re.IGNORECASE)

# --- Context before a number: a few tokens ---------------------------------------------------
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+|[^\sA-Za-z\d]")
_BEFORE_SPAN = 64

_MONTH_NAMES: frozenset[str] = _wordset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_NEGATIONS = frozenset({"not", "no", "nor", "never"})
_DEFINITES = frozenset({"the", "these", "those", "both"})
_ONE_IDIOM_BEFORE = frozenset(
    {"any", "every", "each", "this", "that", "which", "such", "someone", "anyone"}
)
_DESIGNATIONS_ANY_CASE = _wordset(
    "no nos number article section chapter page paragraph resolution room flight route highway"
    " gate platform #"
)
_DESIGNATIONS_CAPITALISED = _wordset(
    "Art Level Phase Episode Season Version Vol Volume Item Clause Rule Brigade Regiment"
    " Battalion Division Corps Squadron Group Unit Block Building Apartment Apt Bus Line Zone"
    " Sector Figure Fig Table Game Round Term Stage Step Category Class Grade Type Model Mark"
    " Mk Ward Station Terminal"
)
_YEAR_BEFORE = _wordset(
    "in since of by until till from before after during through throughout this that last next"
    " early late mid spring summer autumn winter fall year to and or , ( –"
) | frozenset(m.lower() for m in _MONTH_NAMES)
_CHANGE_VERBS = _wordset(
    "rose risen rising rises increased increasing climbed climbing jumped grew grown fell fallen"
    " falling dropped decreased declined went gone up down"
)
_OUTCOME_GAPS: tuple[tuple[str, ...], ...] = (
    ("a", "total", "of"),
    ("a", "further"),
    ("an", "additional"),
    ("another",),
)
_GAP_LAST = frozenset(gap[-1] for gap in _OUTCOME_GAPS[1:])
# The gaps by their last word, in their order: a gap can only end tokens ending in that word.
_GAPS_BY_LAST: dict[str, tuple[tuple[str, ...], ...]] = {
    last: tuple(gap for gap in _OUTCOME_GAPS if gap[-1] == last)
    for last in {gap[-1] for gap in _OUTCOME_GAPS}
}
_DOWN_VERBS = _wordset("shot shoot shoots shooting brought bring brings bringing")
_OUTCOME_VERBS = frozenset(OUTCOME_WORDS) - {
    "dead",
    "death",
    "deaths",
    "fatalities",
    "fatality",
    "injury",
    "injuries",
}
_SENTENCE_PUNCT = frozenset(".;:!?")


def _tokens_before(text: str, pos: int) -> tuple[list[str], list[str], int]:
    """Tokens in the window before pos, as written and lowercased, and where the window starts."""
    window = max(0, pos - _BEFORE_SPAN)
    chunk = text[window:pos]
    words = _TOKEN_RE.findall(chunk)
    lower = _TOKEN_RE.findall(chunk.lower())
    if len(lower) != len(words):  # lowercasing changed a token's length (rare Unicode)
        lower = [w.lower() for w in words]
    if words and window > 0 and chunk.startswith(words[0]) and text[window - 1].isalnum():
        del words[0], lower[0]  # cut by the window edge
    return words, lower, window


def _start_of_last(text: str, words: list[str], n: int, pos: int, window: int) -> int:
    """Offset of the n-th token from the end; tokens are separated by whitespace only."""
    p = pos
    for w in reversed(words[-n:]):
        p = text.rfind(w, window, p)
    return p


def _ends_with(tokens: list[str], words: tuple[str, ...]) -> bool:
    n = len(words)
    return len(tokens) >= n and tokens[-1] == words[-1] and tuple(tokens[-n:]) == words


def _qualifier(tokens: list[str]) -> tuple[str, int]:
    """The qualifier the lowercase tokens end with, and how many tokens it spans."""
    for n in (3, 2, 1):
        if len(tokens) >= n:
            key = tuple(tokens[-n:])
            if key in _QUALIFIER_TOKENS:
                return _QUALIFIER_TOKENS[key], n
    return "exact", 0


def _outcome_before(tokens: list[str]) -> str | None:
    """Outcome verb right before the figure: "injuring at least 25", "shot down four"."""
    if not tokens:
        return None
    for gap in _GAPS_BY_LAST.get(tokens[-1], ()):
        if _ends_with(tokens, gap):
            tokens = tokens[: -len(gap)]
            break
    if not tokens:
        return None
    last = tokens[-1]
    if last == "down" and len(tokens) >= 2 and tokens[-2] in _DOWN_VERBS:
        return DESTROYED
    if last in ("downed", "downing"):
        return DESTROYED
    if last in _OUTCOME_VERBS:
        return OUTCOME_WORDS[last]
    return None


def _label_from_cue(words: list[str], lower: list[str]) -> str | None:
    """Label from a noun before the number: "the death toll rose to 12", "troop losses near"."""
    for i in range(len(lower) - 1, max(-1, len(lower) - 12), -1):
        t = lower[i]
        if t in _SENTENCE_PUNCT or t[0].isdigit():
            return None
        if t == "toll":
            return "killed"
        word = ""
        if t in ("losses", "casualties") and i > 0 and words[i - 1].islower():
            word = lower[i - 1]
        elif t == "of" and i > 0 and lower[i - 1] == "number" and i + 1 < len(lower):
            word = lower[i + 1]
        if word:
            if word in _STOP_WORDS:
                return None
            if word in CASUALTY_NOUNS:
                return outcome_of(word)
            if word in TROOP_WORDS:
                return TROOPS
            return noun_label([word])[0]
    return None


# --- Context after a number: anchored regexes -----------------------------------------------
def _phrase_alternation(phrases: Iterable[str]) -> str:
    parts = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", _WS1) for p in parts)


_QUAL_AFTER_RE = re.compile(
    rf"(?:{_WS}*(?P<plus>\+)|{_WS1}or{_WS1}(?P<more>more|over|above)"
    rf"|{_WS1}or{_WS1}(?P<less>fewer|less|under)|{_WS1}or{_WS1}(?P<so>so))(?![\w+])",
    re.IGNORECASE,
)
_RANGE_SEP_RE = re.compile(
    rf"{_WS}*(?P<dash>[-–—]){_WS}*|{_WS1}(?P<word>to|or|and){_WS1}", re.IGNORECASE
)
_HYPHEN_WORD_RE = re.compile(r"-(?P<w>[A-Za-z]+)(?:-[A-Za-z]+)*")
_UNIT_WORDS: dict[str, str] = {
    "percent": "%",
    "per cent": "%",
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mile",
    "miles": "mile",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "mm": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "cm": "cm",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "hectare": "ha",
    "hectares": "ha",
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "year-old": "year",
    "years-old": "year",
    "storey": "storey",
    "storeys": "storey",
    "story": "storey",
    "stories": "storey",
    "floor": "storey",
    "floors": "storey",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "yuan": "CNY",
    "yen": "JPY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "uah": "UAH",
    "rub": "RUB",
}
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY"})
_MEASURE_UNITS = frozenset(set(_UNIT_WORDS.values()) - _CURRENCIES - {"%"}) | {"mm", "cm", "km2"}
_UNIT_AFTER_RE = re.compile(
    rf"{_WS1}(?P<u>{_phrase_alternation(_UNIT_WORDS)})\b(?!-)", re.IGNORECASE
)
_LOWER_WORD_RE = re.compile(rf"{_WS1}[a-z]")
_TIME_AFTER_RE = re.compile(
    rf"{_WS}*(?:[ap]\.?m\b\.?|o['’]clock\b"
    r"|(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|PST|PDT|ET|PT)\b"
    rf"|(?:local|Kyiv|Moscow|Kiev){_WS1}time\b)",
    re.IGNORECASE,
)
_MONTH_AFTER_RE = re.compile(
    rf"{_WS1}(?:of{_WS1})?(?:{'|'.join(sorted(_MONTH_NAMES, key=len, reverse=True))})\b"
)
_LINE_END_RE = re.compile(rf"{_WS}*(?:\r?\n|\Z)")
_ONE_IDIOM_AFTER_RE = re.compile(
    rf"{_WS1}(?:of|another|day|time|way|side|hand|point|thing|by|after|too|such|or|else)\b",
    re.IGNORECASE,
)
_PARTITIVE_RE = re.compile(
    rf"{_WS1}of{_WS1}(?:the|them|those|these|its|their|his|her|our|whom|which|us|all|it|whose)\b",
    re.IGNORECASE,
)
_UNIT_OF_RE = re.compile(
    rf"{_WS1}(?P<prep>of|in){_WS1}(?:(?:the|its|their|his|her|all|our){_WS1})?", re.IGNORECASE
)
_WORD_RE = re.compile(rf"{_WS}*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OUTCOME_AFTER_RE = re.compile(
    rf"(?:{_WS1}(?:had|have|has|were|was|been|being|are|is|reportedly|also|all|later|already"
    rf"|now|allegedly|subsequently)){{0,3}}{_WS1}"
    rf"(?P<o>killed|dead|died|injured|wounded|hurt|destroyed|shot{_WS1}down|downed"
    r"|intercepted|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?;]\s|\n")
_EUROPEAN_THOUSANDS_RE = re.compile(r"\d{1,3}\.\d{3}")

# Words that end a counted-noun phrase.
_STOP_WORDS: frozenset[str] = (
    _wordset(
        """
    a an the of in on at to for from by with without within into onto over under about against
    between among through during after before since until till via per as than and or but nor so
    yet if that which who whom whose what when where while why how this these those it its their
    his her our my your they them he she we i you us there here also only just still even already
    alone most less each every all both some any no not had have has was were is are be been being
    will would could should may might must can did do does said says say told reported according
    including such then across around near nearly along amid despite toward towards upon inside
    outside throughout whether because though although plus again ago later earlier today
    yesterday tomorrow overnight now respectively apiece altogether last next first second third
    got get gets hit hits struck fell fall falls made make makes went go goes came
    come comes took take takes saw see sees left leave leaves remain remains lay lie lies flew fly
    flies ran run runs won win wins lost lose loses sent send sends fought fight fights held hold
    holds met meet meets stood stand stands set sets put puts became become becomes began begin
    """
    )
    | NUMBER_WORDS
)
_SKIP_ADJECTIVES = frozenset({"other", "additional", "further", "extra", "new", "separate"})
# Nouns that look like verb forms or adverbs but can end a counted-noun phrase.
_NOUNS_LIKE_VERBS = frozenset(
    {"building", "housing", "wing", "ceiling", "shelling", "bombing", "landing", "crossing"}
    | {"warning", "opening", "meeting", "setting", "bed", "shed", "red", "seed", "speed", "need"}
    | {"family", "supply", "assembly", "ally", "rally", "anomaly", "belly"}
)
# Capitalised words that are still the counted noun in title-case headlines.
_KNOWN_NOUNS = frozenset(
    TROOP_WORDS
    | GENERIC_PEOPLE
    | CASUALTY_NOUNS
    | {"drones", "tanks", "missiles", "children", "aircraft", "helicopters", "rockets"}
)


@dataclass(frozen=True)
class Figure:
    """A number in a claim: stated value, implied interval, unit, label and where it was found.

    For ranges ("7,000 to 15,000") and vague spans ("hundreds of") `value` is the low end, the
    number stated first; `low`/`high` hold the interval.
    """

    value: float
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    qualifier: str
    unit: str | None
    label: str | None
    text: str
    start: int
    end: int

    @property
    def interval(self) -> Interval:
        """The interval the qualifier implies."""
        return Interval(self.low, self.high, self.low_open, self.high_open)

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON output (unbounded ends are None)."""
        return asdict(self)


def _new_figure(
    value: float,
    low: float | None,
    high: float | None,
    low_open: bool,
    high_open: bool,
    qualifier: str,
    unit: str | None,
    label: str | None,
    text: str,
    start: int,
    end: int,
) -> Figure:
    """``Figure(...)``, built several times faster (see ``frozen``)."""
    return frozen(
        Figure,
        {
            "value": value, "low": low, "high": high, "low_open": low_open,
            "high_open": high_open, "qualifier": qualifier, "unit": unit, "label": label,
            "text": text, "start": start, "end": end,
        },
    )  # fmt: skip


class _Noun:
    """The counted noun phrase after a number (a plain class: built once per figure)."""

    __slots__ = ("words", "end", "casualty", "plural", "elided")

    def __init__(self, end: int = 0) -> None:
        self.words: list[str] = []
        self.end = end
        self.casualty: str | None = None
        self.plural = False
        self.elided = False  # "45 more": the noun is left out


_NO_NOUN = _Noun(end=0)  # no counted noun: no words, not plural, ends nowhere


def _scan_noun(text: str, pos: int, *, singular_count: bool = False) -> _Noun:
    """Read the counted noun phrase that starts at pos (right after the number)."""
    kept: list[tuple[str, int]] = []
    noun = _Noun(end=pos)
    capitals = 0
    p = pos
    for _ in range(10):
        t = _WORD_RE.match(text, p)
        if t is None:
            break
        word = t.group(1)
        lw = word.lower().replace("’", "'")
        if word[0].isupper() and not kept and lw not in _KNOWN_NOUNS:
            if lw.endswith("ans") and len(lw) > 5:
                kept.append(("people", t.end()))  # a plural demonym: "15 Ukrainians"
                noun.plural = True
                break
            # Nationalities and names qualify the noun ("North Korean troops"); they are scope.
            capitals += 1
            if capitals > 3:
                break
            p = t.end()
            continue
        if lw in CASUALTY_NOUNS:
            if not kept:
                noun.casualty = outcome_of(lw)
                noun.end = t.end()
            break
        if not kept and lw == "more":
            noun.elided = True
            p = t.end()
            continue
        if not kept and lw == "others":
            kept.append(("others", t.end()))
            noun.plural = True
            break
        if not kept and lw in _SKIP_ADJECTIVES:
            p = t.end()
            continue
        if lw == "and" and kept:
            # Only a singular modifier reaches "and": "transport and fuel vehicles".
            kept.append(("and", kept[-1][1]))
            p = t.end()
            continue
        if lw in _STOP_WORDS or (lw.endswith("ly") and lw not in _NOUNS_LIKE_VERBS):
            break
        if singular_count and kept and is_plural(lw):
            break  # "one drone hits": after a singular noun an -s word is a verb
        kept.append((lw, t.end()))
        p = t.end()
        if is_plural(lw) and lw not in INVARIANT_PLURALS:
            break
        if len(kept) >= 5:
            break
    # A phrase cannot end on a joiner or a verb form ("12 fled", "one drone headed").
    while kept and (
        kept[-1][0] == "and"
        or (
            kept[-1][0].endswith(("ed", "ing"))
            and kept[-1][0] not in _NOUNS_LIKE_VERBS
            and not is_plural(kept[-1][0])
        )
    ):
        kept.pop()
    if kept:
        noun.words = [w for w, _ in kept]
        noun.end = kept[-1][1]
        noun.plural = noun.plural or is_plural(kept[-1][0])
    return noun


def _interval(qualifier: str, x: float) -> tuple[float | None, float | None, bool, bool]:
    if qualifier == "at_least":
        return x, None, False, False
    if qualifier == "more_than":
        return x, None, True, False
    if qualifier == "up_to":
        return 0.0, x, False, False
    if qualifier == "less_than":
        return 0.0, x, False, True
    if qualifier == "about":
        return x - x / 10, x + x / 10, False, False
    if qualifier == "near":
        return x * 0.97, x, False, False
    return x, x, False, False


def _unscaled(m: re.Match[str], number: Number) -> float:
    """The number as written before its scale: 15 for "15 million", 3 for "three thousand"."""
    digits = m.group("digits")
    if digits is not None:
        return digits_value(digits) or 1.0
    scales = [w for w in re.split(r"[\s-]+", m.group(0).lower()) if w in SCALES]
    return number.value / SCALES[scales[-1]] if scales else number.value


def _is_year(m: re.Match[str], number: Number) -> bool:
    digits = m.group("digits")
    return (
        digits is not None
        and len(digits) == 4
        and digits.isdigit()
        and number.unit is None
        and not number.scaled
        and 1800 <= number.value <= 2100
    )


def _is_designated(words: list[str]) -> bool:
    """ "Article 5", "No. 10", "Brigade 47": the number names something."""
    words = words[:-1] if words and words[-1] == "." else words
    if not words:
        return False
    return words[-1].lower() in _DESIGNATIONS_ANY_CASE or words[-1] in _DESIGNATIONS_CAPITALISED


def _is_day_of_month(text: str, end: int, words: list[str], value: float) -> bool:
    if not (1 <= value <= 31 and value == int(value)):
        return False
    if _MONTH_AFTER_RE.match(text, end):
        return True
    words = words[:-1] if words and words[-1] == "." else words
    return bool(words) and words[-1] in _MONTH_NAMES


def _figure_at(text: str, m: re.Match[str], prev_label: str | None) -> tuple[Figure | None, int]:
    """Read one figure around the number matched by m; returns it (or None) and where to go on."""
    s, e = m.span()
    number = read_number(m)
    words, before, window = _tokens_before(text, s)
    qualifier, n_qual = _qualifier(before)
    rest = before[:-n_qual] if n_qual else before
    start = _start_of_last(text, words, n_qual, s, window) if n_qual else s
    value = number.value
    unit = number.unit
    end = e
    high_value: float | None = None
    digits = m.group("digits")

    # Ranges: "7,000-15,000", "7,000 to 15,000", "between 7,000 and 15,000", "two or three".
    rm = _RANGE_SEP_RE.match(text, e) if number.kind != "vague" else None
    m2 = _NUM_BODY_RE.match(text, rm.end()) if rm else None
    if rm and m2:
        second = read_number(m2)
        sep = (rm.group("word") or "").lower()
        low_value = value
        if not number.scaled and second.scaled and value < _unscaled(m2, second):
            # "between 7 and 15 million": the scale belongs to both ends.
            low_value = value * (second.value / _unscaled(m2, second))
        is_range = second.kind != "vague" and low_value <= second.value
        if sep == "and":
            is_range = is_range and n_qual == 1 and before[-1] == "between"
        elif sep == "to" and qualifier == "range":
            is_range = is_range and not any(t in _CHANGE_VERBS for t in rest[-4:])
        elif sep == "or":
            is_range = is_range and low_value < second.value
        elif rm.group("dash"):
            if number.kind != "digits" or second.kind != "digits":
                is_range = False
            elif low_value > second.value:
                return None, m2.end()  # "3-1", "2024-11-08": a score, date or code
        if is_range and _is_year(m, number):
            return None, m2.end()
        if is_range:
            value, high_value = low_value, second.value
            unit = unit or second.unit
            qualifier = "range"
            end = m2.end()
    if qualifier == "range" and high_value is None:
        # "between"/"from" without a second number: the number stands alone.
        qualifier, start, rest = "exact", s, before

    # --- Things that look like numbers but are not figures.
    if digits is not None and high_value is None:
        if (
            len(digits) >= 9
            and digits.isdigit()
            and _LINE_END_RE.match(text, e)
            and not text[text.rfind("\n", 0, s) + 1 : s].strip()
        ):
            return None, e  # a Unix timestamp on a line of its own
        if _TIME_AFTER_RE.match(text, e):
            return None, e
        if digits.isdigit() and len(digits) <= 2 and _is_day_of_month(text, e, words, value):
            return None, e
        if _is_designated(words):
            return None, e
    if rest and rest[-1] in _NEGATIONS:
        return None, end  # "no one", "not a single drone"

    number_words = m.group("words")
    is_one = (
        high_value is None
        and number_words is not None
        and " ".join(number_words.lower().split()) in ("one", "a single")
    )
    if (
        is_one
        and qualifier == "exact"
        and ((rest and rest[-1] in _ONE_IDIOM_BEFORE) or _ONE_IDIOM_AFTER_RE.match(text, end))
    ):
        return None, end  # "one of the", "which one", "one day"

    # --- Units and compound modifiers.
    compound = False
    hm = _HYPHEN_WORD_RE.match(text, end)
    if hm:
        hw = hm.group("w").lower()
        if hw == "odd" and qualifier == "exact":
            qualifier, end = "about", hm.end()
        elif hw == "plus" and qualifier == "exact":
            qualifier, end = "at_least", hm.end()
        elif hw == "strong":
            end = hm.end()  # "a 12,000-strong force" counts the force
        elif _UNIT_WORDS.get(hw) in _MEASURE_UNITS:
            unit, end, compound = _UNIT_WORDS[hw], hm.end(), True
        else:
            return None, hm.end()  # "a three-point plan", "one-sided": an adjective
    elif unit is None or unit in _CURRENCIES:
        um = _UNIT_AFTER_RE.match(text, end)
        if um:
            word = " ".join(um.group("u").lower().split())
            if unit is None or _UNIT_WORDS[word] == unit:
                unit, end = _UNIT_WORDS[word], um.end()
                compound = (
                    unit in _MEASURE_UNITS
                    and not is_plural(word)
                    and value != 1
                    and _LOWER_WORD_RE.match(text, end) is not None
                )  # "a 25 minute call"

    if qualifier == "exact":
        tm = _QUAL_AFTER_RE.match(text, end)
        if tm:
            if tm.group("plus") or tm.group("more"):
                qualifier = "at_least"
            elif tm.group("less"):
                qualifier = "up_to"
            else:
                qualifier = "about"
            end = tm.end()

    if unit is None and qualifier == "exact" and rest and rest[-1] in _DEFINITES:
        return None, end  # "the two leaders": a reference back, not a new count

    # --- What is counted.
    label: str | None = None
    noun = _NO_NOUN  # until a counted noun is read (never modified)
    if unit is not None:
        if unit not in _MEASURE_UNITS and not compound:
            om = _UNIT_OF_RE.match(text, end)
            if om and (om.group("prep").lower() == "of" or unit in _CURRENCIES):
                noun = _scan_noun(text, om.end())
                label = noun_label(noun.words)[0]
                if label is None:
                    noun.end = end
    else:
        pm = _PARTITIVE_RE.match(text, end)
        if pm and is_one and qualifier == "exact":
            return None, pm.end()  # "one of the capital's airports"
        if not pm:  # other partitives ("five of the injured") count a part: no label
            noun = _scan_noun(text, end, singular_count=value == 1 and high_value is None)
            label = _count_label(text, noun, words[: len(rest)], rest, prev_label)

    if is_one and qualifier == "exact" and unit is None and label is None:
        return None, max(end, noun.end)  # a bare "one" is a pronoun, not a count
    if _is_year(m, number) and high_value is None and unit is None:
        year_context = bool(rest) and (rest[-1] in _YEAR_BEFORE or rest[-1].endswith(("'s", "’s")))
        if not noun.plural or year_context:
            return None, max(end, noun.end)

    if (
        digits is not None
        and not number.scaled
        and unit is None
        and noun.plural
        and _EUROPEAN_THOUSANDS_RE.fullmatch(digits)
    ):
        # "1.580 soldiers": a fractional count makes no sense, so the dot groups thousands.
        value *= 1000
        if high_value is not None and high_value < value:
            high_value *= 1000

    low: float | None
    high: float | None
    if high_value is not None:
        low, high, low_open, high_open = value, high_value, False, False
    elif number.kind == "vague":
        qualifier = "range"
        low, high, low_open, high_open = value, number.vague_high, False, True
    else:
        low, high, low_open, high_open = _interval(qualifier, value)

    final_end = max(end, noun.end)
    figure = _new_figure(
        value=value,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        qualifier=qualifier,
        unit=unit,
        label=label,
        text=text[start:final_end],
        start=start,
        end=final_end,
    )
    return figure, final_end


def _count_label(
    text: str, noun: _Noun, words: list[str], lower: list[str], prev_label: str | None
) -> str | None:
    """Label of a count from its noun, an outcome around it, a cue before it, or the last label.

    words/lower are the tokens before the figure (qualifier excluded).
    """
    if noun.casualty:
        outcome: str | None = noun.casualty
    else:
        after = _OUTCOME_AFTER_RE.match(text, noun.end)
        if after:
            outcome = outcome_of(after.group("o").split()[0]) or DESTROYED
        else:
            outcome = _outcome_before(lower)
    if noun.words == ["others"] and outcome is None and prev_label in CASUALTY_OUTCOMES:
        outcome = prev_label  # "... killed, and three others"
    noun_text, generic = noun_label(noun.words)
    if noun_text == "others":
        noun_text = "people"
    label = compose_label(noun_text, generic, outcome)
    if label is None:
        label = _label_from_cue(words, lower)
    # "45 more", "another 45", "19 in Sumy and 6 in Okhtyrka": the noun is left out.
    continues = (
        noun.elided
        or (
            bool(lower)
            and lower[-1] in _GAP_LAST
            and any(_ends_with(lower, gap) for gap in _OUTCOME_GAPS[1:])
        )
        or (label is None and bool(lower) and lower[-1] == "and")
    )
    if (
        continues
        and not noun.words
        and prev_label is not None
        and (label is None or prev_label.endswith(" " + label))
    ):
        label = prev_label  # "94 drones destroyed and 45 more", "downing another 5"
    return label


_CURRENCY_CODES = frozenset({"USD", "EUR", "GBP", "UAH", "RUB"})


def _currency_may_end(text: str, p: int) -> bool:
    """Cheap test that ``_CURRENCY_BEFORE_RE`` may end at ``p`` (not after a letter)."""
    c = text[p - 1]
    return c in "$€£" or (c in " \t\u00a0" and text[max(0, p - 4) : p - 1] in _CURRENCY_CODES)


def _candidates(text: str) -> list[int]:
    """Where numbers may start: digit runs (with a currency sign before) and number words."""
    starts: list[int] = []
    for d in _DIGIT_RUN_RE.finditer(text):
        p = d.start()
        if p and not text[p - 1].isalnum() and _currency_may_end(text, p):
            c = _CURRENCY_BEFORE_RE.search(text, max(0, p - 4), p)
            if c:
                starts.append(c.start())  # "$3bn", "USD 40m"; p stays as a fallback
        starts.append(p)
    for w in _WORD_CANDIDATE_RE.finditer(text):
        p = w.start()
        a = _LEADING_ARTICLE_RE.search(text, max(0, p - 12), p)
        if a:
            starts.append(a.start())  # "a dozen", "half a million"; p stays as a fallback
        starts.append(p)
    starts.sort()
    return starts


def parse_figures(text: str, *, offset: int = 0) -> list[Figure]:
    """All figures in a sentence or clause, in order; offsets are into text, plus offset."""
    figures = _parse(text)
    if not offset:
        return list(figures)
    return [
        _new_figure(
            f.value,
            f.low,
            f.high,
            f.low_open,
            f.high_open,
            f.qualifier,
            f.unit,
            f.label,
            f.text,
            f.start + offset,
            f.end + offset,
        )
        for f in figures
    ]


# Reports repeat themselves (wire copy pasted under several outlets, the same paragraph in
# a live blog's entries): parse each distinct text once. Figures are immutable.
@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    prev_label: str | None = None
    prev_end = 0
    pos = 0
    for candidate in _candidates(text):
        if candidate < pos:
            continue
        m = _NUM_RE.match(text, candidate)
        if m is None or m.end() == m.start():
            continue
        if prev_label is not None and _SENTENCE_BREAK_RE.search(text, prev_end, candidate):
            prev_label = None  # an elided noun only refers back within its sentence
        figure, next_pos = _figure_at(text, m, prev_label)
        pos = max(next_pos, m.end())
        if figure is None:
            continue
        if figure.label is not None:
            prev_label, prev_end = figure.label, figure.end
        figures.append(figure)
    return tuple(figures)
