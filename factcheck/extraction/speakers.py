"""Tokens and speaker phrases: where "Kharkiv mayor Ihor Terekhov" starts and ends.

No part-of-speech tagger: a speaker phrase is a run of capitalised words, role
and organisation nouns, modifiers, possessives and a determiner, found by walking
left from a cue ("…, regional governor Oleh Syniehubov reported") or right from
it ("…, said Mr Zelensky", "according to data shared by Ukraine's Armed Forces").
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import accumulate, compress, repeat

from factcheck.frozen import frozen

from .cues import (
    ANON_HEADS,
    CAP_STOP,
    CUE_VERBS,
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

# Abbreviations that keep their full stop: a title or company suffix is part of the name
# ("Rep. Angela Ruiz", "Hollister Goods Inc."), so a name run must not break at the stop.
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Rev|Jr|Sr|Inc|Corp|Co|Cos|Ltd"
    "|Bros|Messrs|Mme|St"
)
# Word tails: president-elect, O'Brien, didn't (not the possessive 's).
_WORD_TAIL = r"(?:[-–][^\W_]+|['’](?!s\b)[^\W\d_]+)*"
# The first branch is the commonest token, a word in lower case that is not an acronym
# ("e.g."); the lookaheads let the regex leave the next two branches quickly. Same tokens
# as trying the abbreviation, acronym, number and word branches in that order. Nothing
# after a branch can fail, so its repeats never give anything back. (Possessive
# quantifiers would say so, but CPython before 3.11.5 matches them wrongly next to a
# lookahead, gh-100061 and gh-106052, and Debian 12's Python is 3.11.2.)
_TOKEN_RE = re.compile(
    rf"(?![a-z]\.[A-Za-z])[a-z][^\W\d_]*{_WORD_TAIL}"
    rf"|(?=[A-Z][a-z]{{0,5}}\.)(?:{_ABBREVIATIONS})\.(?![\w.])"  # Mr. Inc. (low drops the stop)
    r"|(?=[A-Za-z]\.[A-Za-z])(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # dotted acronyms: U.S.
    r"|(?!(?<=on )X\.)(?!(?<=via )X\.)(?=[A-Z]\.\s+[A-Z][a-z])[A-Z]\."  # Robert F. Kennedy
    r"|\d+(?:[.,:]\d+)*[A-Za-z]*"  # numbers: 705,880  1.50pm
    rf"|[^\W\d_]+{_WORD_TAIL}"  # other words
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
_GROUP_QUANTIFIERS = frozenset({"others", "some", "many", "several", "most", "few"})
# Words for a share of a group before "of" ("58% of voters", "a majority of respondents").
_PROPORTIONS = frozenset(
    {"%", "percent", "majority", "minority", "third", "quarter", "half", "plurality"}
)
# Words that stand for members of a group named before, as a whole subject at a clause edge.
BARE_SUBJECTS = _GROUP_QUANTIFIERS | {"one", "another", "everyone", "everybody"}
_PREP_AFTER_HEAD = frozenset({"in", "at", "from", "with", "on"})
_PP_DETS = frozenset({"the", "a", "an"})
_ANON_ORG = ANON_HEADS | ORG_WORDS
_PREPS_IN_NP = _PREP_IN_NP | _PREP_AFTER_HEAD
_PREPS_IN_NP_AND = _PREPS_IN_NP | {"and"}
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


# The tokenizer as a split pattern: one C-level call gives the tokens and the whitespace
# between them, from which offsets follow by running sums (no per-token match objects).
_SPLIT_RE = re.compile(f"((?=\\S)(?:{_TOKEN_RE.pattern}))")  # (?=\S): skips spaces fast
_HEAD_FORMS = frozenset(
    HEADS | {h + "s" for h in HEADS} | {h[:-1] + "ies" for h in HEADS if h.endswith("y")}
)


class _InWords:
    """``flags[i]``: whether token ``i``, lower-cased, is one of ``words``.

    Worked out when asked: the rules ask about a few dozen tokens of a document, far
    fewer than it takes to fill a list for every token.
    """

    __slots__ = ("low", "words")

    def __init__(self, low: list[str], words: frozenset[str]) -> None:
        self.low = low
        self.words = words

    def __getitem__(self, i: int) -> bool:
        return self.low[i] in self.words


class _Heads(_InWords):
    """``heads[i]``: whether token ``i`` may head a speaker phrase (a role, organisation,
    anonymous or document word, or a hyphenated word holding one)."""

    __slots__ = ("hyphenated",)

    def __init__(self, low: list[str], hyphenated: set[int]) -> None:
        super().__init__(low, _HEAD_FORMS)
        self.hyphenated = hyphenated

    def __getitem__(self, i: int) -> bool:
        if self.low[i] in _HEAD_FORMS:
            return True
        return bool(self.hyphenated) and (i if i >= 0 else i + len(self.low)) in self.hyphenated


class Tokens:
    """Parallel token arrays for one document (positions are into the working text)."""

    __slots__ = (
        "s", "e", "t", "low", "cap", "alpha", "digit", "name", "head", "mod", "inq", "qmark",
        "n",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        parts = _SPLIT_RE.split(text)  # [gap, token, gap, token, …, gap]
        t = parts[1::2]
        self.t = t
        self.n = n = len(t)
        ends = list(accumulate(map(len, parts)))
        self.s = ends[0 : 2 * n : 2]
        self.e = ends[1 : 2 * n : 2]
        if not n:
            low = []
        elif "\x00" not in text:
            # Lower-cased token by token: most tokens are ASCII, which str.lower does fast,
            # while one non-ASCII character (a curly quote) slows down lowering a whole text.
            low = list(map(str.lower, t))
            joined = "\x00".join(t)
            # Only the abbreviation branch of the tokenizer ends a token of 3+ characters
            # with its one full stop ("Mr.", "Inc."); dotted acronyms ("U.S.") have several.
            # Tokens ending in a stop are found with str.find, not a pass over every token.
            p = joined.find(".\x00")
            k = q = 0  # k: index of the token holding position q
            while p >= 0:
                if p > 0 and joined[p - 1] != "\x00":
                    k += joined.count("\x00", q, p)
                    q = p
                    x = t[k]
                    if len(x) > 2 and x.count(".") == 1:
                        low[k] = low[k][:-1]  # "Mr." looks up as "mr"
                p = joined.find(".\x00", p + 2)
            x = t[-1]
            if len(x) > 2 and x[-1] == "." and x.count(".") == 1:
                low[-1] = low[-1][:-1]
        else:
            low = [x.lower() for x in t]
            for k, x in enumerate(t):
                if len(x) > 2 and x[-1] == "." and x.count(".") == 1:
                    low[k] = low[k][:-1]
        self.low = low
        first = [x[0] for x in t]
        self.cap = cap = list(map(str.isupper, first))
        self.alpha = alpha = list(map(str.isalpha, first))
        self.digit = list(map(str.isdigit, first))
        not_name = _NOT_NAME
        name = [False] * n
        for i in compress(range(n), cap):
            if alpha[i] and low[i] not in not_name:
                name[i] = True
        self.name = name
        hyphen_heads: set[int] = set()  # "vice-president", "ex-minister"
        if "-" in text:
            for i in compress(range(n), map(operator.contains, t, repeat("-"))):
                x, lx = t[i], low[i]
                if lx not in _HEAD_FORMS and any(p in HEADS for p in lx.split("-")):
                    hyphen_heads.add(i)
                if lx.split("-", 1)[0] in NAME_PARTICLES and x.split("-", 1)[1][:1].isupper():
                    name[i] = True  # "al-Assad"
        self.head = _Heads(low, hyphen_heads)
        self.mod = _InWords(low, MODIFIERS)
        self.inq = [False] * n  # inside a quotation
        self.qmark = [0] * n  # 1 opening mark, 2 closing mark of a quotation

    def is_word(self, i: int) -> bool:
        return self.alpha[i]


_NOT_GENERIC = (
    CAP_STOP
    | _NP_DETS
    | PRONOUNS
    | frozenset(
        {
            "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
            "who", "which", "that", "what", "it", "also", "not", "him", "her", "them", "us",
            "morning", "afternoon", "evening", "night", "day", "days", "week", "weeks",
            "weekend", "month", "months", "year", "years", "time", "hour", "hours", "moment",
        }
    )
    | TIME_WORDS
)  # fmt: skip
_CLAUSE_EDGE = frozenset(
    {",", ";", ":", "(", "—", "–", "and", "but", "while", "as", "when", "because", "although"}
)


_ING_PEOPLE = frozenset({"sibling", "siblings", "darling", "underling", "underlings", "offspring"})
_COMPANY_ENDS = frozenset({"co", "cos", "inc", "corp", "ltd", "llc", "plc", "co.", "inc."})


def company_punctuation(tk: Tokens, q: int, hi: int) -> bool:
    """Whether the comma or ampersand at ``q`` is inside a firm's name ("Kidder, Peabody
    & Co.", "Goldman, Sachs & Co."): capitalised words on both sides, and an ampersand
    or a corporate ending just after."""
    if not (q > 0 and q + 1 < hi and tk.cap[q - 1] and (tk.cap[q + 1] or tk.t[q + 1] == "&")):
        return False
    end = q + 1  # the token after the firm's name
    while end < hi and end - q <= 5 and (tk.cap[end] or tk.t[end] == "&"):
        end += 1
    if not (tk.t[q] == "&" or any(tk.t[x] == "&" for x in range(q + 1, end))):
        return False
    # "John Smith, Merrill Lynch & Co.'s chief economist": a title follows, so the comma
    # ends the person's name; a firm's name ends at a comma, a cue or the sentence.
    return (
        end >= hi
        or (not tk.is_word(end) and tk.t[end] not in _POSSESSIVE)
        or tk.low[end] in CUE_VERBS
    )


def _is_initial(token: str) -> bool:
    """A middle initial as the tokenizer keeps it: "F." in "Robert F. Kennedy"."""
    return len(token) == 2 and token[1] == "." and token[0].isupper()


def is_plural_word(low: str) -> bool:
    """Whether a lower-case word looks like a regular plural ("drugmakers", "delegates")."""
    return len(low) > 3 and low[-1] == "s" and not low.endswith(("ss", "us", "is", "ous"))


def generic_head(tk: Tokens, i: int) -> bool:
    """A lower-case word not on any list that may head a speaker phrase ("the retailer").

    Only a determiner before it, or a plural form at the start of a clause, shows that it
    is a noun; callers check that.
    """
    low = tk.low[i]
    return (
        tk.is_word(i)
        and not tk.cap[i]
        and len(low) > 2
        and low not in _NOT_GENERIC
        and not low.endswith("ly")
        # a gerund or participle ("the scoring rules", "the meeting said nothing"), but
        # not the few -ing nouns for people
        and (not low.endswith("ing") or low in _ING_PEOPLE)
        and "'" not in low
        and "’" not in low
    )


def _postmod_head(tk: Tokens, k: int, lo: int) -> int:
    """If ``k`` ends "people familiar with the matter", the index of "people", else ``k``."""
    first = max(lo, k - 7)
    if first >= 0 and _POSTMOD_TRIGGERS.isdisjoint(tk.low[first : k + 1]):
        return k  # no trigger word in reach: the usual case, told without a loop
    for p in range(k, first - 1, -1):
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


def np_left(tk: Tokens, k: int, lo: int, *, loose: bool = False) -> tuple[int, int, int] | None:
    """Speaker phrase ending at token ``k`` (walking left, not past ``lo``): (start, end, head).

    ``loose`` accepts a plural head on no list anywhere ("pressure from conservatives, who
    said"): the caller knows from the sentence shape that it is a noun phrase.
    """
    if k < lo or not tk.is_word(k):
        return None
    lk = tk.low[k]
    if lk in PRONOUNS and not (tk.cap[k] and k > lo and tk.is_word(k - 1)):
        return (k, k + 1, k)
    if lk in BARE_SUBJECTS and (
        k == lo or tk.t[k - 1] in _CLAUSE_EDGE or tk.low[k - 1] in _CLAUSE_EDGE
    ):
        return (k, k + 1, k)  # "officials said …, and one warned that …", "… and most urged"
    if lk in ("them", "us", "those") and k - 2 >= lo and tk.low[k - 1] == "of":
        # "one of them", "some of us": a partitive names members of a known group
        if tk.low[k - 2] in _PARTITIVE:
            return (k - 2, k + 1, k - 2)
        return None
    head = _postmod_head(tk, k, lo)
    # "the region's prefect": any noun after a possessive names someone.
    after_possessive = (
        head - 1 >= lo and tk.t[head - 1] in _POSSESSIVE and tk.is_word(head) and not tk.cap[head]
    )
    generic = not (tk.name[head] or tk.head[head] or after_possessive)
    if generic and not generic_head(tk, head):
        return None
    j = head - 1
    lower_run = 0
    head_inq = tk.inq[head]
    head_marked = tk.qmark[head]
    while j >= lo:
        if head_marked or tk.qmark[j] or tk.inq[j] != head_inq:
            break  # not in the same zone (inside or outside a quotation) as the head
        lj = tk.low[j]
        tj = tk.t[j]
        if tj in _POSSESSIVE:
            if j - 1 >= lo and tk.is_word(j - 1) and tk.low[j - 1] not in PRONOUNS:
                j -= 1
                continue
            break
        if _is_initial(tk.t[j]) and not (tk.name[j + 1] and not tk.head[j + 1]):
            break  # "Plan B. Officials": an initial stands only before a surname
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
        if lj == "by" and j - 1 >= lo and tk.low[j - 1] in DOCUMENT_WORDS and j + 1 <= k:
            j -= 1  # "a survey by the Conference Board"
            continue
        if lj == "of" and j - 1 >= lo and tk.low[j - 1] in _PARTITIVE:
            j -= 1  # "one of the diplomats", "some of the officials"
            continue
        if lj == "of" and j - 1 >= lo and tk.low[j - 1] in _PROPORTIONS and j + 1 <= k:
            # "58% of voters", "a majority of respondents": a share of a group
            j -= 1
            if tk.low[j] in ("%", "percent") and j - 1 >= lo and tk.t[j - 1][:1].isdigit():
                j -= 1
            if j - 1 >= lo and tk.low[j - 1] in ("a", "the"):
                j -= 1
            j -= 1
            break
        if (
            lj in _PREP_AFTER_HEAD
            and j - 1 >= lo
            and tk.low[j - 1] in _GROUP_QUANTIFIERS
            and j + 1 <= k
            and (tk.low[j + 1] in _PP_DETS or tk.name[j + 1])
        ):
            j -= 1  # "others in the party", "many in the government"
            continue
        if (
            lj in _PREP_AFTER_HEAD
            and j - 1 >= lo
            and j + 1 <= k
            and (
                (tk.low[j - 1] in _ANON_ORG and tk.name[j + 1])
                # "economists at the Academy of Sciences", "officials at the Treasury":
                # a person or group head, then a determined phrase
                or (tk.head[j - 1] and tk.low[j + 1] in _PP_DETS)
                # "workers on picket lines", "traders in London": a short phrase after a
                # plural head
                or (
                    k - j <= 3
                    and (tk.head[j - 1] or generic_head(tk, j - 1))
                    and is_plural_word(tk.low[j - 1])
                )
            )
        ):
            j -= 1
            continue
        if lj in _NP_DETS and j - 1 >= lo and tk.low[j - 1] in _PREPS_IN_NP:
            # "the president of the federation", "… of one national federation"
            j -= 1
            continue
        if (
            lj == "the"
            and j - 2 >= lo
            and tk.low[j - 1] == "by"
            and tk.low[j - 2] in DOCUMENT_WORDS
        ):
            j -= 1
            continue
        if lj == "and" and j - 1 >= lo and tk.name[j - 1] and tk.name[j + 1]:
            j -= 1
            continue
        if lj in _NP_DETS and j - 1 >= lo and tk.low[j - 1] in _NP_DETS:
            j -= 1  # "the five cities", "all the officials"
            continue
        if lj in _NP_DETS or (tj[:1].isdigit() and "," not in tj and ":" not in tj):
            j -= 1
            break
        if (
            tk.is_word(j)
            and not tk.cap[j]
            and lower_run < 2
            and lj not in CAP_STOP
            # "Officials said Harlan": a verb between, not a modifier ("the accused man",
            # "a claims adjuster" keep theirs: a determiner stands before them)
            and not (
                lj in CUE_VERBS
                and not (j - 1 >= lo and (tk.low[j - 1] in _NP_DETS or tk.t[j - 1] in _POSSESSIVE))
            )
            and (
                (
                    j - 1 >= lo
                    and (
                        tk.low[j - 1] in _NP_DETS
                        or tk.t[j - 1] in _POSSESSIVE
                        or tk.name[j - 1]
                        or tk.mod[j - 1]
                        # "workers on picket lines": the preposition is checked next
                        or (tk.low[j - 1] in _PREP_AFTER_HEAD and k - j <= 2)
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
    while start < head and (tk.low[start] in _PREPS_IN_NP_AND or tk.t[start] in _POSSESSIVE):
        start += 1
    if generic and not (
        tk.low[start] in _NP_DETS
        or (loose and is_plural_word(tk.low[head]))
        or (
            is_plural_word(tk.low[head])
            and (
                start == lo or tk.t[start - 1] in _CLAUSE_EDGE or tk.low[start - 1] in _CLAUSE_EDGE
            )
        )
    ):
        return None  # a bare singular word is not known to be a noun
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
        if tk.t[j] in (",", "&") and company_punctuation(tk, j, hi):
            j += 1  # "an analyst with Kidder, Peabody & Co."
            continue
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
            # (or a name: "the American Chamber of Commerce in Japan")
            and (tk.low[last] in _ANON_ORG or tk.head[last] or tk.name[last])
            and j + 1 < hi
            and (tk.name[j + 1] or tk.low[j + 1] in _PP_DETS)
        ):
            j += 1
            continue
        if lj in ("a", "an") and j > start and tk.low[j - 1] in _PREPS_IN_NP:
            j += 1
            continue
        if lj == "the" and j > start and tk.low[j - 1] in _PREPS_IN_NP:
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
        # "…, said the retailer.": a determiner and one unknown noun closing the clause.
        if (
            tk.low[start] in _NP_DETS
            and j == start + 1
            and j < hi
            and generic_head(tk, j)
            and (
                j + 1 >= hi
                or not tk.is_word(j + 1)
                # "…, said a woman waiting in line": a participle phrase modifies the noun
                or (
                    not tk.cap[j + 1]
                    and tk.low[j + 1].endswith("ing")
                    and not tk.low[j].endswith("ing")
                )
            )
        ):
            return (start, j + 1, j)
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


def new_name_parts(
    name: str | None, descriptor: str | None, is_person: bool, anonymous: bool, head: str
) -> NameParts:
    """``NameParts(...)``, built faster (see ``frozen``)."""
    return frozen(
        NameParts,
        {
            "name": name, "descriptor": descriptor, "is_person": is_person,
            "anonymous": anonymous, "head": head,
        },
    )  # fmt: skip


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


# Word sets for ``analyse``, joined once.
_NOT_IN_NAME = TITLES | ROLE_WORDS | ANON_HEADS  # words that end a trailing name
_BEFORE_NAME = TITLES | ROLE_WORDS | HONORIFICS | _RANKS  # words that make it a person's
_NOT_PROPER = (
    ROLE_WORDS
    | TITLES
    | frozenset({"eu", "un", "nato", "us", "uk", "kremlin", "white", "house", "pentagon"})
)
_INDEFINITE = frozenset(
    {"a", "an", "one", "two", "three", "four", "several", "some", "many", "other", "another"}
)


def analyse(tk: Tokens, text: str, start: int, end: int) -> NameParts:
    """Split the phrase tokens[start:end] into descriptor and name; decide person/anonymous."""
    lows = tk.low
    if end - start == 1 and lows[start] in PRONOUNS:
        return new_name_parts(None, None, lows[start] in ("he", "she", "i"), False, lows[start])
    # Trailing proper name: capitalised tokens and particles, stopping at titles and roles.
    i = end - 1
    while i >= start and (
        (tk.name[i] and lows[i] not in _NOT_IN_NAME and lows[i].rstrip(".") not in HONORIFICS)
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
    after_first = lows[start + 1 : end]
    has_prep = not _PREPS.isdisjoint(after_first)
    org_name = not ORG_NAME_WORDS.isdisjoint(name_low)
    head_i = end - 1
    if has_prep:  # the head ends before the first preposition ("people familiar with …")
        head_i = start + next(k for k, x in enumerate(after_first) if x in _PREPS)
    head = lows[head_i]
    if (
        name_start < end
        and not org_name
        and (before in _BEFORE_NAME or (before and tk.mod[name_start - 1]))
    ):
        # "Kharkiv mayor Ihor Terekhov", "Sir Keir Starmer", "spokesperson Major Charlie Dietz".
        d_end = name_start
        while d_end > start and (
            lows[d_end - 1].rstrip(".") in HONORIFICS or lows[d_end - 1] in _RANKS
        ):
            d_end -= 1
        desc = _strip_det(text[tk.s[start] : tk.e[d_end - 1]].split()) if d_end > start else []
        name = text[tk.s[name_start] : tk.e[end - 1]]
        person = bool(desc) or before in _BEFORE_NAME
        return new_name_parts(name, " ".join(desc) or None, person, False, lows[end - 1])
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
        return new_name_parts(name, None, person, False, lows[end - 1])
    # Descriptions and organisations: "the city's mayor", "Ukraine's Armed Forces", "sources".
    role = not ROLE_WORDS.isdisjoint(lows[start : head_i + 1])
    names = tk.name[start : head_i + 1]
    proper = True in names and any(
        lows[x] not in _NOT_PROPER and not DEMONYM_RE.search(lows[x])
        for x in compress(range(start, head_i + 1), names)  # names only
    )
    indefinite = lows[start] in _INDEFINITE
    anonymous = (
        head in ANON_HEADS and not (role and lows[start] in ("the",) and not head.endswith("s"))
    ) or (indefinite and head in ROLE_WORDS)
    if proper and head not in ANON_HEADS:
        anonymous = False
    descriptor = (
        " ".join(_strip_det(text[tk.s[start] : tk.e[end - 1]].split()))
        if role and not org_name
        else None
    )
    return new_name_parts(None, descriptor, False, anonymous, head)


def is_outlet(name: str) -> bool:
    """Whether a source name is a news outlet or wire ("Reuters", "the Kyiv Independent")."""
    low = name.lower().strip()
    if low in OUTLETS:
        return True
    last = name.split()[-1] if name.split() else ""
    if OUTLET_SUFFIX_RE.search(last) and last[:1].isupper():
        return True
    return low.split()[-1] in OUTLET_HEADS if low.split() and len(low.split()) > 1 else False
