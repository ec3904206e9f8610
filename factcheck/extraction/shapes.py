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

Speaker phrases come from ``speakers``, names from ``coref``. Sentences with a
counted figure or a hedge but no speaker become ``unattributed`` attributions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import cues, hedges, when
from .quotes import Quote, find_quotes, top_level
from .sentences import split_sentences
from .speakers import Tokens, is_outlet, np_left, np_right

_MAX_UNIT = 4000  # characters; longer "sentences" are run-on text and get cut
_WHEN_KEYS = frozenset(cues.WEEKDAYS) | {
    "yesterday", "today", "tonight", "night", "week", "month", "year", "weekend", "recently",
    "ago", "morning", "afternoon", "evening", "days", "weeks",
}  # fmt: skip
_MONTH_FORMS = frozenset(cues.MONTHS) | frozenset(cues.MONTH_ABBR) | {"sept"}
_CUE_TRIGGERS = frozenset(cues.CUE_VERBS) | cues.NOUN_CUES | {"according"}
_SCAN_TRIGGERS = (
    _CUE_TRIGGERS
    | _WHEN_KEYS
    | _MONTH_FORMS
    | hedges.HEDGE_WORDS
    | hedges.PASSIVE_HEDGE_VERBS
    | hedges.NUMBER_WORDS
)


# ---------------------------------------------------------------- raw finds


@dataclass
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


@dataclass
class Left:
    np: tuple[int, int, int] | None
    boundary: int
    btype: str
    appos: tuple[int, int] | None = None
    citing: tuple[int, int] | None = None
    relays: list[str] = field(default_factory=list)
    infinitive: bool = False


@dataclass
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
        self._mark_quotes()
        self.units = self._units()
        # Time expressions, hedges, figures and numbers, found once per document from
        # the tokens (anchored matches at trigger words only); look-ups use bisect.
        self._scan()
        self.unit_lo = [0] * self.tk.n  # first token of the unit each token belongs to
        for _us, _ue, lo, hi in self.units:
            for k in range(lo, hi):
                self.unit_lo[k] = lo

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
            for i in range(a, b):
                tk.inq[i] = True

    def _units(self) -> list[tuple[int, int, int, int]]:
        sents = split_sentences(self.w)
        quotes = self.quotes
        out: list[tuple[int, int, int, int]] = []
        qi = 0
        i = 0
        n = len(sents)
        while i < n:
            start, end = sents[i].start, sents[i].end
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
                    end = max(end, sents[i].end)
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
            lo = bisect.bisect_left(self.tk.s, start)
            hi = bisect.bisect_left(self.tk.s, end)
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
        figures: list[int] = []
        numbers: list[int] = []
        n = tk.n
        last_when_end = -1
        trig = _SCAN_TRIGGERS
        cand: list[int] = []
        for i in range(n):
            lw = low[i]
            if lw not in trig and not lw[:1].isdigit():
                continue
            if lw in _CUE_TRIGGERS:
                cand.append(i)
            if (lw in _WHEN_KEYS or lw.rstrip(".") in _MONTH_FORMS) and s[i] >= last_when_end:
                for k in (i - 2, i - 1, i):
                    if k < 0 or s[k] < last_when_end:
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
            if lw[:1].isdigit() or lw in hedges.NUMBER_WORDS:
                numbers.append(s[i])
                if hedges.figure_at(tk, w, i):
                    figures.append(s[i])
        self.cue_candidates = cand
        self.when_at = when_at
        self.when_starts = sorted(when_at)
        self.hedge_starts = sorted(hedge)
        self.strong = sorted(strong)
        self.strong_starts = [a for a, _ in self.strong]
        self.figure_starts = figures
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
        return self._any_in(self.figure_starts, a, b) >= 0

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
            break
        return j

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

    def _is_parenthetical(self, a: int, b: int) -> bool:
        """Whether tokens[a:b] between commas can be skipped: an appositive, an aside, a participle phrase."""
        tk = self.tk
        if a >= b:
            return False
        if tk.low[a] in cues.PAREN_LEADS:
            return True
        if b - a == 1 and tk.t[a].isdigit():
            return True  # an age: "John Smith, 45, said"
        np = np_right(tk, a, b)
        if np is not None and np[1] == b:
            return True
        # "flanked by nine soldiers", "speaking in Kyiv": no cue inside, a participle first.
        first = tk.low[a]
        return (first.endswith(("ed", "ing", "en")) or first in cues.DETERMINERS) and not any(
            tk.low[x] in cues.CUE_VERBS and tk.low[x] not in cues.PARTICIPLE_CUES
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
        return tk.name[h] or tk.head[h] or tk.low[h] in cues.PRONOUNS

    def _ing_is_verb(self, prev: int, pj: int, lo: int) -> bool:
        """An -ing cue not after a comma speaks only as a progressive or in "with X confirming"."""
        tk = self.tk
        if pj >= lo and tk.low[pj] in ("is", "are", "was", "were", "am", "been"):
            return True
        k = prev
        while k >= lo and (tk.name[k] or tk.t[k] in ("’s", "'s") or tk.low[k] == "the"):
            k -= 1
        return lo <= k < prev and tk.low[k] == "with"

    def _plural(self, np: tuple[int, int, int]) -> bool:
        """Whether a speaker phrase can take a base-form verb ("officials in Kyiv say")."""
        tk = self.tk
        for x in range(np[0], np[1]):
            lx = tk.low[x]
            if lx in ("of", "for", "in", "at", "from", "with", "familiar", "close"):
                break
            if lx in ("i", "we", "they", "you", "people", "police", "and") or (
                lx.endswith("s") and (tk.head[x] or tk.cap[x])
            ):
                return True
        return False

    def _clause_like(self, j: int, hi: int) -> bool:
        """Whether tokens from ``j`` look like a clause ("the US would…", "he will…")."""
        tk = self.tk
        if j >= hi:
            return False
        if tk.low[j] in cues.CLAUSE_STARTS or tk.low[j] == "that" or tk.qmark[j] == 1:
            return True
        for k in range(j + 1, min(hi, j + 9)):
            if tk.low[k] in cues.CLAUSE_AUX:
                return True
            if tk.t[k] in ",;:":
                return False
        return False

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
        if j >= lo and tk.t[j] == ")":
            k = j - 1
            while k >= lo and j - k < 6 and tk.t[k] != "(":
                k -= 1
            if k >= lo and tk.t[k] == "(":
                j = k - 1
        comma_before_cue = j if j >= lo and tk.t[j] == "," else -1
        if j >= lo and tk.t[j] == ",":
            q = j - 1
            while (
                q >= lo
                and q > j - 16
                and tk.t[q] not in (",", ".", ";", ":", "!", "?")
                and not tk.qmark[q]
            ):
                q -= 1
            if q >= lo and tk.t[q] == "," and q < j - 1 and self._is_parenthetical(q + 1, j):
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
                j = self._skip_adverbs_left(q - 1, lo)
            else:
                return Left(None, j, "comma")
        if j < lo:
            return Left(None, lo - 1, "start")
        if tk.low[j] in cues.COORD:
            return Left(None, j, "coord")
        if tk.qmark[j] == 2:
            return Left(None, j, "quote")
        if tk.low[j] in ("who", "which") and j - 1 >= lo:
            # "officials, who … , said" is handled above; "the ministry which said" here.
            k = j - 1
            if tk.t[k] == ",":
                k -= 1
            np = np_left(tk, k, lo) if k >= lo else None
            if np is not None and self._source_np(np):
                return Left(np, np[0] - 1, self._btype(np[0] - 1, lo), appos, citing, relays)
            return Left(None, j, "other")
        np = np_left(tk, j, lo)
        if np is None and comma_before_cue >= 0:
            # The "parenthetical" was the content itself: "…, leaving one dead, reported X".
            return Left(None, comma_before_cue, "comma")
        if np is None:
            return Left(None, j, self._btype(j, lo))
        b = np[0] - 1
        return Left(np, b, self._btype(b, lo), appos, citing, relays, infinitive)

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
                    if tk.low[k] in cues.FRAME_NOUNS:
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
                continue
            return j
        return j

    def _tail(self, j: int, lo: int, hi: int, lemma: str) -> Tail:
        tk = self.tk
        relays: list[str] = []
        citing = None
        if lemma in ("tell", "inform", "assure", "warn", "remind"):
            np = np_right(tk, j, hi)
            if np is not None and lemma == "warn":
                after = np[1]
                if not (after < hi and tk.low[after] in ("that", "of", "against", "about", "not")):
                    np = None
            if np is not None:
                name = self.w[tk.s[np[0]] : tk.e[np[1] - 1]]
                if is_outlet(name):
                    relays.append(name)
                j = np[1]
        j = self._skip_frames(j, hi, relays)
        # ", citing X," / ", quoted by X,"
        for _ in range(2):
            if j + 1 < hi and tk.t[j] == "," and tk.low[j + 1] == "citing":
                np = np_right(tk, j + 2, hi)
                if (
                    np is not None
                    and self._source_np(np)
                    and (
                        tk.cap[np[2]]
                        or tk.low[np[2]]
                        in cues.ANON_HEADS | cues.ORG_WORDS | cues.DOCUMENT_WORDS | cues.ROLE_WORDS
                    )
                ):
                    ag = self._agent(np, hi)
                    citing = (ag[0], ag[1])
                    j = self._skip_frames(ag[1], hi, relays)
                    if j < hi and tk.t[j] == "," and j + 1 < hi and tk.low[j + 1] == "that":
                        j += 1
                    continue
            break
        if j < hi and tk.low[j] in ("that",) and not tk.inq[j]:
            return Tail(j + 1, j, False, False, False, True, relays, citing)
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
                if all(tk.low[x] not in cues.CUE_VERBS for x in range(j, k)) and not any(
                    tk.t[x] == "," for x in range(j, k)
                ):
                    return Tail(k + 1, k, False, False, False, True, relays, citing)
                break
            k += 1
        if (
            j >= hi
            or tk.t[j] in ("|", "•", "·")
            or all(not tk.t[x][:1].isalnum() and not tk.qmark[x] for x in range(j, hi))
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
            if nxt < hi and (tk.low[nxt] in cues.TAIL_CONJ or tk.cap[nxt]):
                return Tail(None, j, True, False, False, False, relays, citing)
            return Tail(nxt if nxt < hi else None, j, False, True, False, False, relays, citing)
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
    ) -> tuple[tuple[int, int] | None, int]:
        for r in reversed(found):
            if r.speaker is not None and r.cue_tok < i:
                return r.speaker, r.cue_tok
        np = self._clause_subject(i, lo)
        return (np[0], np[1]) if np is not None else None, -1

    def _clause_subject(self, i: int, lo: int) -> tuple[int, int, int] | None:
        tk = self.tk
        for p in range(i - 1, max(lo, i - 45) - 1, -1):
            if (
                p == lo
                or tk.t[p - 1] in (",", ";", ":")
                or tk.low[p - 1]
                in ("as", "while", "when", "after", "that", "because", "since", "although", "but")
            ):
                np = np_right(tk, p, i)
                if np is None or np[1] >= i or not self._source_np(np):
                    continue
                nxt = np[1]
                if (
                    tk.is_word(nxt)
                    and not tk.cap[nxt]
                    and tk.low[nxt] not in ("of", "for", "and", "or")
                ):
                    if tk.low[np[2]] in ("it",) or (
                        not tk.cap[np[2]]
                        and tk.low[np[2]] not in cues.PRONOUNS
                        and not tk.head[np[2]]
                    ):
                        continue
                    return np
        return None

    def _verb(self, i: int, ui: int, found: list[Raw]) -> Raw | None:
        tk = self.tk
        unit = self.units[ui]
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
        prev = i - 1
        pj = self._skip_adverbs_left(prev, lo)
        pa = prev
        while pa >= lo and tk.low[pa] in cues.ADVERBS and tk.low[pa] not in cues.AUX:
            pa -= 1
        # Passive "no casualties were reported" is not a speech act; "is said to" is a hedge.
        if (
            not low.endswith("ing")
            and pa >= lo
            and tk.low[pa] in cues.PASSIVE_AUX | {"been", "being"}
        ):
            return None
        if (
            pj >= lo
            and prev >= lo
            and tk.low[prev] in ("an", "a")
            and low in ("estimated", "alleged", "reported", "claimed", "purported")
        ):
            return None
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
        if lemma == "call" and not (cue_end < hi and tk.low[cue_end] in ("on", "for", "upon")):
            return None
        if lemma == "claim" and cue_end < hi and tk.low[cue_end] in cues.NON_SPEECH_AFTER_CLAIM:
            return None
        participle = low.endswith("ing") and prev >= lo and tk.t[prev] == ","
        if (
            low == "saying"
            and prev >= lo
            and tk.low[prev] == "as"
            and prev - 1 >= lo
            and tk.low[prev - 1] == "quoted"
        ):
            participle = True  # "X was quoted as saying …": the subject of "quoted" speaks
        if low.endswith("ing") and not participle and not self._ing_is_verb(prev, pj, lo):
            return None
        tail = self._tail(cue_end, lo, hi, lemma)
        if lemma == "call":
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
                return tail.colon or tk.qmark[start] == 1 or tk.low[start] in cues.WH
            if lemma in (
                "continue",
                "respond",
                "reply",
                "answer",
                "counter",
                "comment",
                "recall",
                "observe",
                "remark",
            ):
                return tail.colon or tail.that or tk.qmark[start] == 1
            if lemma in ("describe",):
                return tk.low[start].endswith("ing") or any(
                    tk.low[x] == "as" for x in range(start, min(hi, start + 10))
                )
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
                "write",
                "tweet",
                "post",
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
                )
            return True

        left = None
        if participle:
            sp, ft = self._speaker_for_inherited(i, lo, found)
            if sp is None or tail.start is None or not needs_ok(tail.start):
                return None
            raw.speaker, raw.inherited = sp, True
            raw.frame_tok = prev
            raw.content, raw.direct = self._content_after(tail.start, unit)
            raw.mode = "pre"
        else:
            left = self._left(i, lo, lemma)
            if left.np is None and left.btype == "coord":
                sp, ft = self._speaker_for_inherited(i, lo, found)
                if sp is None or tail.start is None or not needs_ok(tail.start):
                    return None
                raw.speaker, raw.inherited = sp, True
                raw.frame_tok = left.boundary
                raw.content, raw.direct = self._content_after(tail.start, unit)
            elif left.np is not None:
                np = left.np
                if lemma in cues.DOCUMENT_ONLY and tk.low[np[2]] not in cues.DOCUMENT_WORDS:
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
                ):
                    return None
                # A base form ("report", "say") needs a plural or pronoun subject; a lone
                # name before "say" is a headline imperative or a typo ("Seoul says" is fine).
                if (
                    not left.infinitive
                    and low == lemma
                    and not (pj >= lo and tk.low[pj] in cues.AUX)
                ):
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
                    or tk.low[inv[2]] in cues.PRONOUNS - {"he", "she", "they", "it"}
                ):
                    return None
                if tk.low[inv[2]] in ("him", "her", "them", "us", "me"):
                    return None
                tail2 = self._tail(inv[1], lo, hi, "say")
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

    def _according(self, i: int, ui: int) -> Raw | None:
        tk = self.tk
        unit = self.units[ui]
        us, ue, lo, hi = unit
        np = np_right(tk, i + 2, hi)
        if np is None or not self._source_np(np):
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
            tk.low[x] in cues.CLAUSE_CONJ | cues.ADVERBS | {"but", "and", ","} or tk.t[x] in (",",)
            for x in range(lo, i)
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

    def _noun(self, i: int, ui: int) -> Raw | None:
        """ "X's claims that …", "claims by X that …", "amid reports that …"."""
        tk = self.tk
        unit = self.units[ui]
        us, ue, lo, hi = unit
        low = tk.low[i]
        sp = None
        j = i + 1
        if j < hi and tk.low[j] in ("by", "from") and low not in ("statement",):
            np = np_right(tk, j + 1, hi)
            if np is not None and self._source_np(np):
                sp = np
                j = np[1]
        if not (j < hi and tk.low[j] == "that"):
            return None
        if (
            j + 1 >= hi
            or tk.low[j + 1] in cues.CLAUSE_AUX
            or not tk.is_word(j + 1)
            and not tk.qmark[j + 1]
        ):
            return None
        if sp is None and i - 1 >= lo and tk.t[i - 1] in ("’s", "'s"):
            np = np_left(tk, i - 2, lo)
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
        if sp is not None:
            raw.speaker = (sp[0], sp[1])
            raw.frame_tok = min(sp[0], i)
        else:
            raw.frame_tok = i
        raw.hedge = low in cues.HEDGE_NOUN_CUES
        raw.frame = [(us, raw.content[0])]
        return raw

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
                elif (low in cues.CUE_VERBS) and not (tk.cap[i] and i > lo and tk.name[i - 1]):
                    r = self._verb(i, ui, found)
                if r is not None and self._valid(r):
                    found.append(r)
                    used.add(i)
            for i in here:
                if tk.low[i] in cues.NOUN_CUES and i not in used and not tk.inq[i]:
                    if any(r.cue_tok < i < self._tok_at(r.content[0]) for r in found[-4:]):
                        continue
                    r = self._noun(i, ui)
                    if r is not None and self._valid(r):
                        found.append(r)
            found.sort(key=lambda r: r.cue_tok)
            self._cut_coordination(found, unit)
            out.extend(r for r in found if self._valid(r))
        return out

    def _tok_at(self, pos: int) -> int:
        return bisect.bisect_left(self.tk.s, pos)

    def _valid(self, r: Raw) -> bool:
        a, b = r.content
        if b <= a:
            return False
        seg = self.w[a:b]
        return any(ch.isalnum() for ch in seg)

    def _cut_coordination(self, found: list[Raw], unit: tuple[int, int, int, int]) -> None:
        """End a speaker-first content where a coordinated attribution starts (", but experts noted")."""
        tk = self.tk
        lo = unit[2]
        cuts: list[int] = []  # character offsets where a coordinated attribution begins
        for b in found:
            if b.frame_tok < 0 or b.frame_tok >= tk.n:
                continue
            k = (
                b.frame_tok
                if b.inherited and tk.low[b.frame_tok] in cues.COORD | {","}
                else b.frame_tok - 1
            )
            cut = None
            while k >= lo and (tk.low[k] in cues.CLAUSE_CONJ or tk.t[k] in (",", ";", "—", "–")):
                cut = k
                k -= 1
            if cut is not None and (
                tk.t[cut] in (",", ";", "—", "–")
                or tk.low[cut] in cues.COORD | {"while", "whereas"}
            ):
                cuts.append(tk.s[cut])
        if not cuts:
            return
        cuts.sort()
        for a in found:
            if a.mode != "pre":
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
    last_unit = -2
    for ui, (us, ue, lo, hi) in enumerate(doc.units):
        rs = by_unit.get(ui)
        if rs:
            d = [r for r in rs if r.direct]
            last_direct = d[-1] if d else None
            last_unit = ui
            continue
        if lo < hi and tk.qmark[lo] == 1:
            q = doc._quote_at_open(lo)
            if (
                q is not None
                and q.end >= ue - 2
                and last_direct is not None
                and last_unit == ui - 1
            ):
                last_direct.content = (last_direct.content[0], q.end)
                last_direct.sentence = (last_direct.sentence[0], ue)
                last_unit = ui
                continue
        last_direct = None
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
