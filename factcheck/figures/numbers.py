"""Reading numbers as news text writes them: digits, separators, scales, number words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

ONES: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0,
    **ONES,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "dozen": 12.0,
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Attached abbreviations as newsrooms write them: "2bn", "$5m", "10k". A bare attached "m" is
# read as million, not metres: that is by far its commoner use in news copy.
ABBREVIATED_SCALES: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
}
CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "uah": "UAH",
    "rub": "RUB",
}
ATTACHED_UNITS: dict[str, str] = {
    "%": "%",
    "km": "km",
    "km2": "km2",
    "km²": "km2",
    "kg": "kg",
    "mm": "mm",
    "cm": "cm",
}
# Plural scale words ("hundreds of") stand for a span, not a number: from two of the unit up to
# (not including) the next named scale. "tens of"/"hundreds of" before another plural scale
# multiply it: "tens of thousands" is [20,000, 100,000).
VAGUE_SCALES: dict[str, tuple[float, float]] = {
    "dozens": (12.0, 100.0),
    "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e6),
    "millions": (1e6, 1e9),
    "billions": (1e9, 1e12),
}
VAGUE_MULTIPLIERS: dict[str, float] = {"tens": 10.0, "hundreds": 100.0}
# "several hundred" / "a few thousand": a small multiple of the scale, below ten of it.
FEW_WORDS: dict[str, float] = {"several": 3.0, "a few": 2.0}

NUMBER_WORDS: frozenset[str] = frozenset(
    [*SMALL_NUMBERS, *TENS, *SCALES, "single", "half", *VAGUE_SCALES, "tens", "several"]
)


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "seventeen" wins over "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_SP = r"[ \u00a0]+"
_W_ONES = _alternation(ONES)
_W_SMALL = rf"(?:(?:{_alternation(TENS)})(?:[ -](?:{_W_ONES}))?|(?:{_alternation(SMALL_NUMBERS)}))"
_W_SCALE = r"(?:dozen|hundred|thousand|million|billion|trillion)"
_W_JOIN = rf"(?:{_SP}|-)"
WORD_NUMBER = (
    rf"(?:a{_SP}single"
    rf"|half{_SP}an?{_SP}{_W_SCALE}"
    rf"|(?:an?|{_W_SMALL})(?:{_W_JOIN}{_W_SCALE})+"
    rf"(?:(?:{_SP}and{_SP}|{_W_JOIN}){_W_SMALL}(?:{_W_JOIN}{_W_SCALE})*)*"
    rf"|{_W_SMALL})\b"
)

DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 705,880 / 1,580.5
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d|[.,]\d)"  # 705 880 (space-grouped)
    r"|\d{1,3}(?:\.\d{3}){2,}(?!\d|[.,]\d)"  # 1.234.567 (dot-grouped)
    r"|\d+(?:\.\d+)?)"  # 45, 1.5, 2022
)

# One number with what is glued to it. Group names are read by `read_number`.
NUMBER = (
    r"(?P<cur>US\$|\$|€|£|(?:USD|EUR|GBP|UAH|RUB)[ \u00a0]?)?"
    r"(?:"
    rf"(?P<digits>{DIGITS})"
    r"(?:[ \u00a0]?(?P<scale>thousand|million|billion|trillion)\b"
    r"|(?P<abbr>k|m|mn|mln|bn|bln|b|tn)\b)?"
    r"(?P<aunit>%|(?:km²|km2|km|kg|mm|cm)\b)?"
    r"(?![.,:/]?\w)"
    rf"|(?P<few>several|a{_SP}few){_SP}(?P<fscale>dozen|hundred|thousand|million|billion)\b"
    rf"(?:{_SP}of\b)?"
    rf"|(?:(?P<vmul>tens|hundreds){_SP}of{_SP})?(?P<vscale>dozens|hundreds|thousands|millions|billions)\b"
    rf"(?:{_SP}of\b)?"
    rf"|(?P<words>{WORD_NUMBER})"
    r")"
)

_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
_WORD_SPLIT_RE = re.compile(r"[\s-]+")
_SEPARATORS_RE = re.compile(r"[,\u00a0\u202f\u2009 ]")


class Number(NamedTuple):
    """A number read from text: its value, any unit glued to it, and for vague words a span."""

    value: float
    unit: str | None = None
    kind: str = "digits"  # "digits", "words" or "vague"
    scaled: bool = False  # a scale word or abbreviation multiplied it ("1.5 million", "2bn")
    vague_high: float | None = None  # exclusive upper end for "hundreds of", "several thousand"


def digits_value(digits: str) -> float:
    """Value of a digit string with any thousands separators: "705,880", "1 580", "1.234.567"."""
    if "," in digits:
        digits = digits.replace(",", "")
    if " " in digits or "\u00a0" in digits or "\u202f" in digits or "\u2009" in digits:
        return float(_SEPARATORS_RE.sub("", digits))
    if digits.isdigit():
        return float(digits)
    if digits.count(".") >= 2:
        return float(digits.replace(".", ""))
    return float(digits)


def words_value(phrase: str) -> float:
    """Value of a number-word phrase: "two dozen" -> 24, "a single" -> 1, "half a million"."""
    tokens = [t for t in _WORD_SPLIT_RE.split(phrase.lower()) if t and t != "and"]
    if tokens and tokens[0] == "half":
        return 0.5 * SCALES[tokens[-1]]
    total = 0.0
    current = 0.0
    for token in tokens:
        if token in SMALL_NUMBERS:
            current += SMALL_NUMBERS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in ("a", "an"):
            current += 1
        elif token in ("hundred", "dozen"):
            current = max(current, 1.0) * SCALES[token]
        elif token in SCALES:
            total += max(current, 1.0) * SCALES[token]
            current = 0.0
        # "single" in "a single" adds nothing: the "a" already counted one.
    return total + current


def read_number(m: re.Match[str]) -> Number:
    """Turn a match of `NUMBER` into a `Number`."""
    cur = m.group("cur")
    unit = CURRENCY_SIGNS[cur.strip().lower()] if cur else None
    digits = m.group("digits")
    if digits is not None:
        value = digits_value(digits)
        scaled = False
        if m.group("scale"):
            value *= SCALES[m.group("scale").lower()]
            scaled = True
        elif m.group("abbr"):
            value *= ABBREVIATED_SCALES[m.group("abbr").lower()]
            scaled = True
        if m.group("aunit"):
            unit = ATTACHED_UNITS[m.group("aunit").lower()]
        return Number(value, unit, "digits", scaled)
    if m.group("few"):
        few = FEW_WORDS[" ".join(m.group("few").lower().split())]
        scale = SCALES[m.group("fscale").lower()]
        return Number(few * scale, unit, "vague", True, 10.0 * scale)
    if m.group("vscale"):
        base, next_scale = VAGUE_SCALES[m.group("vscale").lower()]
        if m.group("vmul"):
            mul = VAGUE_MULTIPLIERS[m.group("vmul").lower()]
            return Number(2.0 * mul * base, unit, "vague", True, 10.0 * mul * base)
        return Number(2.0 * base, unit, "vague", True, next_scale)
    phrase = m.group("words")
    scaled = any(w in SCALES for w in _WORD_SPLIT_RE.split(phrase.lower()))
    return Number(words_value(phrase), unit, "words", scaled)


def parse_number(text: str) -> float | None:
    """Value of a single number phrase ("705,880", "1.5 million", "twelve", "$3bn"), else None.

    A lone "1.580" is read the English way, as a decimal; vague phrases ("hundreds of") are not
    single numbers and give None.
    """
    m = _NUMBER_RE.fullmatch(text.strip())
    if m is None:
        return None
    number = read_number(m)
    if number.kind == "vague":
        return None
    return number.value
