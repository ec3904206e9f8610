"""Sentence shapes: find raw attributions (token ranges) in a document.

The text is split into units (sentences, merged where a quotation runs across
them). In each unit every cue ("said", "according to", "X's claims that") is
tried against a few sentence shapes:

- speaker first: "X said (that) CONTENT", "X told Reuters CONTENT", "X said: “…”"
- speaker after: "CONTENT, X said." / "CONTENT, said X." / "“…,” X said."
- parenthetical: "CONTENT, X said, CONTENT."
- according to: "CONTENT, according to X." / "According to X, CONTENT."
- participles and coordination: "…, adding that CONTENT", "X noted A and argued that B"
- noun cues: "X's claims that CONTENT", "reports that CONTENT"
- reduced relatives and nesting: "New projections released after the meeting show …",
  "“Management was telling investors the worst was over,” he said" (the inner one too)

Speaker phrases come from ``speakers``, names from ``coref``. A sentence with no speaker
becomes an ``unattributed`` attribution only when the outlet asserts something contested on
its own authority: a hedged claim ("reportedly", "is said to") or a count of casualties,
forces, weapons, arrests, displaced people or votes. Money, percentages, prices, rates and
other market figures are reported facts, not claims to trace, and produce nothing.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from itertools import compress

from . import cues, hedges, when
from .quotes import Quote, find_quotes, top_level
from .sentences import sentence_bounds
from .speakers import (
    BARE_SUBJECTS,
    Tokens,
    company_punctuation,
    generic_head,
    is_outlet,
    is_plural_word,
    np_left,
    np_right,
)

_MAX_UNIT = 4000  # characters; longer "sentences" are run-on text and get cut
_WHEN_KEYS = frozenset(cues.WEEKDAYS) | {
    "yesterday", "today", "tonight", "night", "week", "month", "year", "weekend", "recently",
    "ago", "morning", "afternoon", "evening", "days", "weeks",
}  # fmt: skip
# What a time adverbial before a verb can end with ("on Friday", "Tuesday night", "last week").
_PERIODS = frozenset({"week", "month", "year", "weekend"}) | cues.SEASONS
_TIME_LAST = cues.DAY_PARTS | frozenset(cues.WEEKDAYS) | _PERIODS
_NP_PREPOSITIONS = frozenset({"of", "for", "at", "in", "from", "with", "on"})
# Lemmas whose addressee may be followed by an instruction: "told me to stop".
_TELL_TO = frozenset({"tell", "warn", "remind"})
# Irregular past forms that open a relative clause after "that" ("a report that drew …").
_PAST_FORMS = frozenset(
    {"drew", "ran", "came", "went", "took", "made", "said", "told", "gave", "saw", "won",
     "lost", "became", "began", "caused", "led", "left", "got", "sent", "brought", "showed"}
)  # fmt: skip
_DEPICTIONS = frozenset(
    {"video", "videos", "footage", "image", "images", "photo", "photos", "picture", "pictures",
     "map", "maps"}
)  # fmt: skip
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "everyone", "all"})
# Plural people who are told things, not lists ANON_HEADS and ROLE_WORDS already cover.
_PEOPLE = frozenset(
    {"citizens", "residents", "people", "workers", "colleagues", "members", "voters", "staff",
     "employees", "agencies", "troops", "families", "parents", "students", "users", "lawmakers"}
)  # fmt: skip
_AFTER_OBJECT_HEAD = frozenset({"to", "for", "from", "by", "on", "in", "of", "and", "but", "at"})
# Evidential verbs whose -ing form after a document names what it shows ("a poll showing").
_DOCUMENT_PARTICIPLE_LEMMAS = frozenset({"show", "suggest", "find", "indicate", "reveal"})
_ANONYMITY_LEADS = frozenset({"asking", "speaking", "requesting", "declining", "who", "because"})
_ANONYMITY_WORDS = frozenset({"named", "identified", "anonymity", "anonymously", "identity"})
_IRREGULAR_PARTICIPLES = frozenset(
    {
        "seen",
        "taken",
        "given",
        "held",
        "made",
        "sent",
        "written",
        "shown",
        "begun",
        "done",
        "struck",
        "won",
        "lost",
        "bought",
        "sold",
        "built",
        "brought",
        "cut",
        "set",
        "hit",
        "led",
        "paid",
        "spent",
        "put",
        "known",
        "drawn",
        "found",
    }
)
_MONTH_FORMS = frozenset(cues.MONTHS) | frozenset(cues.MONTH_ABBR) | {"sept"}
_CUE_TRIGGERS = (
    frozenset(cues.CUE_VERBS) | cues.NOUN_CUES | cues.ATTITUDE_ADJECTIVES | {"according"}
)
# Linking verbs before an attitude adjective ("are worried that", "remains convinced that").
_LINKING = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re", "isn't",
        "aren't", "wasn't", "weren't", "isn’t", "aren’t", "wasn’t", "weren’t", "remain",
        "remains", "remained", "seem", "seems", "seemed", "appear", "appears", "appeared",
        "became", "become", "becomes", "grew", "grow", "grown", "feel", "feels", "felt",
    }
)  # fmt: skip
_SCAN_TRIGGERS = (
    _CUE_TRIGGERS
    | _WHEN_KEYS
    | _MONTH_FORMS
    | hedges.HEDGE_WORDS
    | hedges.PASSIVE_HEDGE_VERBS
    | hedges.NUMBER_WORDS
    | hedges.HARM_WORDS
)


# The first two letters of every word a time expression (when.WHEN_RE) can open with: "on",
# "last", "late", "this", "early", "earlier", "later", "yesterday", "today", "tonight", "in",
# "days", "recently", a weekday or a month.
_WHEN_OPENERS = frozenset(
    {
        "on", "la", "th", "ea", "ye", "to", "in", "da", "re", "mo", "tu", "we", "fr", "sa", "su",
        "ja", "fe", "ma", "ap", "ju", "au", "se", "oc", "no", "de",
    }
)  # fmt: skip


def _may_open_when(low: str) -> bool:
    """Whether a time expression may start at a token (lower-cased) spelt like ``low``.

    Its first two letters are those of an opening word, or it is a number. Non-ASCII
    tokens always may: case-insensitive matching pairs some of them with ASCII letters.
    """
    return low[:2] in _WHEN_OPENERS or low[:1].isdigit() or not low.isascii()


# Participles that read as adjectives after a determiner ("the expected cut").
_ADJECTIVAL_PARTICIPLES = frozenset(
    {
        "expected", "anticipated", "projected", "predicted", "forecast", "estimated",
        "alleged", "reported", "claimed", "stated", "announced", "promised", "feared",
        "hoped", "suspected", "questioned", "doubted", "held", "made",
    }
)  # fmt: skip

_ALNUM_RE = re.compile(r"[^\W_]")

# Unions used in hot loops, built once.
_CITABLE_HEADS = cues.ANON_HEADS | cues.ORG_WORDS | cues.DOCUMENT_WORDS | cues.ROLE_WORDS
_PASSIVE_BE = cues.PASSIVE_AUX | {"been", "being"}
_NOT_INVERTED_PRONOUNS = cues.PRONOUNS - {"he", "she", "they", "it"}
_BEFORE_ACCORDING = cues.CLAUSE_CONJ | cues.ADVERBS | {"but", "and", ","}
_COORD_COMMA = cues.COORD | {","}
_COORD_CUT = cues.COORD | {"while", "whereas"}

# Words that end a loose phrase after "according to".
_LOOSE_NP_STOP = (
    cues.CLAUSE_AUX
    | cues.CLAUSE_CONJ
    | frozenset({"that", "who", "which", "whose", "said", "says", "told", "citing", "than"})
)
# Words that open the rest of a participle phrase ("released after the meeting").
_AFTER_PARTICIPLE = frozenset(
    {
        "by", "after", "in", "on", "at", "from", "for", "with", "during", "over", "last",
        "this", "earlier", "late", "before", "since", "to", "about", "through", "under",
    }
)  # fmt: skip
_PAST_SAME_AS_BASE = frozenset({"forecast"})
_ASIDE_MARKS = frozenset({",", "—", "–"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my"})
# What "as" opens after an object when it is not a judgement of it ("dismissed the staff as
# soon as …", "as expected", "as a result of …").
_AS_NOT_JUDGED = frozenset(
    {"if", "though", "well", "part", "much", "many", "soon", "long", "far", "usual", "expected",
     "planned", "promised", "such"}
)  # fmt: skip
_AS_A_NOT_JUDGED = frozenset({"result", "matter", "precaution", "consequence", "rule", "whole"})
# Frequent irregular past tenses, for a bare subject and its verb after "as" ("as darkness fell").
_COMMON_IRREGULAR_PAST = frozenset(
    {"fell", "rose", "grew", "began", "came", "went", "took", "broke", "spread", "drew", "wore"}
)
# Verbs linking a possessed noun cue to its content ("Mr. Hale's view is that …").
_NOUN_CUE_COPULAS = frozenset({"is", "was", "remains", "remained"})
_DO_SUPPORT = frozenset(
    {"do", "does", "did", "don't", "doesn't", "didn't", "don’t", "doesn’t", "didn’t"}
)
# Prepositions that cannot open the object of "expect", "project", "estimate" …
_OBJECT_NOT_PREPS = frozenset(
    {
        "in", "on", "at", "from", "by", "during", "until", "since", "before", "after", "over",
        "with", "without", "through", "upon", "via", "amid", "despite", "following", "earlier",
        "later", "last", "as", "of",
    }
)  # fmt: skip  # "the agency forecast that …" is past tense
_DETS_BEFORE_ADJ = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "that"}
)

# ---------------------------------------------------------------- raw finds


@dataclass(slots=True)
class Raw:
    unit: int
    cue_tok: int
    cue: tuple[int, int] | None
    content: tuple[int, int]
    speaker: tuple[int, int] | None = None  # token range
    appos: tuple[int, int] | None = None  # token range of ", the Kremlin aide,"
    inherited: bool = False
    mode: str = "pre"  # pre | post | paren | acc | noun | unattr
    direct: bool = False
    according: bool = False
    relays: list[str] = field(default_factory=list)
    citing: tuple[int, int] | None = None
    frame: list[tuple[int, int]] = field(default_factory=list)  # char ranges searched for "when"
    frame_tok: int = -1  # first token of the speaker/cue part (for coordination cuts)
    hedge: bool = False
    sentence: tuple[int, int] = (0, 0)
    nested: bool = False  # inside a quotation


@dataclass(slots=True)
class Left:
    np: tuple[int, int, int] | None
    boundary: int
    btype: str
    appos: tuple[int, int] | None = None
    citing: tuple[int, int] | None = None
    relays: list[str] = field(default_factory=list)
    infinitive: bool = False


@dataclass(slots=True)
class Tail:
    start: int | None  # first content token, or None when nothing follows
    end_tok: int  # first token after the frame (addressee, time, "in a statement")
    empty: bool  # nothing but frame and trailing clauses: a speaker-after shape
    paren: bool  # ", X said, was launched…": the sentence continues after a comma
    colon: bool
    that: bool
    relays: list[str] = field(default_factory=list)
    citing: tuple[int, int] | None = None
    quote_after: Quote | None = None  # “Q1,” he said, “Q2.”


class Document:
    def __init__(self, text: str, work: str) -> None:
        self.text = text
        self.w = work
        self.tk = Tokens(work)
        self.quotes = top_level(find_quotes(work))
        self._quote_by_start = {q.start: q for q in self.quotes}
        self._quote_by_end = {q.end: q for q in self.quotes}
        self._quote_starts = [q.start for q in self.quotes]
        self._mark_quotes()
        self.units = self._units()
        # Time expressions, hedges, figures and numbers, found once per document from
        # the tokens (anchored matches at trigger words only); look-ups use bisect.
        self._scan()
        unit_lo = [0] * self.tk.n  # first token of the unit each token belongs to
        for _us, _ue, lo, hi in self.units:
            unit_lo[lo:hi] = [lo] * (hi - lo)
        self.unit_lo = unit_lo

    # ------------------------------------------------------------ setup

    def _mark_quotes(self) -> None:
        tk = self.tk
        for q in self.quotes:
            a = bisect.bisect_left(tk.s, q.start)
            b = bisect.bisect_left(tk.s, q.end)
            if a < tk.n and tk.s[a] == q.start:
                tk.qmark[a] = 1
                a += 1
            if b - 1 >= a and tk.e[b - 1] == q.end and not tk.t[b - 1][:1].isalnum():
                tk.qmark[b - 1] = 2
                b -= 1
            if b > a:
                tk.inq[a:b] = [True] * (b - a)

    def _units(self) -> list[tuple[int, int, int, int]]:
        sents = sentence_bounds(self.w)
        quotes = self.quotes
        out: list[tuple[int, int, int, int]] = []
        qi = 0
        i = 0
        n = len(sents)
        prev_lo = 0
        while i < n:
            start, end = sents[i]
            while True:
                while qi < len(quotes) and quotes[qi].end <= start:
                    qi += 1
                reach = end
                k = qi
                while k < len(quotes) and quotes[k].start < end:
                    reach = max(reach, quotes[k].end)
                    k += 1
                if reach > end and i + 1 < n:
                    i += 1
                    end = max(end, sents[i][1])
                    continue
                break
            # No real sentence (or quotation) runs for pages: cut run-on text into pieces
            # so that a content span, and the work per unit, stay bounded.
            while end - start > _MAX_UNIT:
                cut = self.w.rfind(" ", start + _MAX_UNIT // 2, start + _MAX_UNIT)
                cut = start + _MAX_UNIT if cut <= start else cut
                out.append(
                    (
                        start,
                        cut,
                        bisect.bisect_left(self.tk.s, start),
                        bisect.bisect_left(self.tk.s, cut),
                    )
                )
                start = cut
                while start < end and self.w[start].isspace():
                    start += 1
            lo = bisect.bisect_left(self.tk.s, start, prev_lo)
            hi = bisect.bisect_left(self.tk.s, end, lo)
            prev_lo = lo  # units go forward: no later unit starts before this token
            if start < end:
                out.append((start, end, lo, hi))
            i += 1
        return out

    def _scan(self) -> None:
        tk = self.tk
        w = self.w
        low, s, e = tk.low, tk.s, tk.e
        when_at: dict[int, re.Match[str]] = {}
        hedge: list[int] = []
        strong: list[tuple[int, int]] = []
        figures: list[int] = []  # contested counts ("94 drones")
        people: list[int] = []  # counts of people ("25 people"), contested beside a harm word
        harm: list[int] = []  # "killed", "displaced", "arrested"
        numbers: list[int] = []
        n = tk.n
        last_when_end = -1
        cand: list[int] = []
        # Only trigger words and numbers matter; pick them out at C speed.
        hits = list(map(operator.or_, map(_SCAN_TRIGGERS.__contains__, low), tk.digit))
        for i in compress(range(n), hits):
            lw = low[i]
            if lw in _CUE_TRIGGERS:
                cand.append(i)
            if (lw in _WHEN_KEYS or lw.rstrip(".") in _MONTH_FORMS) and s[i] >= last_when_end:
                for k in (i - 2, i - 1, i):
                    if k < 0 or s[k] < last_when_end or not _may_open_when(low[k]):
                        continue
                    m = when.WHEN_RE.match(w, s[k])
                    if m is not None and m.end() >= e[i]:
                        when_at[m.start()] = m
                        last_when_end = m.end()
                        break
            if lw in hedges.HEDGE_WORDS:
                hedge.append(s[i])
                if lw in hedges.STRONG_HEDGE_WORDS:
                    strong.append((s[i], e[i]))
            elif (
                lw in hedges.PASSIVE_HEDGE_VERBS
                and 0 < i < n - 1
                and low[i + 1] == "to"
                and low[i - 1] in hedges.BE_FORMS
            ):
                hedge.append(s[i - 1])
                if lw in hedges.STRONG_PASSIVE_VERBS:
                    strong.append((s[i - 1], e[i + 1]))
            if lw in hedges.HARM_WORDS:
                harm.append(s[i])
            if lw[:1].isdigit() or lw in hedges.NUMBER_WORDS:
                numbers.append(s[i])
                counted = hedges.figure_at(tk, w, i)
                if counted == 2:
                    figures.append(s[i])
                elif counted == 1:
                    people.append(s[i])
        self.cue_candidates = cand
        self.when_at = when_at
        self.when_starts = sorted(when_at)
        self.hedge_starts = sorted(hedge)
        self.strong = sorted(strong)
        self.strong_starts = [a for a, _ in self.strong]
        self.figure_starts = figures
        self.people_starts = people
        self.harm_starts = harm
        self.number_starts = numbers

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _any_in(starts: list[int], a: int, b: int) -> int:
        """Index of the first start in [a, b), or -1."""
        k = bisect.bisect_left(starts, a)
        return k if k < len(starts) and starts[k] < b else -1

    def when_in(self, a: int, b: int) -> re.Match[str] | None:
        k = self._any_in(self.when_starts, a, b)
        if k < 0:
            return None
        m = self.when_at[self.when_starts[k]]
        return m if m.end() <= b else None

    def hedged(self, a: int, b: int) -> bool:
        return self._any_in(self.hedge_starts, a, b) >= 0

    def strong_hedge(self, a: int, b: int) -> tuple[int, int] | None:
        k = self._any_in(self.strong_starts, a, b)
        return self.strong[k] if k >= 0 else None

    def has_figure(self, a: int, b: int) -> bool:
        """Whether [a, b) counts something contested: casualties, forces, weapons, arrests…"""
        if self._any_in(self.figure_starts, a, b) >= 0:
            return True
        return (
            self._any_in(self.people_starts, a, b) >= 0
            and self._any_in(self.harm_starts, a, b) >= 0
        )

    def has_number(self, a: int, b: int) -> bool:
        return self._any_in(self.number_starts, a, b) >= 0

    def _quote_at_open(self, i: int) -> Quote | None:
        return self._quote_by_start.get(self.tk.s[i]) if self.tk.qmark[i] == 1 else None

    def _quote_at_close(self, i: int) -> Quote | None:
        return self._quote_by_end.get(self.tk.e[i]) if self.tk.qmark[i] == 2 else None

    def _skip_adverbs_left(self, j: int, lo: int) -> int:
        tk = self.tk
        while j >= lo:
            lj = tk.low[j]
            if (
                lj in cues.ADVERBS
                or lj in cues.AUX
                or (lj.endswith("ly") and len(lj) > 4 and not tk.cap[j] and not tk.head[j])
            ):
                j -= 1
                continue
            k = self._skip_time_left(j, lo)
            if k < j:
                j = k
                continue
            break
        return j

    def _document_before(self, k: int, lo: int) -> tuple[int, int, int] | None:
        """A short phrase headed by a document word ending at ``k`` ("a new poll", "the
        Labour Force data"), not the sentence's subject: the object or complement a
        participle like "showing" describes ("after a poll showing …"). A subject's
        participle phrase is a reduced relative ("The report showing X was withheld")."""
        tk = self.tk
        if k < lo or tk.low[k] not in cues.DOCUMENT_WORDS or tk.low[k] in _DEPICTIONS:
            return None  # ("a video showing police beating a man" depicts, it does not report)
        j = k - 1
        while j >= lo and k - j <= 4 and tk.is_word(j) and (tk.mod[j] or tk.cap[j]):
            if tk.low[j].endswith("ed") and not tk.cap[j]:
                break
            j -= 1
        start = j if j >= lo and tk.low[j] in cues.DETERMINERS else j + 1
        if start <= lo:
            return None
        return (start, k + 1, k)

    def _measure_at(self, j: int, hi: int) -> bool:
        """Whether a short phrase then "at" and a number start at ``j`` ("the president's
        approval rating at 41%"): what a poll or count "showed" or "found"."""
        tk = self.tk
        for k in range(j + 1, min(hi - 1, j + 8)):
            if tk.low[k] == "at":
                return tk.t[k + 1][:1].isdigit()
            if not (tk.is_word(k) or tk.t[k] in ("’s", "'s")):
                return False
        return False

    def _ends_sentence(self, k: int, hi: int) -> bool:
        """Whether only adverbs, times and closing punctuation follow from token ``k``."""
        tk = self.tk
        while k < hi and (
            tk.low[k] in cues.ADVERBS or tk.low[k].endswith("ly") or tk.low[k] in _WHEN_KEYS
        ):
            k += 1
        return k >= hi or all(not tk.t[x][:1].isalnum() and tk.t[x] != "," for x in range(k, hi))

    def _as_before(self, i: int, lo: int) -> int:
        """The token before the short subject phrase that ends at ``i - 1`` ("as one
        veteran MP put it" → "as"), or ``lo``."""
        tk = self.tk
        j = i - 1
        while j > lo and i - j <= 6 and tk.is_word(j) and tk.low[j] != "as":
            j -= 1
        return j

    def _puts_a_figure(self, j: int, hi: int) -> bool:
        """Whether "put" is followed by "the (death) toll at", "its figure at", …"""
        tk = self.tk
        if not (j < hi and tk.low[j] in ("the", "its", "their", "his", "her", "a")):
            return False
        k = j + 1
        if k < hi and tk.low[k] in ("death", "casualty", "final", "official", "total"):
            k += 1
        return k + 1 < hi and tk.low[k] in cues.ESTIMATE_OBJECTS and tk.low[k + 1] == "at"

    def _object_head_in(self, j: int, hi: int, words: frozenset[str]) -> bool:
        """Whether the noun phrase at ``j`` is headed by one of ``words`` ("a defence
        request to delay", "his visa"), not a clause that mentions one."""
        tk = self.tk
        k = j
        while (
            k < hi
            and k - j < 3
            and (tk.low[k] in cues.DETERMINERS or tk.low[k] in _POSSESSIVE_PRONOUNS or tk.mod[k])
        ):
            k += 1
        if k < hi and tk.low[k] not in words and k + 1 < hi and tk.low[k + 1] in words:
            k += 1  # "a defence request": one noun before the head
        if not (k < hi and tk.low[k] in words):
            return False
        # The head ends the phrase: "bail" in "the bail conditions had been breached" does not.
        return k + 1 >= hi or not tk.is_word(k + 1) or tk.low[k + 1] in _AFTER_OBJECT_HEAD

    def _anonymity_aside(self, j: int, hi: int) -> bool:
        """Whether tokens from ``j`` say why the speaker is unnamed (", asking not to be
        named", ", speaking on condition of anonymity"): part of the frame, not content."""
        tk = self.tk
        if tk.low[j] not in _ANONYMITY_LEADS:
            return False
        return any(tk.low[k] in _ANONYMITY_WORDS for k in range(j + 1, min(hi, j + 9)))

    def _object_then_infinitive(self, start: int, hi: int) -> bool:
        """Whether a noun phrase then "to" and a verb start at ``start`` ("agencies to
        prepare", "all staff not to travel"), with no clause break in between."""
        tk = self.tk
        if not tk.is_word(start) or tk.low[start] in ("to", "by", "at", "that"):
            return False
        addressee = False  # someone who can be told: "agencies", "citizens", "him"
        for k in range(start, min(hi - 1, start + 9)):
            if not tk.is_word(k):
                return False
            if tk.low[k] == "to" and k > start:  # "to prepare", "to “stay quiet”"
                after = tk.low[k + 1]
                return addressee and (
                    (
                        tk.is_word(k + 1)
                        and after not in cues.DETERMINERS
                        # "to improving safety" is a goal, "to bring" an infinitive
                        and not (after.endswith("ing") and len(after) > 5)
                    )
                    or tk.qmark[k + 1] == 1
                )
            low = tk.low[k]
            addressee = addressee or bool(
                tk.name[k] or tk.head[k] or low in _OBJECT_PRONOUNS or low in _PEOPLE
            )
        return False

    def _speaker_head(self, np: tuple[int, int, int]) -> bool:
        """Whether a noun phrase's head can speak for itself: a name, a speaker noun, a
        pronoun, or a possessed noun ("Russia's envoy")."""
        tk = self.tk
        h = np[2]
        if any(
            tk.low[x] in _NP_PREPOSITIONS and (tk.head[x - 1] or tk.name[x - 1])
            for x in range(np[0] + 1, h)
        ):
            return True  # "FBI figures for the five cities": the head before the phrase
        return bool(
            tk.name[h]
            or tk.head[h]
            or tk.low[h] in cues.PRONOUNS
            or (np[1] - np[0] == 1 and tk.low[h] in BARE_SUBJECTS)  # "and most urged"
            or (h > np[0] and tk.t[h - 1] in ("’s", "'s"))
        )

    def _skip_time_left(self, j: int, lo: int) -> int:
        """Before a time adverbial ending at ``j`` between a subject and its verb ("the
        ministry on Friday said", "Ms. Ruiz Tuesday urged", "the party last week called
        on"): the token left of it; else ``j``."""
        tk = self.tk
        low = tk.low
        if j < lo or (low[j] not in _TIME_LAST and not low[j].isdigit()):
            return j  # the usual case, told at once
        k = j
        if k >= lo and low[k] in cues.DAY_PARTS and k - 1 >= lo and low[k - 1] in cues.WEEKDAYS:
            k -= 2  # "Tuesday night"
        elif k >= lo and low[k] in cues.WEEKDAYS:
            k -= 1
        elif k - 1 >= lo and low[k] in _PERIODS and low[k - 1] in ("last", "this"):
            k -= 2  # "last week", "this spring"
        elif (
            k - 1 >= lo
            and low[k].isdigit()
            and len(low[k]) <= 2
            and low[k - 1].rstrip(".") in _MONTH_FORMS
        ):
            k -= 2  # "on March 3"
        else:
            return j
        if k >= lo and low[k] in ("on", "late", "early", "earlier"):
            k -= 1
            if k >= lo and low[k] in ("late", "early", "earlier", "later"):
                k -= 1
        # The subject must be left of it (perhaps with an appositive: "X, the party, on
        # Tuesday said"): not the start of the sentence. After a participle the time is
        # part of the subject ("a poll published on Thursday found").
        if k < lo or (
            tk.is_word(k)
            and not tk.cap[k]
            and (low[k].endswith("ed") or low[k] in _IRREGULAR_PARTICIPLES)
        ):
            return j
        if tk.cap[k]:  # "The Mail on Sunday said", "Fox News Sunday reported": a title
            first = k
            while first - 1 >= lo and (tk.cap[first - 1] or tk.low[first - 1] == "the"):
                first -= 1
            if is_outlet(self.w[tk.s[first] : tk.e[j]]):
                return j
        return k

    def _btype(self, b: int, lo: int) -> str:
        tk = self.tk
        if b < lo:
            return "start"
        t = tk.t[b]
        if tk.qmark[b] == 2:
            return "quote"
        if t in (",", ";", "—", "–", "-", "(", ")"):
            return "comma"
        if t == ":":
            return "start"
        lb = tk.low[b]
        if lb in cues.CLAUSE_CONJ:
            return "conj"
        if lb == "that":
            return "that"
        return "other"

    def _skip_paren_left(self, j: int, lo: int) -> int:
        """Before a bracketed aside ending at ``j`` ("Rep. Ann Hale (D., Ohio) said"): the
        token left of its opening bracket; else ``j``."""
        tk = self.tk
        if j >= lo and tk.t[j] == ")":
            k = j - 1
            while k >= lo and j - k < 9 and tk.t[k] != "(":
                k -= 1
            if k >= lo and tk.t[k] == "(":
                return k - 1
        return j

    def _is_parenthetical(self, a: int, b: int) -> bool:
        """Whether tokens[a:b] between commas can be skipped: an appositive, an aside, a participle phrase."""
        tk = self.tk
        if a >= b:
            return False
        if tk.low[a] in cues.PAREN_LEADS:
            return True
        if tk.low[a] == "or" and b - a <= 4 and all(tk.cap[x] for x in range(a + 1, b)):
            return True  # another name for what precedes: ", or Gosplan,"
        if tk.t[a][:1].isdigit() and b - a <= 3:
            return True  # an age: "John Smith, 45, said", "Mr. Smith, 58 years old, said"
        np = np_right(tk, a, b)
        if np is not None and np[1] == b:
            return True
        # "flanked by nine soldiers", "speaking in Kyiv": no cue inside, a participle first.
        # A capitalised word is part of a name, not a verb ("a professor at Ohio State
        # University", "the State Planning Committee").
        first = tk.low[a]
        return (first.endswith(("ed", "ing", "en")) or first in cues.DETERMINERS) and not any(
            tk.low[x] in cues.CUE_VERBS and tk.low[x] not in cues.PARTICIPLE_CUES and not tk.cap[x]
            for x in range(a, b)
        )

    def _agent(self, np: tuple[int, int, int], hi: int) -> tuple[int, int, int]:
        """For "data shared by X" / "a readout provided by X" / "a statement from X": X."""
        tk = self.tk
        if tk.low[np[2]] not in cues.DOCUMENT_WORDS:
            return np
        q = np[1]
        if q < hi and tk.low[q] in cues.AGENT_PARTICIPLES:
            q += 1
        if q < hi and tk.low[q] in ("by", "from"):
            ag = np_right(tk, q + 1, hi)
            if ag is not None:
                return ag
        return np

    def _source_np(self, np: tuple[int, int, int] | None) -> bool:
        """Whether a phrase can speak: a name, a pronoun, or a person/group/document head."""
        if np is None:
            return False
        tk = self.tk
        h = np[2]
        # np_left/np_right return an unknown lower-case head only where its form or a
        # determiner shows it is a noun ("the retailer", "drugmakers, who …").
        return tk.name[h] or tk.head[h] or tk.low[h] in cues.PRONOUNS or generic_head(tk, h)

    def _ing_is_verb(self, prev: int, pj: int, lo: int) -> bool:
        """An -ing cue not after a comma speaks only as a progressive or in "with X confirming"."""
        tk = self.tk
        k = prev
        while k >= lo and tk.low[k] in cues.ADVERBS and tk.low[k] not in cues.AUX:
            k -= 1
        if k >= lo and tk.low[k] in ("is", "are", "was", "were", "am", "been", "’s", "'s"):
            return True  # "Management was telling investors …"
        if pj >= lo and tk.low[pj] in ("is", "are", "was", "were", "am", "been"):
            return True
        k = prev
        while k >= lo and (tk.name[k] or tk.t[k] in ("’s", "'s") or tk.low[k] == "the"):
            k -= 1
        return lo <= k < prev and tk.low[k] == "with"

    def _plural(self, np: tuple[int, int, int]) -> bool:
        """Whether a speaker phrase can take a base-form verb ("officials in Kyiv say")."""
        tk = self.tk
        if tk.low[np[0]] in ("a", "an") and np[2] > np[0]:
            return False  # "a police report": a singular phrase, whatever its nouns
        if tk.low[np[0]] in ("others", "some", "many", "several", "most", "few"):
            return True  # "others in the party fear", "many in the government believe"
        if is_plural_word(tk.low[np[2]]) and not tk.cap[np[2]]:
            return True  # "Arden's defenders argue"
        for x in range(np[0], np[1]):
            lx = tk.low[x]
            if lx in ("of", "for", "in", "at", "from", "with", "familiar", "close"):
                break
            if lx in ("i", "we", "they", "you", "people", "police", "and", "data") or (
                lx.endswith("s") and (tk.head[x] or tk.cap[x])
            ):
                return True
        return False

    def _clause_like(self, j: int, hi: int) -> bool:
        """Whether tokens from ``j`` look like a clause ("the US would…", "he will…")."""
        tk = self.tk
        if j >= hi or tk.low[j] == "to":
            return False  # an infinitive ("agreed to delay") is not a reported clause
        if tk.low[j] in cues.CLAUSE_STARTS or tk.low[j] == "that" or tk.qmark[j] == 1:
            return True
        for k in range(j + 1, min(hi, j + 9)):
            lk = tk.low[k]
            if lk in cues.CLAUSE_AUX:
                return True
            if tk.t[k] in ",;:":
                return False
            if (
                lk.endswith("ed")
                and len(lk) > 4
                and not tk.cap[k]
                and tk.low[k - 1] not in cues.DETERMINERS
                and tk.low[k - 1] not in cues.CLAUSE_AUX
                and tk.is_word(k - 1)
            ):
                return True  # a past-tense verb after the subject: "the cut risked …"
        return False

    def _judged_as(self, j: int, hi: int) -> bool:
        """Whether an object from ``j`` is judged "as" something ("dismissed the reports as
        “fabrications”", "dismissed the claim as absurd"), not given a post ("dismissed him
        as coach") or a reason ("dismissed the bid as the deadline had passed")."""
        tk = self.tk
        for x in range(j + 1, min(hi - 1, j + 8)):
            if tk.low[x] == "as":
                y = x + 1
                after = tk.low[y + 1] if y + 1 < hi else ""
                return (
                    tk.low[y] not in cues.ROLE_WORDS
                    and tk.low[y] not in cues.TITLES
                    # "as well", "as soon as", "as expected", "as a result of …"
                    and tk.low[y] not in _AS_NOT_JUDGED
                    and not (tk.low[y] == "a" and after in _AS_A_NOT_JUDGED)
                    # (a subject opens a reason: "as the deadline had passed", "as it was late",
                    # "as losses mounted", "as darkness fell")
                    and tk.low[y] not in cues.PRONOUNS
                    and not (tk.low[y] in cues.DETERMINERS and self._clause_like(y, hi))
                    and not self._subject_and_verb(y, hi)
                )
            if not tk.is_word(x) and tk.t[x] not in ("’s", "'s", "-"):
                return False
        return False

    def _subject_and_verb(self, y: int, hi: int) -> bool:
        """Whether a bare word at ``y`` is a subject its verb follows straight away ("losses
        mounted", "talks stalled", "darkness fell"), not a judgement ("baseless", "politically
        motivated", "lies told by …")."""
        tk = self.tk
        if y + 1 >= hi or not tk.is_word(y) or tk.low[y].endswith("ly"):
            return False
        verb = tk.low[y + 1]
        if verb in cues.CLAUSE_AUX or verb in _COMMON_IRREGULAR_PAST:
            return True
        return verb.endswith("ed") and len(verb) > 4 and not tk.cap[y + 1]

    # ------------------------------------------------------------ left side

    def _left(self, i: int, lo: int, lemma: str) -> Left:
        tk = self.tk
        j = self._skip_adverbs_left(i - 1, lo)
        if (
            j >= lo
            and tk.low[j] == "to"
            and lemma
            in (
                "say",
                "add",
                "insist",
                "stress",
                "warn",
                "note",
                "claim",
                "argue",
                "emphasise",
                "announce",
                "confirm",
                "deny",
                "state",
                "reveal",
                "tell",
                "suggest",
                "explain",
            )
        ):
            k = j - 1
            skipped = 0
            while (
                k >= lo
                and skipped < 4
                and tk.is_word(k)
                and not tk.cap[k]
                and tk.low[k] not in cues.PRONOUNS
                and not tk.head[k]
            ):
                if tk.low[k] in cues.INF_BLOCK:
                    return Left(None, j, "other")
                if tk.low[k] not in cues.INF_SKIP and not tk.low[k].endswith("ly"):
                    return Left(None, j, "other")
                k -= 1
                skipped += 1
            j = k
            infinitive = True
        else:
            infinitive = False
        appos = None
        citing = None
        relays: list[str] = []
        j = self._skip_paren_left(j, lo)
        comma_before_cue = j if j >= lo and tk.t[j] == "," else -1
        for _ in range(2):
            if not (j >= lo and tk.t[j] in _ASIDE_MARKS):
                break
            q = j - 1
            while (
                q >= lo
                and q > j - 40
                and (
                    tk.t[q] not in (",", ".", ";", ":", "!", "?", "—", "–")
                    or company_punctuation(tk, q, j)  # "with Kidder, Peabody & Co.,"
                )
                and not tk.qmark[q]
            ):
                q -= 1
            # Asides are short; a relative clause ("Mr. Adler, whose party had resisted
            # …, said") may run longer. Commas or dashes enclose them ("the company — which
            # makes widgets — said").
            if (
                q >= lo
                and tk.t[q] == tk.t[j]
                and q < j - 1
                and (q > j - 16 or tk.low[q + 1] in ("who", "whose", "which"))
                and self._is_parenthetical(q + 1, j)
            ):
                inner = (q + 1, j)
                lead = tk.low[q + 1]
                if lead == "citing":
                    np = np_right(tk, q + 2, j)
                    if np is not None and self._source_np(np):
                        citing = self._agent(np, j)[:2]
                elif lead == "quoted" and q + 2 < j and tk.low[q + 2] == "by":
                    relays.append(self.w[tk.s[q + 3] : tk.e[j - 1]]) if q + 3 < j else None
                elif (
                    lead not in cues.PAREN_LEADS
                    and (np_inner := np_right(tk, q + 1, j)) is not None
                    and np_inner[1] == j
                ):
                    appos = inner
                # "Rep. Ann Hale (D., Ohio), the panel's chairman, said": the party and
                # state in brackets stand between the name and its appositive.
                if lead == "or":
                    # "X, a deputy chairman of the State Planning Committee, or Gosplan,
                    # told": another name for the appositive's organisation; the appositive
                    # itself comes next, ending at the comma before "or".
                    j = q
                    continue
                # "Mr. Hale, 62 years old, who has run the bank since 1980, said": an age
                # may stand before the aside.
                q2 = q - 1
                while q2 >= lo and q - q2 <= 4 and tk.t[q2] != ",":
                    q2 -= 1
                if q2 >= lo and tk.t[q2] == "," and q2 + 1 < q and tk.t[q2 + 1][:1].isdigit():
                    q = q2
                j = self._skip_paren_left(self._skip_adverbs_left(q - 1, lo), lo)
                break
            else:
                return Left(None, j, "comma")
        if j < lo:
            return Left(None, lo - 1, "start")
        if tk.low[j] in cues.COORD:
            return Left(None, j, "coord")
        if tk.qmark[j] == 2:
            return Left(None, j, "quote")
        if tk.low[j] in ("who", "which", "that") and j - 1 >= lo:
            # "officials, who … , said" is handled above; "the ministry which said", "an
            # audit that found" here (a "that" right before the verb opens no clause).
            k = j - 1
            if tk.t[k] == ",":
                k -= 1
            np = np_left(tk, k, lo, loose=True) if k >= lo else None
            if np is not None and self._source_np(np):
                # A relative clause's content follows its verb: "…, said X, president of a
                # bank in Dayton, Ohio, who testified in March" reports nothing before X.
                btype = self._btype(np[0] - 1, lo)
                return Left(
                    np, np[0] - 1, "other" if btype == "comma" else btype, appos, citing, relays
                )
            return Left(None, j, "other")
        np = np_left(tk, j, lo)
        if np is None and comma_before_cue >= 0:
            # The "parenthetical" was the content itself: "…, leaving one dead, reported X".
            return Left(None, comma_before_cue, "comma")
        if np is None:
            # "The data released Friday showed …": the phrase before the participle.
            np = (
                self._reduced_relative((j + 1, j + 1, j), lo)
                if tk.is_word(j) and tk.low[j] not in cues.CAP_STOP
                else None
            )
            if np is None:
                bt = self._btype(j, lo)
                if bt in ("other", "conj") and appos is None:
                    rel = self._relative_subject(j + 1, lo)
                    if rel is not None:
                        return Left(rel, rel[0] - 1, self._btype(rel[0] - 1, lo))
                return Left(None, j, bt)
        else:
            np = self._reduced_relative(np, lo) or np
        b = np[0] - 1
        bt = self._btype(b, lo)
        if bt in ("that", "other", "conj") and appos is None:
            if (
                bt == "that"
                and np[1] - np[0] <= 3
                and np[2] == np[1] - 1
                and tk.low[np[2]] in cues.DOCUMENT_WORDS
                and not any(tk.low[x] in cues.DETERMINERS for x in range(np[0], np[1]))
                and self._btype(b - 1, lo) in ("comma", "quote")
            ):
                # "…, that suit alleges.", "…, that 2019 federal report found.": a
                # demonstrative, not a conjunction, after a comma
                return Left((b, np[1], np[2]), b - 1, self._btype(b - 1, lo))
            # The phrase straight after "who" is the relative clause's own subject ("a lawyer
            # who prosecutors say …", "a charity whose director said …"): it speaks.
            if tk.low[b] not in ("who", "whose"):
                rel = self._relative_subject(np[0], lo)
                if rel is not None:
                    return Left(rel, rel[0] - 1, self._btype(rel[0] - 1, lo))
        return Left(np, b, bt, appos, citing, relays, infinitive)

    def _relative_subject(self, j: int, lo: int) -> tuple[int, int, int] | None:
        """ "…, a person who has done business with him said.": the phrase ("a person") a
        relative clause opening before ``j`` modifies, when a comma opens the phrase."""
        tk = self.tk
        for r in range(j - 1, max(lo, j - 16), -1):
            lr = tk.low[r]
            if not tk.is_word(r):
                return None
            if lr in ("who", "whose"):
                inner = np_left(tk, j - 1, r + 1) if r + 1 < j else None
                if inner is not None and inner[0] == r + 1:
                    return None  # "a teacher who students said": the clause's own subject speaks
                c = r - 1
                while c >= lo and r - c <= 7 and tk.t[c] != "," and tk.is_word(c):
                    c -= 1
                if c < lo or (tk.t[c] != "," and tk.qmark[c] != 2):
                    return None
                np = np_right(tk, c + 1, r)
                if np is None or np[1] != r or not self._source_np(np):
                    return None
                return np
        return None

    def _reduced_relative(self, np: tuple[int, int, int], lo: int) -> tuple[int, int, int] | None:
        """ "New projections released after the meeting show": the phrase before the participle.

        ``np`` ("the meeting") ends a participle phrase that modifies the real speaker.
        """
        tk = self.tk
        k = np[0] - 1
        stop = max(lo, np[0] - 8)
        while k > stop:
            lk = tk.low[k]
            if (
                not tk.is_word(k) or lk in cues.CLAUSE_AUX or lk in cues.CUE_VERBS
            ) and lk not in cues.AGENT_PARTICIPLES:
                return None
            boundary = lk in ("that", "who", "which") or lk in cues.CLAUSE_CONJ
            if lk == "that" and tk.low[k - 1] in _AFTER_PARTICIPLE and tk.is_word(k + 1):
                boundary = False  # a determiner: "appointed under that agreement"
            if boundary and tk.low[k - 1] not in cues.AGENT_PARTICIPLES:
                return None  # a clause boundary, unless it opens the participle's phrase
            if lk in cues.CUE_VERBS and tk.low[k + 1] != "by":
                return None  # "officers announced on state television": the main verb
            if (
                lk in cues.AGENT_PARTICIPLES
                and not tk.cap[k]
                and (tk.low[k + 1] in _AFTER_PARTICIPLE or tk.low[k + 1] in cues.TIME_WORDS)
            ):
                src = np_left(tk, k - 1, lo)
                if src is not None and (tk.head[src[2]] or tk.name[src[2]]):
                    return src
                return None
            k -= 1
        return None

    # ------------------------------------------------------------ right side

    def _skip_frames(self, j: int, hi: int, relays: list[str]) -> int:
        tk = self.tk
        w = self.w
        for _ in range(6):
            if j >= hi:
                return j
            lj = tk.low[j]
            m = self.when_at.get(tk.s[j])
            if m is not None and m.end() > tk.s[j]:
                k = j
                while k < hi and tk.s[k] < m.end():
                    k += 1
                j = k
                continue
            if lj in cues.ADVERBS and not tk.cap[j]:
                j += 1
                continue
            if lj in cues.FRAME_PREPS:
                k = j + 1
                found = -1
                while k < hi and k - j <= 7 and tk.is_word(k) and not tk.qmark[k]:
                    if tk.low[k] in cues.FRAME_NOUNS and not (lj == "to" and k == j + 1):
                        # ("to report earnings" is an infinitive, "to the report" a frame)
                        found = k
                        if not (k + 1 < hi and tk.low[k + 1] in cues.FRAME_NOUNS):
                            break
                    elif not (
                        tk.low[k] in cues.DETERMINERS
                        or tk.cap[k]
                        or tk.mod[k]
                        or tk.low[k]
                        in (
                            "televised",
                            "video",
                            "weekly",
                            "nightly",
                            "daily",
                            "joint",
                            "brief",
                            "exclusive",
                            "recorded",
                            "written",
                            "separate",
                            "lengthy",
                            "short",
                            "online",
                            "late-night",
                            "evening",
                            "morning",
                            "own",
                            "official",
                            "national",
                            "state",
                            "local",
                            "news",
                            "press",
                            "social",
                            "phone",
                            "telephone",
                        )
                    ):
                        break
                    k += 1
                if found < 0:
                    # "to Reuters" / "to reporters" after say-verbs
                    if lj == "to" and j + 1 < hi:
                        np = np_right(tk, j + 1, hi)
                        if np is not None and (
                            tk.cap[np[2]]
                            or tk.low[np[2]] in ("reporters", "journalists", "lawmakers")
                        ):
                            name = w[tk.s[np[0]] : tk.e[np[1] - 1]]
                            if is_outlet(name):
                                relays.append(name)
                            j = np[1]
                            continue
                    return j
                j = found + 1
                if (
                    j < hi
                    and tk.low[j] in ("on", "with", "to", "in", "at", "by", "for")
                    and j + 1 < hi
                ):
                    np = np_right(tk, j + 1, hi)
                    if np is not None and (
                        tk.cap[np[2]] or tk.head[np[2]] or tk.low[np[2]] in cues.FRAME_NOUNS
                    ):
                        name = w[tk.s[np[0]] : tk.e[np[1] - 1]]
                        if tk.low[j] in ("with", "to") and is_outlet(name):
                            relays.append(name)
                        j = np[1]
                        while j < hi and tk.low[j] in cues.FRAME_NOUNS:
                            j += 1
                    elif (
                        np is None
                        and tk.low[j] == "to"
                        and generic_head(tk, j + 1)
                        and is_plural_word(tk.low[j + 1])
                    ):
                        j += 2  # "in a letter to shareholders"
                continue
            return j
        return j

    def _tail(self, j: int, lo: int, hi: int, lemma: str) -> Tail:
        tk = self.tk
        relays: list[str] = []
        citing = None
        if lemma in ("tell", "inform", "assure", "warn", "remind"):
            np = np_right(tk, j, hi)
            if np is None and j < hi and generic_head(tk, j) and is_plural_word(tk.low[j]):
                np = (j, j + 1, j)  # "telling investors the worst was over"
            if np is not None and lemma == "warn":
                after = np[1]
                if after + 1 < hi and tk.t[after] == ",":
                    # "warned the company's founder, Gregory Sandoval, that …"
                    inner = np_right(tk, after + 1, hi)
                    if inner is not None and inner[1] < hi and tk.t[inner[1]] == ",":
                        after = inner[1] + 1
                if not (after < hi and tk.low[after] in ("that", "of", "against", "about", "not")):
                    np = None
                else:
                    np = (np[0], after, np[2])
            if np is not None:
                name = self.w[tk.s[np[0]] : tk.e[np[1] - 1]]
                if is_outlet(name):
                    relays.append(name)
                j = np[1]
                k = j + 1
                while k < hi and (tk.low[k] in cues.ADVERBS or tk.low[k].endswith("ly")):
                    k += 1
                if j < hi and tk.t[j] == "," and k > j + 1 and k + 1 < hi and tk.t[k] == ",":
                    j = k + 1  # "reminded him, loudly, that …": an adverb aside
        j0 = j
        j = self._skip_frames(j, hi, relays)
        if (
            j0 < j < hi
            and tk.low[j] in cues.AGENT_PARTICIPLES
            and not tk.cap[j]
            and tk.is_word(j - 1)
            and not tk.cap[j - 1]
            and tk.low[j - 1] not in _WHEN_KEYS
        ):  # after a frame noun, not after a time ("said on Friday released prisoners…")
            # "…, X said in a letter to shareholders released yesterday": the participle
            # phrase belongs to the frame.
            j += 1
            while j < hi and tk.is_word(j) and not tk.qmark[j] and tk.low[j] != "that":
                j += 1
        # ", citing X," / ", quoted by X,"
        for _ in range(2):
            if j + 1 < hi and tk.t[j] == "," and tk.low[j + 1] == "citing":
                np = np_right(tk, j + 2, hi)
                if (
                    np is not None
                    and self._source_np(np)
                    and (tk.cap[np[2]] or tk.low[np[2]] in _CITABLE_HEADS)
                ):
                    ag = self._agent(np, hi)
                    citing = (ag[0], ag[1])
                    j = self._skip_frames(ag[1], hi, relays)
                    if j < hi and tk.t[j] == "," and j + 1 < hi and tk.low[j + 1] == "that":
                        j += 1
                    continue
            break
        if j < hi and tk.low[j] in ("that",) and tk.inq[j] == tk.inq[j - 1]:
            # (nothing after "that" at the end of a text: no content)
            return Tail(j + 1 if j + 1 < hi else None, j, False, False, False, True, relays, citing)
        # "said on Thursday in Kyiv that …": look a little further for "that".
        k = j
        while (
            k < hi and k - j <= 10 and not tk.qmark[k] and tk.t[k] not in (".", ";", "!", "?", ":")
        ):
            if (
                tk.low[k] == "that"
                and k > j
                and tk.low[k - 1] not in ("so", "such", "now", "given")
            ):
                # Not past a verb ("said leadership was weighing a bill that would…"), and
                # not a relative "that" ("… a plan that would…"); not past the charge of
                # "accused X of ignoring warnings that …", which is the content.
                if (
                    all(
                        tk.low[x] not in cues.CUE_VERBS
                        and tk.low[x] not in cues.CLAUSE_AUX
                        and tk.t[x] != ","
                        and (tk.low[x] != "of" or lemma != "accuse")
                        for x in range(j, k)
                    )
                    and k + 1 < hi
                    and tk.low[k + 1] not in cues.CLAUSE_AUX
                ):
                    return Tail(k + 1, k, False, False, False, True, relays, citing)
                break
            k += 1
        if (
            j >= hi
            or tk.t[j] in ("|", "•", "·")
            or (
                not tk.t[j][:1].isalnum()
                and not tk.qmark[j]
                and all(not tk.t[x][:1].isalnum() and not tk.qmark[x] for x in range(j + 1, hi))
            )
        ):
            return Tail(None, j, True, False, False, False, relays, citing)
        t = tk.t[j]
        if t == ":":
            return Tail(j + 1 if j + 1 < hi else None, j, False, False, True, False, relays, citing)
        if t in (",", "—", "–", "-"):
            nxt = j + 1
            if nxt < hi and tk.qmark[nxt] == 1:
                q = self._quote_at_open(nxt)
                return Tail(nxt, j, True, False, False, False, relays, citing, q)
            if nxt < hi and self._anonymity_aside(nxt, hi):
                # ", speaking on condition of anonymity (because …), that …": the content
                # follows the aside's closing comma
                k = next((x for x in range(nxt + 1, hi - 1) if tk.t[x] == ","), None)
                if k is not None and tk.low[k + 1] == "that" and k + 2 < hi:
                    return Tail(k + 2, k + 1, False, False, False, True, relays, citing)
                if k is not None and self._clause_like(k + 1, hi):
                    return Tail(k + 1, k + 1, False, False, False, False, relays, citing)
                return Tail(None, j, True, False, False, False, relays, citing)
            if nxt < hi and (tk.low[nxt] in cues.TAIL_CONJ or tk.cap[nxt]):
                return Tail(None, j, True, False, False, False, relays, citing)
            return Tail(nxt if nxt < hi else None, j, False, True, False, False, relays, citing)
        if (
            lemma == "insist"
            and tk.low[j] == "on"
            and j + 1 < hi
            and tk.low[j + 1].endswith("ing")
            and tk.is_word(j + 1)
        ):  # "had insisted on adding a reference to international law"
            return Tail(j + 1, j + 1, False, False, False, False, relays, citing)
        if t in ("(", ")", "[", "]") or tk.low[j] in cues.TAIL_PREPS:
            return Tail(j, j, True, False, False, False, relays, citing)
        return Tail(j, j, False, False, False, False, relays, citing)

    # ------------------------------------------------------------ shapes

    def _content_after(
        self, start_tok: int, unit: tuple[int, int, int, int]
    ) -> tuple[tuple[int, int], bool]:
        """Content from ``start_tok`` to the end of the unit; a quote there makes it direct."""
        tk = self.tk
        us, ue, lo, hi = unit
        q = self._quote_at_open(start_tok)
        if q is not None and q.end >= ue - 2:
            return (q.start, q.end), True
        if q is not None and all(
            not tk.t[x][:1].isalnum() for x in range(bisect.bisect_left(tk.s, q.end), hi)
        ):
            return (q.start, q.end), True
        return (tk.s[start_tok], ue), False

    def _content_before(
        self, b: int, unit: tuple[int, int, int, int], lo: int
    ) -> tuple[tuple[int, int], bool]:
        tk = self.tk
        us = unit[0]
        q = self._quote_at_close(b)
        if q is not None:
            return (q.start, q.end), True
        end = tk.s[b] if b >= lo else us
        return (us, end), False

    def _speaker_for_inherited(
        self, i: int, lo: int, found: list[Raw]
    ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """The speaker (and appositive) a coordinated or participle cue shares with an earlier
        one: the same span, so that "X, a spokesman, denied A and said B" names one source."""
        tk = self.tk
        for r in reversed(found):
            if r.speaker is not None and r.cue_tok < i:
                # "She said she expects A but noted B": the subject of "noted" is the
                # outer speaker, not the one heading the first attribution's content.
                outer = [
                    o
                    for o in found
                    if o is not r
                    and o.speaker is not None
                    and o.mode == "pre"
                    and o.cue_tok < r.cue_tok
                    and o.content[0] == tk.s[r.speaker[0]]
                ]
                if outer:
                    return outer[0].speaker, outer[0].appos
                return r.speaker, r.appos
        np = self._clause_subject(i, lo)
        return (np[0], np[1]) if np is not None else None, None

    def _clause_subject(self, i: int, lo: int) -> tuple[int, int, int] | None:
        tk = self.tk
        for p in range(i - 1, max(lo, i - 45) - 1, -1):
            if (
                p == lo
                or tk.t[p - 1] in (",", ";", ":", "—", "–")
                or tk.low[p - 1]
                in ("as", "while", "when", "after", "that", "because", "since", "although", "but")
            ):
                if tk.low[p - 1] == "that" and p - 2 >= lo and tk.low[p - 2] in cues.NOUN_CUES:
                    # "rejected the union's argument that Mr. Soto had …, finding that …":
                    # the clause a noun cue holds has no say in the sentence's participle
                    continue
                np = np_right(tk, p, i)
                if np is None or np[1] >= i or not self._source_np(np):
                    continue
                nxt = np[1]
                if (
                    tk.is_word(nxt)
                    and not tk.cap[nxt]
                    and tk.low[nxt] not in ("of", "for", "or")
                    # "The Justice Department and 16 states sued …": a coordinated subject
                    and (tk.low[nxt] != "and" or p == lo or tk.t[p - 1] in ("—", "–"))
                ):
                    if tk.low[np[2]] in ("it",) or (
                        not tk.cap[np[2]]
                        and tk.low[np[2]] not in cues.PRONOUNS
                        and not tk.head[np[2]]
                    ):
                        continue
                    return np
        return None

    def _verb(
        self, i: int, ui: int, found: list[Raw], unit: tuple[int, int, int, int] | None = None
    ) -> Raw | None:
        tk = self.tk
        unit = unit or self.units[ui]
        us, ue, lo, hi = unit
        low = tk.low[i]
        lemma = cues.CUE_VERBS[low]
        cue_end = i + 1
        if lemma in ("express", "voice"):
            if not (i + 1 < hi and tk.low[i + 1] in cues.EXPRESS_OBJECTS):
                return None
            cue_end = i + 2
        elif lemma == "point":
            if not (i + 1 < hi and tk.low[i + 1] == "out"):
                return None
            cue_end = i + 2
        elif low == "state" and i + 1 < hi and (tk.cap[i + 1] or tk.head[i + 1] or tk.mod[i + 1]):
            return None  # "state Auditor Nicole Baptiste", "state media": an adjective
        elif lemma in cues.DIRECTIVES:
            if not self._object_then_infinitive(i + 1, hi):
                return None  # decided here: "ordered an inquiry" is common and says nothing
        elif lemma == "put" and i + 1 < hi and tk.low[i + 1] == "it" and i > lo:
            k = i + 2
            while k < hi and (tk.low[k] in cues.ADVERBS or tk.low[k].endswith("ly")):
                k += 1
            if tk.low[self._as_before(i, lo)] != "as" or (k < hi and tk.is_word(k)):
                return None  # not "as he put it down"
            lemma, cue_end = "say", i + 2  # "…, as one veteran MP put it"
        elif lemma == "put":
            if not self._puts_a_figure(i + 1, hi):
                return None
            lemma = "estimate"  # "the ministry put the figure at 412,000"
        elif lemma == "make":
            # "has made clear that …", "made it clear that …"
            k = i + 2 if i + 1 < hi and tk.low[i + 1] == "it" else i + 1
            if not (k < hi and tk.low[k] == "clear"):
                return None
            cue_end = k + 1
        prev = i - 1
        pj = self._skip_adverbs_left(prev, lo)
        pa = prev
        while (
            pa >= lo
            and (tk.low[pa] in cues.ADVERBS or (tk.low[pa].endswith("ly") and not tk.cap[pa]))
            and tk.low[pa] not in cues.AUX
        ):
            pa -= 1  # "is widely expected to": passive
        # Passive "no casualties were reported" is not a speech act; "is said to" is a hedge.
        if not low.endswith("ing") and pa >= lo and tk.low[pa] in _PASSIVE_BE:
            return None
        if (
            pj >= lo
            and prev >= lo
            and tk.low[prev] in ("an", "a")
            and low in ("estimated", "alleged", "reported", "claimed", "purported")
        ):
            return None
        if (
            low in _ADJECTIVAL_PARTICIPLES
            and prev >= lo
            and (tk.low[prev] in _DETS_BEFORE_ADJ or tk.t[prev] in ("’s", "'s"))
        ):
            return None  # "the expected decline", "its projected deficit"
        if (
            low in cues.NOUN_AMBIGUOUS
            and prev >= lo
            and (
                tk.low[prev] in cues.NOUN_BEFORE
                or tk.t[prev] in ("’s", "'s")
                or tk.qmark[prev] == 1
            )
        ):
            return None
        if (
            low in cues.NOUN_AMBIGUOUS
            and i + 1 < hi
            and tk.low[i + 1] in ("of", "by", "from")
            and lemma not in ("warn",)
        ):
            return None
        labels = False  # "called the decision “a mistake”": the quotation is the content
        if lemma == "call" and not (cue_end < hi and tk.low[cue_end] in ("on", "for", "upon")):
            k = cue_end
            while k < min(hi, cue_end + 6) and tk.is_word(k):
                k += 1
            # (right after the verb in "what one diplomat called “an experiment”")
            if not (k < hi and tk.qmark[k] == 1):
                return None
            labels = True
        if lemma == "claim" and cue_end < hi and tk.low[cue_end] in cues.NON_SPEECH_AFTER_CLAIM:
            return None
        if lemma == "report" and cue_end < hi and tk.low[cue_end] == "for":
            return None  # "reported for work", "report for duty": turning up, not telling
        participle = (
            low.endswith("ing")
            and prev >= lo
            # (a comma inside the closing quotation mark: '… “move on quickly,” adding')
            and (tk.t[prev] == "," or (tk.qmark[prev] == 2 and prev > lo and tk.t[prev - 1] == ","))
        )
        if (
            low == "saying"
            and prev >= lo
            and tk.low[prev] == "as"
            and prev - 1 >= lo
            and tk.low[prev - 1] == "quoted"
        ):
            participle = True  # "X was quoted as saying …": the subject of "quoted" speaks
        document = None  # "a poll showing …", "data suggesting that …"
        if (
            low.endswith("ing")
            and not participle
            and lemma in _DOCUMENT_PARTICIPLE_LEMMAS
            and (np := self._document_before(prev, lo)) is not None
        ):
            document = np
        elif low.endswith("ing") and not participle and not self._ing_is_verb(prev, pj, lo):
            return None
        tail = self._tail(cue_end, lo, hi, lemma)
        if lemma == "call" and labels:
            tail = Tail(cue_end, cue_end, False, False, False, False)
        elif lemma == "call":
            tail = Tail(
                cue_end + 1 if cue_end + 1 < hi else None, cue_end + 1, False, False, False, False
            )
        cue_span = (tk.s[i], tk.e[cue_end - 1])
        if lemma in ("tell",) and tail.start is None and not tail.empty:
            return None

        raw = Raw(ui, i, cue_span, (0, 0), sentence=(us, ue))
        raw.relays = list(tail.relays)
        raw.citing = tail.citing
        raw.hedge = lemma in ("claim", "allege")

        def needs_ok(start: int | None) -> bool:
            if start is None:
                return False
            if tk.low[start] in cues.CLAUSE_AUX and lemma != "ask":
                return False  # "the 500 a day it says are needed": a relative clause
            if lemma in ("ask",):
                # (not "asked the court to bar …": a request, which annotators leave out)
                return tail.colon or tk.qmark[start] == 1 or tk.low[start] in cues.WH
            if lemma == "question":
                return tk.low[start] in cues.WH
            if lemma in cues.DIRECTIVES:
                return self._object_then_infinitive(start, hi)
            if tk.low[start] == "to" and lemma in _TELL_TO and start > cue_end:
                # an addressee between the verb and "to": "told me to stop"
                return start + 1 < hi and tk.is_word(start + 1)
            if (
                lemma == "deny"
                and not tail.that
                and self._object_head_in(start, hi, cues.DENIED_REQUESTS)
            ):
                return False  # "denied a defence request to delay the trial"
            if lemma == "insist" and start > 0 and tk.low[start - 1] == "on":
                return True  # "insisted on adding …" (see _tail)
            if (
                tk.low[start] == "to"
                and lemma not in cues.TAKES_OBJECT_CONTENT
                and lemma not in ("promise", "pledge", "vow", "urge", "call")
            ):
                return False  # "agreed to delay", "the sum said to be owed"
            if lemma in cues.NEEDS_THAT:
                return tail.colon or tail.that or tk.qmark[start] == 1
            if lemma in cues.TAKES_OBJECT_CONTENT and tk.is_word(start):
                # "expects earnings of $1.52", "expect to cut costs"; not a bare adjunct
                # after a gap ("the 3% drop it projected in January", "than they expected
                # in March"): a preposition opens no object.
                return tail.that or tail.colon or tk.low[start] not in _OBJECT_NOT_PREPS
            if lemma in ("describe",):
                return tk.low[start].endswith("ing") or any(
                    tk.low[x] == "as" for x in range(start, min(hi, start + 10))
                )
            if lemma == "dismiss":
                return self._judged_as(start, hi)
            if lemma in ("promise", "pledge", "vow"):
                return tail.that or tail.colon or tk.low[start] == "to" or tk.qmark[start] == 1
            if lemma in ("warn", "caution"):
                return (
                    tail.that
                    or tail.colon
                    or tk.qmark[start] == 1
                    or tk.low[start] in ("of", "about", "against")
                    or self._clause_like(start, hi)
                )
            if lemma in (
                "urge",
                "accuse",
                "call",
                "confirm",
                "deny",
                "announce",
                "report",
                "reveal",
                "disclose",
                "acknowledge",
                "admit",
                "estimate",
                "predict",
                "state",
                "reiterate",
                "tweet",
                "express",
                "voice",
                "point",
                "say",
            ):
                return True
            if lemma in cues.NEEDS_CLAUSE:
                return (
                    tail.that
                    or tail.colon
                    or tk.qmark[start] == 1
                    or (lemma in cues.TAKES_BARE_CLAUSE and self._clause_like(start, hi))
                    or (lemma in cues.DOCUMENT_ONLY and self._measure_at(start, hi))
                )
            return True

        left = None
        if document is not None:
            if (
                tail.start is None
                or tail.empty
                or not (tail.that or tail.colon or self._measure_at(tail.start, hi))
            ):
                # "a memo suggesting changes", "a report showing 40 dead was false": only
                # "showing that …" (or a measure "at" a number) reports something
                return None
            raw.speaker = (document[0], document[1])
            raw.frame_tok = document[0]
            raw.content, raw.direct = self._content_after(tail.start, unit)
            raw.mode = "pre"
        elif participle:
            sp, appos = self._speaker_for_inherited(i, lo, found)
            if sp is None or tail.start is None or not needs_ok(tail.start):
                return None
            raw.speaker, raw.appos, raw.inherited = sp, appos, True
            raw.frame_tok = prev
            raw.content, raw.direct = self._content_after(tail.start, unit)
            raw.mode = "pre"
        else:
            left = self._left(i, lo, lemma)
            if left.np is None and left.btype == "coord":
                sp, appos = self._speaker_for_inherited(i, lo, found)
                if sp is None or tail.start is None or not needs_ok(tail.start):
                    return None
                raw.speaker, raw.appos, raw.inherited = sp, appos, True
                raw.frame_tok = left.boundary
                raw.content, raw.direct = self._content_after(tail.start, unit)
            elif left.np is not None:
                np = left.np
                # "A survey by the Conference Board found": the document heads the phrase;
                # an inquirer may find too, with "that" ("an auditor found that …").
                if (
                    lemma in cues.DOCUMENT_ONLY
                    and not any(tk.low[x] in cues.DOCUMENT_WORDS for x in range(np[0], np[1]))
                    and not (lemma == "find" and tail.that and tk.head[np[2]])
                ):
                    return None
                if tk.low[np[2]] in cues.DOCUMENT_WORDS and lemma not in (
                    "say",
                    "show",
                    "find",
                    "state",
                    "report",
                    "claim",
                    "add",
                    "note",
                    "estimate",
                    "suggest",
                    "indicate",
                    "warn",
                    "confirm",
                    "allege",
                    "predict",
                    "reveal",
                    "write",
                    "describe",
                    "accuse",
                    "assert",
                    "reiterate",
                    "stress",
                    "emphasise",
                    "urge",
                    "call",
                    "deny",
                    "announce",
                    "argue",
                    "contend",
                    "conclude",
                    "project",
                    "forecast",
                    "assert",
                    "rule",
                    "hold",
                    "question",
                    "expect",
                    "anticipate",
                ):
                    return None
                # A base form ("report", "say") needs a plural or pronoun subject; a lone
                # name before "say" is a headline imperative or a typo ("Seoul says" is fine).
                if (
                    not left.infinitive
                    and low == lemma
                    and lemma not in _PAST_SAME_AS_BASE
                    and not any(tk.low[x] in _DO_SUPPORT for x in range(max(pj, lo - 1) + 1, i))
                ):  # "he does not expect", "it doesn't expect": the auxiliary agrees
                    if low != "say" and not self._plural(np):
                        return None
                    if (
                        low == "say"
                        and tk.cap[np[2]]
                        and np[1] - np[0] == 1
                        and not self._plural(np)
                        and tk.low[np[2]] not in cues.PRONOUNS
                    ):
                        return None
                if lemma not in cues.GENERIC_SPEAKER_VERBS and not (
                    self._speaker_head(np)
                    # "her coalition partner, the Avanza party, called on": the appositive names it
                    or (
                        left.appos is not None
                        and (inner := np_right(tk, *left.appos)) is not None
                        and self._speaker_head(inner)
                    )
                ):
                    return None
                raw.speaker = (np[0], np[1])
                raw.appos = left.appos
                raw.frame_tok = np[0]
                if left.citing:
                    raw.citing = left.citing
                raw.relays = left.relays + raw.relays
                bt = left.btype
                if (
                    bt == "quote"
                    and not tail.empty
                    and tail.start is not None
                    and not tail.that
                    and not tail.colon
                    and not self._clause_like(tail.start, hi)
                ):
                    tail.empty = True
                if bt in ("comma", "quote") and tail.empty and lemma not in cues.NOT_POSTPOSED:
                    raw.mode = "post"
                    raw.content, raw.direct = self._content_before(left.boundary, unit, lo)
                    if tail.quote_after is not None:
                        raw.content = (raw.content[0], tail.quote_after.end)
                        raw.direct = raw.direct or True
                elif (
                    bt == "conj"
                    and tk.low[left.boundary] == "as"
                    and left.boundary - 1 > lo
                    and (tail.empty or tail.start is None)
                    and self._ends_sentence(tail.end_tok, hi)  # not "It was, as he said, a …"
                    and not (tk.low[np[2]] == "they" and low in ("say", "said"))  # an idiom
                    and (
                        tk.t[left.boundary - 1] == ","
                        or (tk.qmark[left.boundary - 1] == 2 and tk.t[left.boundary - 2] == ",")
                    )
                ):  # "It was a demolition derby, as one MP put it." ('… derby,” as one MP …')
                    raw.mode = "post"
                    b = left.boundary - 1
                    raw.content, raw.direct = (
                        self._content_before(b, unit, lo)
                        if tk.t[b] == ","
                        else ((unit[0], tk.e[b]), False)
                    )
                elif (
                    bt == "comma"
                    and tail.paren
                    and tk.is_word(tail.start or hi)
                    and not tk.cap[tail.start or 0]
                ):
                    raw.mode = "paren"
                    raw.content = (us, ue)
                elif tail.start is not None and needs_ok(tail.start):
                    raw.mode = "pre"
                    raw.content, raw.direct = self._content_after(tail.start, unit)
                elif (
                    tail.start is not None
                    and not tail.that
                    and lemma in cues.TAKES_BARE_CLAUSE
                    and tk.low[tail.start] in cues.CLAUSE_AUX
                    and np[0] - 1 >= lo
                    and tk.low[np[0] - 1] in ("that", "which", "who")
                ):
                    # "an overhang that he believes could fuel inflation", "the bill, which
                    # Mr. Hale said was too costly, passed": a verb right after the cue has
                    # its subject in the relative pronoun; the content is the rest of the
                    # relative clause (to its closing comma when a comma opened it).
                    raw.mode = "pre"
                    end = ue
                    if np[0] - 2 >= lo and tk.t[np[0] - 2] == ",":
                        k = tail.start
                        while k < hi and tk.t[k] != ",":
                            k += 1
                        end = tk.s[k] if k < hi else ue
                    raw.content = (tk.s[tail.start], end)
                else:
                    return None
            else:
                # Inversion: "…, said X." / "“…,” said Mr X." / "…, says EU chief"
                if left.btype not in ("comma", "quote"):
                    return None
                inv = np_right(tk, cue_end, hi)
                if (
                    inv is None
                    or not self._source_np(inv)
                    or tk.low[inv[2]] in _NOT_INVERTED_PRONOUNS
                ):
                    return None
                if tk.low[inv[2]] in ("him", "her", "them", "us", "me"):
                    return None
                after = inv[1]
                if self._participle_at(after, hi) or (
                    after < hi and tk.low[after] in ("who", "whose") and self._source_np(inv)
                ):
                    # "…,” said a woman waiting in line outside a store, who …": the
                    # participle phrase (or a relative clause: "said a person who has done
                    # business with him") modifies the speaker and runs to the next comma.
                    while after < hi and tk.t[after] not in (",", ".", ";", "!", "?"):
                        after += 1
                tail2 = self._tail(after, lo, hi, "say")
                if tail2.paren:
                    # "…, said Omar Haddad, head of research at …": after a postposed
                    # speaker a comma opens an appositive, not new content.
                    tail2.empty = True
                if not tail2.empty or lemma in cues.NOT_POSTPOSED:
                    return None
                raw.speaker = (inv[0], inv[1])
                raw.frame_tok = i
                raw.relays += tail2.relays
                raw.citing = raw.citing or tail2.citing
                raw.mode = "post"
                raw.content, raw.direct = self._content_before(left.boundary, unit, lo)
                if tail2.quote_after is not None:
                    raw.content = (raw.content[0], tail2.quote_after.end)
                    raw.direct = True
        # Where to look for "on Thursday": everything in the unit outside the content.
        if raw.mode == "post":
            raw.frame = [(raw.content[1], ue)]
        else:
            raw.frame = [(us, raw.content[0])]
        return raw

    def _according(
        self, i: int, ui: int, unit: tuple[int, int, int, int] | None = None
    ) -> Raw | None:
        tk = self.tk
        unit = unit or self.units[ui]
        us, ue, lo, hi = unit
        np = np_right(tk, i + 2, hi)
        if np is None or not self._source_np(np):
            # Whatever follows "according to" is the source ("bond traders in London").
            np = self._loose_np(i + 2, hi)
            if np is None:
                return None
        sp = self._agent(np, hi)
        raw = Raw(
            ui,
            i,
            (tk.s[i], tk.e[i + 1]),
            (0, 0),
            speaker=(sp[0], sp[1]),
            mode="acc",
            sentence=(us, ue),
        )
        raw.according = True
        raw.frame_tok = i
        end_tok = max(np[1], sp[1])
        # trailing location of the data ("on its Facebook page") and ", citing X"
        tail = self._tail(end_tok, lo, hi, "say")
        raw.relays = tail.relays
        raw.citing = tail.citing
        at_start = i == lo or all(
            tk.low[x] in _BEFORE_ACCORDING or tk.t[x] in (",",) for x in range(lo, i)
        )
        if at_start:
            k = self._skip_frames(end_tok, hi, raw.relays)
            if k < hi and tk.t[k] in (",", ":"):
                start = k + 1
            elif tail.start is not None:
                start = tail.start
            else:
                return None
            if start >= hi:
                return None
            raw.content, raw.direct = self._content_after(start, unit)
            raw.frame = [(us, raw.content[0])]
        else:
            prev = i - 1
            if tail.paren and tk.t[prev] == ",":
                raw.content = (us, ue)
                raw.mode = "paren"
            else:
                end = tk.s[i]
                raw.content = (us, end)
            raw.frame = [(tk.s[i], ue)]
        return raw

    def _loose_np(self, j: int, hi: int) -> tuple[int, int, int] | None:
        """Words from ``j`` up to punctuation or a clause word, as a phrase: (start, end, head)."""
        tk = self.tk
        if j >= hi or not tk.is_word(j) or (tk.low[j] in cues.CAP_STOP and tk.low[j] != "the"):
            return None
        k = j
        while (
            k < hi
            and k - j < 8
            and (tk.is_word(k) or tk.t[k] in ("’s", "'s", "&"))
            and not tk.qmark[k]
            and tk.low[k] not in _LOOSE_NP_STOP
        ):
            k += 1
        return (j, k, k - 1) if k > j and tk.is_word(k - 1) else None

    def _attitude(self, i: int, ui: int) -> Raw | None:
        """ "Investors are worried that …", "he isn't convinced that …": a belief held by
        the subject of "be" and an attitude adjective with a that-clause."""
        tk = self.tk
        unit = self.units[ui]
        us, ue, lo, hi = unit
        if not (i + 2 < hi and tk.low[i + 1] == "that"):
            return None
        if not (tk.is_word(i + 2) or tk.qmark[i + 2] == 1) or tk.low[i + 2] in cues.CLAUSE_AUX:
            return None
        k = i - 1
        linked = False
        while k >= lo and (
            tk.low[k] in _LINKING
            or tk.low[k] in cues.ADVERBS
            or tk.low[k] in cues.AUX
            or (tk.low[k].endswith("ly") and not tk.cap[k])
            or tk.low[k] in ("so", "very", "more", "less", "increasingly", "fully")
        ):
            linked = linked or tk.low[k] in _LINKING
            k -= 1
        if not linked or k < lo:
            return None
        # The subject as a verb's would be found: with an appositive ("Sen. Burkett, the
        # committee's chair, was adamant that …").
        left = self._left(k + 1, lo, "say")
        np = left.np
        if np is None or not self._source_np(np) or tk.low[np[2]] == "it":
            return None  # "it is clear that": no one holds the belief
        raw = Raw(ui, i, (tk.s[i], tk.e[i]), (0, 0), mode="pre", sentence=(us, ue))
        raw.speaker = (np[0], np[1])
        raw.appos = left.appos
        raw.frame_tok = np[0]
        raw.content, raw.direct = self._content_after(i + 2, unit)
        raw.frame = [(us, raw.content[0])]
        return raw

    def _opinion(self, i: int, ui: int) -> Raw | None:
        """ "In Mr. Hale's view, CONTENT" / "CONTENT, in the opinion of many economists"."""
        tk = self.tk
        unit = self.units[ui]
        us, ue, lo, hi = unit
        np = None
        end = i + 1  # first token after the phrase
        if i - 2 >= lo and tk.low[i - 1] in _POSSESSIVE_PRONOUNS:
            np = (i - 1, i, i - 1)  # "in his view"
            first = i - 2
        elif i - 2 >= lo and tk.t[i - 1] in ("’s", "'s"):
            np = np_left(tk, i - 2, lo)
            first = np[0] - 1 if np is not None else -1
        elif i - 2 >= lo and tk.low[i - 1] == "the" and i + 1 < hi and tk.low[i + 1] == "of":
            np = np_right(tk, i + 2, hi)
            first = i - 2
            end = np[1] if np is not None else end
        else:
            return None
        if np is None or first < lo or tk.low[first] != "in":
            return None
        if (np[1] - np[0] > 1 or tk.low[np[0]] not in _POSSESSIVE_PRONOUNS) and not (
            self._source_np(np)
        ):
            return None
        raw = Raw(ui, i, (tk.s[i], tk.e[i]), (0, 0), mode="noun", sentence=(us, ue))
        raw.speaker = (np[0], np[1])
        raw.frame_tok = first
        if first == lo or all(tk.low[x] in cues.CLAUSE_CONJ for x in range(lo, first)):
            k = end + 1 if end < hi and tk.t[end] == "," else end
            if k >= hi:
                return None
            raw.content, raw.direct = self._content_after(k, unit)
        else:
            raw.content = (us, tk.s[first])
        raw.frame = []
        return raw

    def _noun(self, i: int, ui: int) -> Raw | None:
        """ "X's claims that …", "claims by X that …", "amid reports that …"."""
        tk = self.tk
        unit = self.units[ui]
        us, ue, lo, hi = unit
        low = tk.low[i]
        # "Mr. Hale's view is that …": a copula between the noun and "that"; the copula is
        # the sentence's verb, so the content runs on. Only with a holder before the noun.
        copula = (
            i + 2 < hi
            and tk.low[i + 1] in _NOUN_CUE_COPULAS
            and tk.low[i + 2] == "that"
            and i - 1 >= lo
            and (tk.low[i - 1] in _POSSESSIVE_PRONOUNS or tk.t[i - 1] in ("’s", "'s"))
        )
        if (
            low in cues.OPINION_NOUNS
            and i - 1 >= lo
            and tk.low[i + 1 : i + 2] != ["that"]
            and not copula
        ):
            return self._opinion(i, ui)
        sp = None
        j = i + 2 if copula else i + 1
        if j < hi and tk.low[j] in ("by", "from") and low not in ("statement",):
            np = np_right(tk, j + 1, hi)
            if np is not None and self._source_np(np):
                sp = np
                j = np[1]
        if j < hi and tk.low[j] != "that":
            # "the announcement last month that …", "its statement yesterday that …"
            m = self.when_at.get(tk.s[j])
            if m is not None:
                while j < hi and tk.s[j] < m.end():
                    j += 1
        if j < hi and tk.low[j] in ("in", "at", "on", "during") and j + 1 < hi:
            # "his remarks in a 2021 interview that …", "her claim at the rally that …"
            k = j + 1
            while k < hi and k - j <= 5 and tk.t[k][:1].isalnum() and tk.low[k] != "that":
                k += 1
            if k < hi and tk.low[k] == "that":
                j = k
        if not (j < hi and tk.low[j] == "that"):
            return None
        if (
            j + 1 >= hi
            or tk.low[j + 1] in cues.CLAUSE_AUX
            # "his remarks in an interview that aired on Sunday": a relative clause
            or (
                not tk.cap[j + 1] and (tk.low[j + 1].endswith("ed") or tk.low[j + 1] in _PAST_FORMS)
            )
            or not tk.is_word(j + 1)
            and not tk.qmark[j + 1]
        ):
            return None
        if sp is None and i - 1 >= lo and tk.low[i - 1] in _POSSESSIVE_PRONOUNS:
            sp = (i - 1, i, i - 1)  # "his view that …", "their claims that …"
        if sp is None and i - 1 >= lo and tk.t[i - 1] in ("’s", "'s"):
            # "Sen. Ann Hale (R., Kan.)'s view": the name before the bracketed aside
            np = np_left(tk, self._skip_paren_left(i - 2, lo), lo)
            if np is not None and self._source_np(np) and tk.low[np[2]] not in cues.PRONOUNS:
                sp = np
        if sp is None and low not in cues.HEDGE_NOUN_CUES:
            return None
        if sp is None and not (
            i - 1 >= lo
            and (
                tk.low[i - 1] in cues.NOUN_BEFORE
                or tk.low[i - 1]
                in ("responded", "responds", "denied", "denies", "rejected", "dismissed")
            )
        ):
            return None
        raw = Raw(ui, i, (tk.s[i], tk.e[i]), (tk.s[j + 1], ue), mode="noun", sentence=(us, ue))
        raw.content, raw.direct = self._content_after(j + 1, unit)
        first = min(sp[0], i) if sp is not None else i
        if first - 1 >= lo and tk.low[first - 1] in cues.DETERMINERS:
            first -= 1
        if copula and first != lo:
            # "The problem with their claim is that …": the holder's noun is not the subject,
            # so what follows "is that" is the writer's, not the holder's.
            return None
        if first == lo and not raw.direct and not copula:
            # "The ministry's claim that X could not be verified": the noun phrase is the
            # subject, and the sentence's own verb ends the content.
            m = self._matrix_verb(j + 1, hi)
            if m is not None:
                raw.content = (raw.content[0], tk.s[m])
        if sp is not None:
            raw.speaker = (sp[0], sp[1])
            raw.frame_tok = min(sp[0], i)
        else:
            raw.frame_tok = i
        raw.hedge = low in cues.HEDGE_NOUN_CUES
        raw.frame = [(us, raw.content[0])]
        return raw

    def _matrix_verb(self, j: int, hi: int) -> int | None:
        """In a clause from ``j`` that is part of a sentence's subject ("[the claim that] the
        drones had been used near Sirte | could not be verified"), the first token of the
        sentence's own verb: a second finite verb straight after a word of the clause, with
        no conjunction, relative word or punctuation between the two. A third such verb
        makes it unclear which one is the sentence's ("the men the police had arrested were
        innocent | was repeated": a relative clause without "who"), so there is none then."""
        tk = self.tk
        seen = False
        found = None
        for x in range(j + 1, hi):
            lx = tk.low[x]
            if not tk.is_word(x) or tk.qmark[x]:
                if tk.t[x] in ",;:—–()" or tk.qmark[x]:
                    return found if tk.t[x] in ",;:" and found is not None else None
                continue
            if lx in cues.CLAUSE_CONJ or lx in cues.COORD or lx in ("that", "which", "who"):
                return found
            finite = lx in cues.CLAUSE_AUX or (
                lx.endswith("ed") and not tk.cap[x] and tk.low[x - 1] not in cues.DETERMINERS
            )
            if not finite:
                continue
            prev = tk.low[x - 1]
            after_word = prev not in cues.CLAUSE_AUX and prev not in ("not", "never", "also")
            if seen and after_word and lx in cues.CLAUSE_AUX and not prev.endswith("ly"):
                if found is not None:
                    return None
                found = x
            seen = True
        return found

    # ------------------------------------------------------------ driver

    def find(self) -> list[Raw]:
        tk = self.tk
        out: list[Raw] = []
        cands = self.cue_candidates
        ci = 0
        for ui, unit in enumerate(self.units):
            us, ue, lo, hi = unit
            while ci < len(cands) and cands[ci] < lo:
                ci += 1
            cj = ci
            while cj < len(cands) and cands[cj] < hi:
                cj += 1
            here = cands[ci:cj]
            ci = cj
            if not here:
                continue
            found: list[Raw] = []
            used: set[int] = set()
            for i in here:
                if tk.inq[i] or tk.qmark[i]:
                    continue
                low = tk.low[i]
                r = None
                if low == "according":
                    if i + 2 < hi and tk.low[i + 1] == "to":
                        r = self._according(i, ui)
                elif (low in cues.CUE_VERBS) and (
                    not (tk.cap[i] and i > lo and tk.name[i - 1])
                    or (cues.CUE_VERBS[low] == "say" and self._title_case(unit))
                ):
                    # A capitalised verb after a name is part of the name ("Ohio State"),
                    # except in a title-case headline ("Soviet Planner Says Prices …").
                    r = self._verb(i, ui, found)
                if r is not None and self._valid(r):
                    found.append(r)
                    used.add(i)
            for i in here:
                if i in used or tk.inq[i]:
                    continue
                r = None
                if tk.low[i] in cues.NOUN_CUES:
                    if any(r.cue_tok < i < self._tok_at(r.content[0]) for r in found[-4:]):
                        continue
                    r = self._noun(i, ui)
                elif tk.low[i] in cues.ATTITUDE_ADJECTIVES:
                    r = self._attitude(i, ui)
                if r is not None and self._valid(r):
                    found.append(r)
            found.sort(key=lambda r: r.cue_tok)
            self._cut_coordination(found, unit)
            out.extend(r for r in found if self._valid(r))
            if self._quote_starts and any(map(tk.inq.__getitem__, here)):
                out.extend(self._nested(here, ui))
        return out

    def _participle_at(self, j: int, hi: int) -> bool:
        """Whether a participle phrase modifying a noun starts at ``j`` ("waiting in line",
        "based in Tokyo"): a lower-case -ing word, or an -ed word before a preposition."""
        tk = self.tk
        if j >= hi or tk.cap[j] or not tk.is_word(j):
            return False
        lj = tk.low[j]
        if lj.endswith("ing") and len(lj) > 5 and lj not in cues.PARTICIPLE_CUES:
            return True
        return (
            lj.endswith("ed")
            and len(lj) > 4
            and j + 1 < hi
            and tk.low[j + 1] in _AFTER_PARTICIPLE
            and lj not in cues.CUE_VERBS
        )

    def _title_case(self, unit: tuple[int, int, int, int]) -> bool:
        """Whether a unit is a headline in title case: a line of its own, no closing full
        stop, and nearly every word of four letters or more capitalised."""
        tk = self.tk
        us, ue, lo, hi = unit
        w = self.w
        if w[ue - 1 : ue] in (".", "!", "?") or (ue < len(w) and w[ue] != "\n"):
            return False
        words = [x for x in range(lo, hi) if tk.alpha[x] and len(tk.t[x]) >= 4]
        return len(words) >= 3 and sum(tk.cap[x] for x in words) >= 0.8 * len(words)

    def _nested(self, here: list[int], ui: int) -> list[Raw]:
        """Attributions inside a quotation ("“The Fed is telling us it is worried,” she said").

        Each is read within the quoted sentence. Only named or described speakers count: a
        pronoun inside a quotation points into the quoted speaker's own discourse.
        """
        tk = self.tk
        out: list[Raw] = []
        for i in here:
            if not tk.inq[i] or tk.qmark[i]:
                continue
            sub = self._quoted_sentence(i)
            if sub is None:
                continue
            low = tk.low[i]
            r = None
            if low == "according":
                if i + 2 < sub[3] and tk.low[i + 1] == "to":
                    r = self._according(i, ui, sub)
            elif low in cues.CUE_VERBS and not (tk.cap[i] and i > sub[2] and tk.name[i - 1]):
                r = self._verb(i, ui, out, sub)
            if (
                r is None
                or r.speaker is None
                or r.inherited
                or not self._valid(r)
                or tk.low[r.speaker[1] - 1] in cues.PRONOUNS
                or tk.low[r.speaker[0]] in cues.PRONOUNS
            ):
                continue
            r.nested = True
            out.append(r)
        return out

    def _quoted_sentence(self, i: int) -> tuple[int, int, int, int] | None:
        """The sentence around token ``i`` cut to the quotation holding it, as a unit."""
        tk = self.tk
        k = bisect.bisect_right(self._quote_starts, tk.s[i]) - 1
        if k < 0 or self.quotes[k].end <= tk.s[i]:
            return None
        q = self.quotes[k]
        lo = bisect.bisect_left(tk.s, q.start) + 1
        hi = bisect.bisect_left(tk.s, q.end)
        if hi - 1 >= lo and tk.qmark[hi - 1] == 2:
            hi -= 1
        a = i
        while a > lo and tk.t[a - 1] not in (".", "!", "?"):
            a -= 1
        b = i
        while b < hi and tk.t[b] not in (".", "!", "?"):
            b += 1
        b = min(hi, b + 1)
        if b - a < 5:
            return None
        return (tk.s[a], tk.e[b - 1], a, b)

    def _tok_at(self, pos: int) -> int:
        return bisect.bisect_left(self.tk.s, pos)

    def _valid(self, r: Raw) -> bool:
        a, b = r.content
        if b <= a:
            return False
        if b - a < 40 and r.mode == "post" and self.w[a:b].isupper():
            return False  # a dateline ("WASHINGTON — The court ruled."), not a statement
        return _ALNUM_RE.search(self.w, a, b) is not None

    def _cut_coordination(self, found: list[Raw], unit: tuple[int, int, int, int]) -> None:
        """End a speaker-first or noun-cue content where a coordinated attribution starts (", but
        experts noted", "her claim that …, adding that …")."""
        tk = self.tk
        lo = unit[2]
        cuts: list[int] = []  # character offsets where a coordinated attribution begins
        for b in found:
            if b.frame_tok < 0 or b.frame_tok >= tk.n:
                continue
            k = (
                b.frame_tok
                if b.inherited and tk.low[b.frame_tok] in _COORD_COMMA
                else b.frame_tok - 1
            )
            if k >= lo and tk.t[k] == "," and b.frame_tok == k + 1 and tk.qmark[k + 1] == 2:
                # '… would “move on quickly,” adding that': the comma closes the quotation,
                # which stays whole in the content before.
                cuts.append(tk.e[k + 1])
                continue
            if k - 1 >= lo and tk.qmark[k] == 2 and tk.t[k - 1] == ",":
                # '… that the ward “cannot cope,” according to records': the same, with the
                # cue right after the closing mark
                cuts.append(tk.e[k])
                continue
            cut = None
            while k >= lo and (tk.low[k] in cues.CLAUSE_CONJ or tk.t[k] in (",", ";", "—", "–")):
                cut = k
                k -= 1
            if cut is not None and (tk.t[cut] in (",", ";", "—", "–") or tk.low[cut] in _COORD_CUT):
                cuts.append(tk.s[cut])
            if b.cue_tok - 1 >= lo and tk.t[b.cue_tok - 1] == ",":
                # "The union, which had urged members to reject the offer, said …": another
                # cue right after a comma ends a content running up to it.
                cuts.append(tk.s[b.cue_tok - 1])
        if not cuts:
            return
        cuts.sort()
        for a in found:
            if a.mode not in ("pre", "noun"):
                continue
            k = bisect.bisect_right(cuts, a.content[0])
            if k < len(cuts) and cuts[k] < a.content[1]:
                a.content = (a.content[0], cuts[k])


def follow_ups(doc: Document, raws: list[Raw]) -> list[Raw]:
    """Extend direct quotes over quote-only follow-up units; add unattributed figure/hedge units."""
    tk = doc.tk
    by_unit: dict[int, list[Raw]] = {}
    for r in raws:
        by_unit.setdefault(r.unit, []).append(r)
    extra: list[Raw] = []
    last_direct: Raw | None = None
    last_spoken: Raw | None = None  # the last attribution with a speaker in the last unit
    last_unit = -2
    for ui, (us, ue, lo, hi) in enumerate(doc.units):
        rs = by_unit.get(ui)
        if rs:
            d = [r for r in rs if r.direct and not r.nested]
            last_direct = d[-1] if d else None
            spoken = [r for r in rs if r.speaker is not None and not r.nested]
            last_spoken = spoken[-1] if spoken else None
            last_unit = ui
            continue
        if lo < hi and tk.qmark[lo] == 1:
            q = doc._quote_at_open(lo)
            if q is not None and q.end >= ue - 2 and last_unit == ui - 1:
                if last_direct is not None:
                    last_direct.content = (last_direct.content[0], q.end)
                    last_direct.sentence = (last_direct.sentence[0], ue)
                    last_unit = ui
                    continue
                if last_spoken is not None:
                    # A quotation standing alone after "He said Mr. Laval was betting …":
                    # the same speaker goes on in their own words.
                    r = Raw(
                        ui,
                        lo,
                        None,
                        (q.start, q.end),
                        speaker=last_spoken.speaker,
                        appos=last_spoken.appos,
                        inherited=last_spoken.inherited,
                        direct=True,
                        citing=last_spoken.citing,
                        relays=list(last_spoken.relays),
                        sentence=(us, ue),
                    )
                    extra.append(r)
                    last_direct, last_spoken, last_unit = r, None, ui
                    continue
        last_direct = None
        last_spoken = None
        strong = doc.strong_hedge(us, ue)
        if strong is not None or doc.has_figure(us, ue):
            extra.append(
                Raw(
                    ui,
                    lo,
                    strong,
                    (us, ue),
                    mode="unattr",
                    hedge=strong is not None,
                    sentence=(us, ue),
                )
            )
    return sorted(raws + extra, key=lambda r: (r.unit, r.cue_tok))
