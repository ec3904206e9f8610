"""Tokens and speaker phrases: where "Kharkiv mayor Ihor Terekhov" starts and ends.

No part-of-speech tagger: a speaker phrase is a run of capitalised words, role
and organisation nouns, modifiers, possessives and a determiner, found by walking
left from a cue ("…, regional governor Oleh Syniehubov reported") or right from
it ("…, said Mr Zelensky", "according to data shared by Ukraine's Armed Forces").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import (
    ANON_HEADS,
    CAP_STOP,
    DETERMINERS,
    DOCUMENT_WORDS,
    HONORIFICS,
    MODIFIERS,
    NAME_PARTICLES,
    ORG_NAME_WORDS,
    ORG_WORDS,
    OUTLET_HEADS,
    OUTLET_SUFFIX_RE,
    OUTLETS,
    PRONOUNS,
    ROLE_WORDS,
    TIME_WORDS,
    TITLES,
)

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # dotted acronyms: U.S.
    r"|\d+(?:[.,:]\d+)*[A-Za-z]*"  # numbers: 705,880  1.50pm
    r"|[^\W\d_]+(?:[-–][^\W_]+|['’](?!s\b)[^\W\d_]+)*"  # words: president-elect, O'Brien, didn't
    r"|['’]s\b"  # possessive 's
    r"|\S"
)

HEADS = ROLE_WORDS | ORG_WORDS | ANON_HEADS | DOCUMENT_WORDS
_POSSESSIVE = frozenset({"’s", "'s"})
_NP_DETS = DETERMINERS - {"at", "least", "more", "no", "any", "each", "every"}
_NOT_NAME = CAP_STOP | TIME_WORDS | _NP_DETS
_PREP_IN_NP = frozenset({"of", "for"})
_PARTITIVE = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "some",
        "many",
        "several",
        "most",
        "all",
        "none",
        "each",
        "both",
        "any",
        "few",
        "either",
        "neither",
    }
)
_PREP_AFTER_HEAD = frozenset({"in", "at", "from", "with", "on"})
_POSTMOD_TRIGGERS = frozenset({"familiar", "close", "briefed", "aware", "knowledge", "involved"})
DEMONYM_RE = re.compile(r"(?:an|ese|ish|ian|ic|i)$")
PLACE_FIRST = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "new",
        "saint",
        "st",
        "great",
        "united",
        "upper",
        "lower",
        "greater",
        "san",
        "santa",
        "los",
        "las",
        "el",
        "al",
    }
)


class Tokens:
    """Parallel token arrays for one document (positions are into the working text)."""

    __slots__ = ("s", "e", "t", "low", "cap", "name", "head", "mod", "inq", "qmark", "n")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        self.s = [a for a, _ in spans]
        self.e = [b for _, b in spans]
        t = [text[a:b] for a, b in spans]
        self.t = t
        self.n = n = len(t)
        low_text = text.lower()
        low = (
            [low_text[a:b] for a, b in spans]
            if len(low_text) == len(text)
            else [x.lower() for x in t]
        )
        self.low = low
        self.cap = cap = [x[:1].isupper() for x in t]
        not_name = _NOT_NAME
        self.name = [
            (c and lx not in not_name and x[:1].isalpha())
            or (
                "-" in x
                and lx.split("-", 1)[0] in NAME_PARTICLES
                and x.split("-", 1)[1][:1].isupper()
            )
            for x, lx, c in zip(t, low, cap, strict=True)
        ]
        heads = HEADS
        self.head = [
            lx in heads
            or (
                lx[-1:] == "s"
                and (lx[:-1] in heads or (lx[-3:] == "ies" and lx[:-3] + "y" in heads))
            )
            or ("-" in lx and any(p in HEADS for p in lx.split("-")))
            for lx in low
        ]
        mods = MODIFIERS
        self.mod = [lx in mods for lx in low]
        self.inq = [False] * n  # inside a quotation
        self.qmark = [0] * n  # 1 opening mark, 2 closing mark of a quotation

    def is_word(self, i: int) -> bool:
        return self.t[i][:1].isalpha()


def _same_zone(tk: Tokens, a: int, b: int) -> bool:
    return tk.inq[a] == tk.inq[b] and not tk.qmark[a] and not tk.qmark[b]


def _postmod_head(tk: Tokens, k: int, lo: int) -> int:
    """If ``k`` ends "people familiar with the matter", the index of "people", else ``k``."""
    for p in range(k, max(lo, k - 7) - 1, -1):
        lp = tk.low[p]
        if not tk.is_word(p) or tk.qmark[p]:
            return k
        if lp in _POSTMOD_TRIGGERS:
            h = p - 1
            while h >= lo and tk.low[h] in ("with", "direct", "first-hand", "intimate", "detailed"):
                h -= 1
            if h >= lo and (tk.low[h] in ANON_HEADS or tk.head[h]):
                return h
            return k
    return k


def np_left(tk: Tokens, k: int, lo: int) -> tuple[int, int, int] | None:
    """Speaker phrase ending at token ``k`` (walking left, not past ``lo``): (start, end, head)."""
    if k < lo or not tk.is_word(k):
        return None
    lk = tk.low[k]
    if lk in PRONOUNS and not (tk.cap[k] and k > lo and tk.is_word(k - 1)):
        return (k, k + 1, k)
    head = _postmod_head(tk, k, lo)
    # "the region's prefect": any noun after a possessive names someone.
    after_possessive = (
        head - 1 >= lo and tk.t[head - 1] in _POSSESSIVE and tk.is_word(head) and not tk.cap[head]
    )
    if not (tk.name[head] or tk.head[head] or after_possessive):
        return None
    j = head - 1
    lower_run = 0
    while j >= lo:
        if not _same_zone(tk, j, head):
            break
        lj = tk.low[j]
        tj = tk.t[j]
        if tj in _POSSESSIVE:
            if j - 1 >= lo and tk.is_word(j - 1) and tk.low[j - 1] not in PRONOUNS:
                j -= 1
                continue
            break
        if tk.name[j] or tk.head[j] or tk.mod[j]:
            j -= 1
            lower_run = 0
            continue
        if (
            lj in NAME_PARTICLES
            and j - 1 >= lo
            and (tk.name[j - 1] or tk.low[j - 1] in NAME_PARTICLES)
            and (tk.name[j + 1] or tk.low[j + 1] in NAME_PARTICLES)
        ):
            j -= 1
            continue
        if lj in _PREP_IN_NP and j - 1 >= lo and (tk.head[j - 1] or tk.name[j - 1]) and j + 1 <= k:
            j -= 1
            continue
        if lj == "of" and j - 1 >= lo and tk.low[j - 1] in _PARTITIVE:
            j -= 1  # "one of the diplomats", "some of the officials"
            continue
        if (
            lj in _PREP_AFTER_HEAD
            and j - 1 >= lo
            and tk.low[j - 1] in ANON_HEADS | ORG_WORDS
            and j + 1 <= k
            and tk.name[j + 1]
        ):
            j -= 1
            continue
        if lj == "the" and j - 1 >= lo and tk.low[j - 1] in _PREP_IN_NP | _PREP_AFTER_HEAD:
            j -= 1
            continue
        if lj == "and" and j - 1 >= lo and tk.name[j - 1] and tk.name[j + 1]:
            j -= 1
            continue
        if lj in _NP_DETS or (tj[:1].isdigit() and "," not in tj and ":" not in tj):
            j -= 1
            break
        if (
            tk.is_word(j)
            and not tk.cap[j]
            and lower_run < 2
            and lj not in CAP_STOP
            and (
                (
                    j - 1 >= lo
                    and (
                        tk.low[j - 1] in _NP_DETS
                        or tk.t[j - 1] in _POSSESSIVE
                        or tk.name[j - 1]
                        or tk.mod[j - 1]
                    )
                )
                or (
                    j - 2 >= lo
                    and tk.is_word(j - 1)
                    and not tk.cap[j - 1]
                    and tk.low[j - 1] not in CAP_STOP
                    and (tk.t[j - 2] in _POSSESSIVE or tk.low[j - 2] in _NP_DETS or tk.name[j - 2])
                )
            )
        ):
            # An unknown lower-case modifier is kept only when a determiner,
            # possessive or capitalised word stands before it ("Russia's aviation authority").
            lower_run += 1
            j -= 1
            continue
        break
    start = j + 1
    while start < head and (
        tk.low[start] in _PREP_IN_NP | _PREP_AFTER_HEAD | {"and"} or tk.t[start] in _POSSESSIVE
    ):
        start += 1
    return (start, k + 1, head)


def np_right(tk: Tokens, j: int, hi: int) -> tuple[int, int, int] | None:
    """Speaker phrase starting at token ``j`` (not reaching ``hi``): (start, end, head)."""
    if j >= hi or not tk.is_word(j):
        return None
    lj = tk.low[j]
    if lj in PRONOUNS or lj in ("him", "her", "them", "us", "me"):
        return (j, j + 1, j)
    start = j
    if lj in _NP_DETS:
        j += 1
    last = -1
    while j < hi:
        if tk.qmark[j] or tk.inq[j] != tk.inq[start]:
            break
        lj = tk.low[j]
        if tk.name[j] or (tk.cap[j] and lj in TITLES):
            last = j
            j += 1
            continue
        if tk.head[j]:
            last = j
            j += 1
            continue
        if tk.mod[j]:
            j += 1
            continue
        if (
            tk.t[j] in _POSSESSIVE
            and j > start
            and tk.is_word(j - 1)
            and tk.low[j - 1] not in PRONOUNS
        ):
            j += 1
            continue
        if tk.is_word(j) and j + 1 < hi and tk.t[j + 1] in _POSSESSIVE and lj not in PRONOUNS:
            last = j  # a possessor: "the city's emergency service"
            j += 1
            continue
        nxt_ok = j + 1 < hi and (
            tk.name[j + 1] or tk.head[j + 1] or tk.low[j + 1] == "the" or tk.mod[j + 1]
        )
        if lj in _PREP_IN_NP and last == j - 1 and nxt_ok:
            j += 1
            continue
        if (
            lj in _PREP_AFTER_HEAD
            and last == j - 1
            and tk.low[last] in ANON_HEADS | ORG_WORDS
            and j + 1 < hi
            and (tk.name[j + 1] or tk.low[j + 1] == "the")
        ):
            j += 1
            continue
        if lj == "the" and j > start and tk.low[j - 1] in _PREP_IN_NP | _PREP_AFTER_HEAD:
            j += 1
            continue
        if (
            lj in NAME_PARTICLES
            and (last == j - 1 or tk.low[j - 1] in NAME_PARTICLES)
            and j + 1 < hi
            and (tk.name[j + 1] or tk.low[j + 1] in NAME_PARTICLES)
        ):
            j += 1
            continue
        if lj == "and" and last == j - 1 and tk.name[j - 1] and j + 1 < hi and tk.name[j + 1]:
            j += 1
            continue
        if lj in _POSTMOD_TRIGGERS and last == j - 1 and tk.low[last] in ANON_HEADS:
            # "people familiar with the matter": keep words up to the next punctuation.
            q = j + 1
            while (
                q < hi
                and q - j < 7
                and tk.is_word(q)
                and tk.low[q] not in ("that", "who", "said", "told")
            ):
                q += 1
            last = q - 1
            j = q
            break
        if (
            tk.is_word(j)
            and not tk.cap[j]
            and lj not in CAP_STOP
            and lj not in DETERMINERS
            and (
                (j + 1 < hi and tk.head[j + 1])
                or (
                    j + 2 < hi
                    and tk.head[j + 2]
                    and tk.is_word(j + 1)
                    and tk.low[j + 1] not in CAP_STOP
                )
            )
        ):
            j += 1
            continue
        break
    if last < 0:
        return None
    return (start, last + 1, last)


@dataclass(frozen=True)
class NameParts:
    """A speaker phrase split into descriptor words and a personal or organisation name."""

    name: str | None  # trailing proper name, titles removed ("Ihor Terekhov")
    descriptor: str | None  # role words before it ("Kharkiv mayor"), leading "the" removed
    is_person: bool
    anonymous: bool
    head: str  # lower-cased head word


def _strip_det(words: list[str]) -> list[str]:
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return words


def _join(tk: Tokens, text: str, a: int, b: int) -> str:
    return text[tk.s[a] : tk.e[b - 1]] if a < b else ""


_RANKS = frozenset(
    {
        "major",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "admiral",
        "captain",
        "lieutenant",
        "sergeant",
        "brigadier",
        "marshal",
    }
)
_PREPS = frozenset(
    {"of", "for", "in", "at", "from", "with", "familiar", "close", "briefed", "aware", "involved"}
)


def analyse(tk: Tokens, text: str, start: int, end: int) -> NameParts:
    """Split the phrase tokens[start:end] into descriptor and name; decide person/anonymous."""
    span_words = _strip_det(text[tk.s[start] : tk.e[end - 1]].split())
    lows = tk.low
    if end - start == 1 and lows[start] in PRONOUNS:
        return NameParts(None, None, lows[start] in ("he", "she", "i"), False, lows[start])
    # Trailing proper name: capitalised tokens and particles, stopping at titles and roles.
    i = end - 1
    while i >= start and (
        (
            tk.name[i]
            and lows[i] not in TITLES
            and lows[i] not in ROLE_WORDS
            and lows[i] not in ANON_HEADS
            and lows[i].rstrip(".") not in HONORIFICS
        )
        or (
            lows[i] in NAME_PARTICLES
            and i > start
            and (tk.name[i - 1] or lows[i - 1] in NAME_PARTICLES)
            and i + 1 < end
        )
    ):
        i -= 1
    name_start = i + 1
    name_low = lows[name_start:end]
    before = lows[name_start - 1].rstrip(".") if name_start > start else ""
    has_prep = any(lows[x] in _PREPS for x in range(start + 1, end))
    org_name = any(x in ORG_NAME_WORDS for x in name_low)
    head_i = end - 1
    for x in range(start + 1, end):
        if lows[x] in _PREPS:
            head_i = x - 1
            break
    head = lows[head_i]
    if (
        name_start < end
        and not org_name
        and (
            before in TITLES
            or before in ROLE_WORDS
            or before in HONORIFICS
            or before in _RANKS
            or (before and tk.mod[name_start - 1])
        )
    ):
        # "Kharkiv mayor Ihor Terekhov", "Sir Keir Starmer", "spokesperson Major Charlie Dietz".
        d_end = name_start
        while d_end > start and (
            lows[d_end - 1].rstrip(".") in HONORIFICS or lows[d_end - 1] in _RANKS
        ):
            d_end -= 1
        desc = _strip_det(text[tk.s[start] : tk.e[d_end - 1]].split()) if d_end > start else []
        name = text[tk.s[name_start] : tk.e[end - 1]]
        person = (
            bool(desc)
            or before in HONORIFICS
            or before in _RANKS
            or before in ROLE_WORDS
            or before in TITLES
        )
        return NameParts(name, " ".join(desc) or None, person, False, lows[end - 1])
    if name_start == start and name_start < end and not org_name and not has_prep:
        # A bare name: "Elon Musk", "Ushakov", "Reuters".
        name = text[tk.s[start] : tk.e[end - 1]]
        n = end - start
        person = (
            1 < n <= 4
            and name_low[0] not in PLACE_FIRST
            and not DEMONYM_RE.search(name_low[0])
            and not is_outlet(name)
        )
        return NameParts(name, None, person, False, lows[end - 1])
    # Descriptions and organisations: "the city's mayor", "Ukraine's Armed Forces", "sources".
    role = any(lows[x] in ROLE_WORDS for x in range(start, head_i + 1))
    proper = any(
        tk.name[x]
        and lows[x] not in ROLE_WORDS
        and lows[x] not in TITLES
        and not DEMONYM_RE.search(lows[x])
        and lows[x] not in ("eu", "un", "nato", "us", "uk", "kremlin", "white", "house", "pentagon")
        for x in range(start, head_i + 1)
    )
    indefinite = lows[start] in (
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "several",
        "some",
        "many",
        "other",
        "another",
    )
    anonymous = (
        head in ANON_HEADS and not (role and lows[start] in ("the",) and not head.endswith("s"))
    ) or (indefinite and head in ROLE_WORDS)
    if proper and head not in ANON_HEADS:
        anonymous = False
    descriptor = " ".join(span_words) if role and not org_name else None
    return NameParts(None, descriptor, False, anonymous, head)


def is_outlet(name: str) -> bool:
    """Whether a source name is a news outlet or wire ("Reuters", "the Kyiv Independent")."""
    low = name.lower().strip()
    if low in OUTLETS:
        return True
    last = name.split()[-1] if name.split() else ""
    if OUTLET_SUFFIX_RE.search(last) and last[:1].isupper():
        return True
    return low.split()[-1] in OUTLET_HEADS if low.split() and len(low.split()) > 1 else False
