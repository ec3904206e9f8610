"""Comparison keys and fuzzy matching for source names (people and organisations).

``name_key`` turns a name as written into a key that is only for comparing,
never for display. It folds:

- script and diacritics: Unidecode (``Зеленский`` → ``zelenskii``, ``Chișinău`` → ``chisinau``,
  ``Müller`` → ``muller``); case is folded;
- possessive ``'s`` / ``s'`` and every apostrophe (``Ukraine's`` → ``ukraine``; ``Zelens'kii``
  → ``zelenskii``, the Ukrainian soft sign and ``O'Brien`` join up), other punctuation and hyphens
  become spaces (``Kim Jong-un`` = ``Kim Jong Un``), whitespace collapses;
- a leading ``the`` and leading honorifics and titles (``Mr``, ``Sir``, ``Dr``, ``Major``,
  ``President``, ``Prime Minister`` …) when a name follows them. A title is kept when it is the
  last word or when an institution word follows it (``General Staff``, ``President of Ukraine``);
- spelling variants of one transliteration, per word of four letters or more:
  a run of ``i``/``y`` (optionally ending in ``j``) after a consonant at the end becomes ``y``
  (``Zelenskiy``/``Zelenskyy``/``Zelenskii``/``Zelenski`` → ``zelensky``, ``Syrskyi`` → ``syrsky``,
  ``Dmitriy``/``Dmitrii``/``Dmitri`` → ``dmitry``, ``Yuri``/``Yuriy`` → ``yury``);
  ``ai``/``ei`` at the end become ``ay``/``ey`` (``Sergei`` = ``Sergey``, ``Nikolai`` = ``Nikolay``);
  ``x`` becomes ``ks`` (``Alexei`` = ``Aleksey``, ``Maxim`` = ``Maksim``) and a leading ``ye``
  becomes ``e`` (``Yevgeny`` = ``Evgeny``).

Deliberately *not* folded, because they separate different names or people: other-language forms
of a name (``Volodymyr``/``Vladimir``, ``Oleksandr``/``Aleksandr``, ``Kyiv``/``Kiev``), Ukrainian
``h`` against Russian ``g`` (``Shmyhal``/``Shmigal``), and feminine surname endings
(``Zelensky`` is not ``Zelenska``, ``Navalny`` is not ``Navalnaya``). Aliases in the source
registry cover those. The folds can make rare distinct names collide (``Kelli``/``Kelly``); since
keys are only compared, never shown, that is the accepted cost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

__all__ = [
    "fold_word",
    "name_key",
    "name_similarity",
    "person_parts",
    "same_entity",
]

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4"
_POSSESSIVE = re.compile(rf"(?<=\w)[{_APOSTROPHES}]s\b|(?<=s)[{_APOSTROPHES}](?!\w)", re.IGNORECASE)
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

_CONSONANT = "bcdfghjklmnpqrstvwxz"
# A run of i/y (maybe closed by j) after a consonant at the end: -iy, -yy, -ii, -yi, -ij, -i, -y.
_END_IY = re.compile(rf"(?<=[{_CONSONANT}])[iy]+j?$")
_END_AI_EI = re.compile(r"(?<=[ae])i$")

# Honorifics and titles dropped when they precede a name; the longest title is tried first.
TITLES = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "president", "vice president", "president elect", "prime minister", "pm",
    "premier", "chancellor", "minister", "foreign minister", "defence minister",
    "defense minister", "secretary", "secretary of state", "general", "gen",
    "lieutenant general", "lt gen", "major general", "maj gen", "brigadier general", "brig gen",
    "colonel", "col", "lieutenant colonel", "lt col", "lieutenant", "lt", "major", "maj",
    "captain", "capt", "cpt", "sergeant", "sgt", "admiral", "adm", "vice admiral",
    "rear admiral", "commander", "cmdr", "marshal", "field marshal", "senator", "sen",
    "representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
    "ambassador", "king", "queen", "prince", "princess", "sheikh", "emir", "pope", "cardinal",
    "archbishop", "bishop", "judge", "justice",
)  # fmt: skip
# Words that make "General Staff", "President of Ukraine" or "Secretary of State" an institution
# or an office, not a title in front of a name.
ORG_WORDS = frozenset((
    "of", "for", "and", "the", "to", "at", "in", "on", "by", "staff", "assembly", "motors",
    "electric", "dynamics", "office", "court", "council", "secretariat", "directorate", "command",
    "headquarters", "administration", "committee", "commission", "ministry", "department", "agency",
    "authority", "service", "services", "forces", "force", "army", "navy", "police", "guard",
    "bureau", "party", "government", "parliament", "union", "nations", "republic", "state",
    "states", "kingdom", "federation", "news", "times", "post", "press", "media", "herald",
    "journal", "telegraph", "independent", "tribune", "gazette", "daily", "radio", "television",
    "tv", "network", "group", "company", "bank", "fund", "institute", "university", "centre",
    "center", "foundation", "association", "organisation", "organization", "alliance", "campaign",
    "coalition", "international", "inc", "ltd", "corp", "plc", "llc"
))  # fmt: skip
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Surname particles: the surname starts at the first of these after the given name.
PARTICLES = frozenset((
    "von", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le",
    "bin", "ibn", "al", "el", "ben", "abu", "ter", "ten"
))  # fmt: skip
# Family name first: a Korean surname then two short syllables ("Kim Jong Un", "Kim Jong-un",
# "Cho Tae-yul"), or one of a few Chinese surnames that are rarely given names in English text
# then one word ("Xi Jinping", "Wang Yi").
_KOREAN_SURNAMES = frozenset((
    "kim", "lee", "yi", "park", "choi", "cho", "jung", "jeong", "kang", "yoon", "yun", "jang",
    "lim", "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "yoo", "ryu", "hong", "moon",
    "jeon", "ko", "chung"
))  # fmt: skip
_CHINESE_SURNAMES = frozenset((
    "xi", "li", "wang", "zhang", "liu", "chen", "zhao", "huang", "zhou", "wu", "xu", "hu", "guo",
    "qin", "deng", "mao", "jiang", "wen", "zhu", "yang"
))  # fmt: skip


def fold_word(word: str) -> str:
    """Fold transliteration spelling variants of one lower-case ASCII word (see module doc)."""
    if len(word) < 4 or not word.isalpha():
        return word
    if "x" in word:
        word = word.replace("x", "ks")
    if word.startswith("ye") and len(word) > 4:
        word = word[1:]
    word = _END_IY.sub("y", word)
    return _END_AI_EI.sub("y", word)


def _fold_phrase(text: str) -> tuple[str, ...]:
    return tuple(fold_word(w) for w in text.split())


def _titles_by_first() -> dict[str, list[tuple[str, ...]]]:
    """Folded titles by their first word, longest first (the longest title a name starts with wins)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for title in sorted({_fold_phrase(t) for t in TITLES}, key=len, reverse=True):
        if title:
            found.setdefault(title[0], []).append(title)
    return found


_TITLES_BY_FIRST = _titles_by_first()
_FOLDED_ORG_WORDS = frozenset(fold_word(w) for w in ORG_WORDS)


def _words(name: str) -> list[str]:
    text = _POSSESSIVE.sub("", name)
    text = unidecode(text).casefold()
    # Unidecode writes the Ukrainian soft sign and some letters as apostrophes: join, not split.
    text = _APOSTROPHE.sub("", text)
    return [fold_word(w) for w in _NON_ALNUM.split(text) if w]


def _strip_leading(words: list[str]) -> list[str]:
    changed = True
    while changed and len(words) > 1:
        changed = False
        if words[0] == "the":
            words = words[1:]
            changed = True
            continue
        for title in _TITLES_BY_FIRST.get(words[0], ()):
            n = len(title)
            if len(words) > n and tuple(words[:n]) == title and words[n] not in _FOLDED_ORG_WORDS:
                words = words[n:]
                changed = True
                break
    return words


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Canonical comparison key for a person or organisation name (see module docstring)."""
    return " ".join(_strip_leading(_words(name)))


def _surname_first(words: list[str]) -> bool:
    if len(words) == 2:
        return words[0] in _CHINESE_SURNAMES
    # A hyphenated given name ("Kim Jong-un") splits into syllables in the key.
    return len(words) == 3 and words[0] in _KOREAN_SURNAMES and all(len(w) <= 5 for w in words[1:])


@lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[str | None, str]:
    """Split a personal name into (given names, surname) keys; given is None for one word.

    ``"Volodymyr Zelensky"`` → ``("volodymyr", "zelensky")``; ``"Ursula von der Leyen"`` →
    ``("ursula", "von der leyen")``; ``"Kim Jong-un"`` → ``("jong un", "kim")``. Suffixes such
    as ``Jr`` are dropped here; ``name_similarity`` still tells them apart.
    """
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words = words[:-1]
    if not words:
        return None, ""
    if len(words) == 1:
        return None, words[0]
    if _surname_first(words):
        return " ".join(words[1:]), words[0]
    start = len(words) - 1
    for i in range(len(words) - 1):
        if words[i] in PARTICLES:
            start = i
            break
    return " ".join(words[:start]) or None, " ".join(words[start:])


def _personish(key: str) -> bool:
    words = key.split()
    return 0 < len(words) <= 5 and not any(w in _FOLDED_ORG_WORDS for w in words)


def _suffix(key: str) -> str | None:
    last = key.rsplit(" ", 1)[-1]
    return last if last in _NAME_SUFFIXES and " " in key else None


def _given_compatible(a: str, b: str) -> bool:
    """First given names agree, or one is the other's initial ("V Zelensky")."""
    fa, fb = a.split()[0], b.split()[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return False


def name_similarity(a: str, b: str) -> float:
    """Similarity 0..100 of two names, on their keys.

    A surname alone against a full name with that surname scores 95; the same surname with a
    compatible first given name (equal, or an initial) scores 93; otherwise the better of
    rapidfuzz's plain and token-sort ratios. A ``Jr``/``Sr`` on one side only caps the score at 85.
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 100.0
    score = max(fuzz.token_sort_ratio(ka, kb), fuzz.ratio(ka, kb))
    if _personish(ka) and _personish(kb):
        ga, sa = person_parts(a)
        gb, sb = person_parts(b)
        if sa and sa == sb:
            if (ga is None) != (gb is None):
                score = max(score, 95.0)
            elif ga is not None and gb is not None and _given_compatible(ga, gb):
                score = max(score, 93.0)
        if _suffix(ka) != _suffix(kb):
            score = min(score, 85.0)
    return float(score)


def same_entity(a: str, b: str, *, threshold: float = 90) -> bool:
    """True when two names probably denote the same person or organisation."""
    return name_similarity(a, b) >= threshold
