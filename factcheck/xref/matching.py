"""Claim matching: which attributions carry the same proposition.

Two decisions, kept apart on purpose:

- **merge into ONE claim** when the content is the same sentence: equal
  normalised text (``Claim.key``), or near-identical text (rapidfuzz ratio
  ≥ ``MERGE_RATIO`` after names are normalised through the source registry)
  with the same figures and the same places. Copies and re-publications of
  one sentence become one claim with several attributions. Claims carrying
  figures are only merged when said within ``FIGURE_WINDOW_DAYS`` of each
  other (the same sentence about a new attack is a new claim); timeless
  sentences merge at any distance. A merge never crosses a manual rejection
  (a rejected ClaimLink between the two) and never folds one claim with a
  review history into another: the reviewed claim survives, and two
  reviewed claims stay apart.
- **link** claims about the same matter in other words (see links.py):
  fuzzy text match ≥ ``LINK_RATIO`` (token-sort ratio) or the same figure
  label and scope.

Candidates are never all pairs: claims are blocked by their rarest tokens
(source ids after name normalisation, numbers, uncommon words) within a date
window, and only pairs sharing a block are scored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from sqlalchemy import func, select
from sqlmodel import Session
from unidecode import unidecode

from factcheck.models import Source, SourceAlias
from factcheck.sources.names import fold_word
from factcheck.unionfind import UnionFind

MERGE_RATIO = 95.0
LINK_RATIO = 85.0
DENIAL_RATIO = 75.0
BLOCK_TOKENS = 3  # rarest tokens per claim used as blocking keys
BLOCK_CAP = 300  # a token carried by more claims than this is not rare
OVERLAP = 0.5  # share of the smaller set of significant tokens two candidates must have in common


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """a an the and or but of in on at to for from by with without as is are was were be been
    being has have had having do does did will would shall should can could may might must it
    its this that these those there their they them he she his her him we our us you your i me
    my not no so than then also after before about over under into out up down said says say
    saying told tell according reported reports report reportedly which who whom whose what
    when where while during since until per more most less least some any all each other such
    only just very further new last first one two three"""
)
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"false(?:ly)?|untrue|not\s+true|fake|baseless|groundless|fabricat(?:ed|ion)|"
    r"dismiss(?:es|ed|ing)?\s+(?:the\s+)?(?:claims?|reports?|allegations?))\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f ](?=\d{3}\b)")
_APOSTROPHES = str.maketrans({"'": "", "\u2019": "", "\u2018": "", "\u02bc": ""})
_NON_WORD = re.compile(r"[^\w]+")


class Normaliser:
    """Claim text -> comparison tokens: folded words, source names replaced by registry ids."""

    def __init__(self, aliases: dict[tuple[str, ...], int] | None = None):
        self.aliases = aliases or {}
        self._first = {k[0] for k in self.aliases}
        self._longest = max((len(k) for k in self.aliases), default=0)
        self._fold: dict[str, str] = {}

    @classmethod
    def load(cls, *, session: Session) -> Normaliser:
        """Every alias of every source, pointing at the source that survives merges."""
        target = func.coalesce(Source.merged_into_id, Source.id)
        rows = session.execute(
            select(SourceAlias.key, target).join(Source, Source.id == SourceAlias.source_id)
        ).all()
        aliases: dict[tuple[str, ...], int] = {}
        for key, sid in rows:
            words = tuple(key.split())
            if words and len(words) <= 5:
                aliases.setdefault(words, sid)
        return cls(aliases)

    def _folded(self, word: str) -> str:
        got = self._fold.get(word)
        if got is None:
            got = self._fold[word] = fold_word(word)
        return got

    def words(self, text: str) -> list[str]:
        text = _THOUSANDS.sub("", _POSSESSIVE.sub("", text))
        if not text.isascii():
            text = unidecode(text)
        text = _NON_WORD.sub(" ", text.casefold().translate(_APOSTROPHES))
        return [self._folded(w) for w in text.split()]

    def tokens(self, text: str) -> tuple[str, ...]:
        """Words of `text` with every registry alias (longest first) replaced by '@<source id>'."""
        words = self.words(text)
        if not self.aliases:
            return tuple(words)
        out: list[str] = []
        i, n = 0, len(words)
        first, aliases = self._first, self.aliases
        while i < n:
            if words[i] in first:
                for size in range(min(self._longest, n - i), 0, -1):
                    sid = aliases.get(tuple(words[i : i + size]))
                    if sid is not None:
                        out.append(f"@{sid}")
                        i += size
                        break
                else:
                    out.append(words[i])
                    i += 1
            else:
                out.append(words[i])
                i += 1
        return tuple(out)


def significant(tokens: Sequence[str]) -> frozenset[str]:
    """Tokens worth blocking on: source ids, numbers and words that are not stop words."""
    return frozenset(
        t for t in tokens if t not in STOPWORDS and (len(t) >= 3 or t[0].isdigit() or t[0] == "@")
    )


def numbers_of(tokens: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if t[0].isdigit())


@lru_cache(maxsize=65536)
def is_denial(text: str, cue: str | None = None) -> bool:
    """Whether a claim (or the cue that introduced it) denies something."""
    return bool(DENIAL.search(text) or (cue and DENIAL.search(cue)))


_DENIAL_WORDS = re.compile(
    r"den(?:y|ies|ied|ying|ial)|reject\w*|refut\w*|false\w*|untrue|true|not|fake|baseless|groundless|fabricat\w*|dismiss\w*"
)


def without_denial(tokens: Sequence[str]) -> str:
    """The proposition a denial is about: its tokens without denial words and stop words."""
    return " ".join(t for t in tokens if t not in STOPWORDS and not _DENIAL_WORDS.fullmatch(t))


@dataclass(slots=True)
class Scored:
    """Similarity of a candidate pair of claims."""

    ratio: float  # plain ratio: near-identical wording
    sort_ratio: float  # token-sort ratio: same words in another order
    denial_ratio: float  # token-set ratio with denial words dropped


def score(a: Sequence[str], b: Sequence[str], *, denial: bool = True) -> Scored:
    """Similarities of two token sequences; the denial ratio only when `denial` asks for it."""
    return score_joined(
        " ".join(a), " ".join(b), " ".join(sorted(a)), " ".join(sorted(b)),
        (a, b) if denial else None,
    )  # fmt: skip


def score_joined(
    a: str, b: str, sorted_a: str, sorted_b: str, denial: tuple[Sequence[str], Sequence[str]] | None
) -> Scored:
    """`score` on precomputed strings (tokens joined, and sorted tokens joined)."""
    return Scored(
        ratio=fuzz.ratio(a, b),
        sort_ratio=fuzz.ratio(sorted_a, sorted_b),
        denial_ratio=(
            fuzz.token_set_ratio(without_denial(denial[0]), without_denial(denial[1]))
            if denial
            else 0.0
        ),
    )


def overlapping(a: frozenset[str], b: frozenset[str], share: float = OVERLAP) -> bool:
    """Cheap necessary condition for a fuzzy match: most of the smaller token set is shared."""
    if not a or not b:
        return False
    return len(a & b) >= share * min(len(a), len(b))


def near(a: Sequence[int | None], b: Sequence[int | None], days: int) -> bool:
    """Some day of `a` within `days` of some day of `b`; undated only matches undated."""
    if None in a and None in b:
        return True
    return _near_sorted(
        sorted(x for x in a if x is not None), sorted(x for x in b if x is not None), days
    )


@dataclass
class BlockItem:
    id: int
    days: Sequence[int | None]
    tokens: frozenset[str]
    group: object = None  # only items of one group are compared (e.g. their place set)
    figures: frozenset[object] | None = None  # labelled figures; None when it has none
    # An item meets another only when one of its `visits` is among the other's `posted`
    # kinds (a symmetric relation: see run._block_item); by default every item meets all.
    posted: tuple[object, ...] = (None,)
    visits: tuple[object, ...] = (None,)


def comparable(a: BlockItem, b: BlockItem) -> bool:
    """Whether text similarity can decide anything for the pair (see links.decide).

    Claims naming different places are never linked by text, and two claims that both
    carry labelled figures are judged by their figures (a merge needs the same ones).
    """
    if a.group != b.group or not any(k in b.posted for k in a.visits):
        return False
    return a.figures is None or b.figures is None or a.figures == b.figures


def blocked_pairs(
    items: Sequence[BlockItem], *, days: int, cap: int = BLOCK_CAP
) -> set[tuple[int, int]]:
    """Candidate pairs: one carries one of the other's rarest tokens, said within `days`.

    Postings are kept per token, group, kind and period of `days` days, so a claim
    only meets claims of its group and of the kinds it visits from its own and the
    neighbouring periods; then most of the token set must be shared (``overlapping``)
    before the exact date check (``comparable``, ``overlapping`` and ``near``, inlined:
    this loop meets each candidate of each claim).
    """
    df: dict[str, int] = defaultdict(int)
    for item in items:
        for t in item.tokens:
            df[t] += 1
    postings: dict[tuple[str, object, int | None, int], list[int]] = defaultdict(list)
    buckets: list[set[int | None]] = []
    rare_of: list[list[str]] = []
    # Kinds are numbered: posting keys then compare ints, not sets of numbers.
    kinds: dict[object, int] = {}
    posted = [[kinds.setdefault(k, len(kinds)) for k in item.posted] for item in items]
    visits = [[kinds[k] for k in item.visits if k in kinds] for item in items]
    for pos, item in enumerate(items):
        mine = {None if d is None else d // days for d in item.days}
        buckets.append(mine)
        group = item.group
        rare = [t for t in item.tokens if 2 <= df[t] <= cap]
        for t in rare:
            for b in mine:
                for kind in posted[pos]:
                    postings[(t, group, b, kind)].append(pos)
        rare.sort(key=lambda t: (df[t], t))
        rare_of.append(rare[:BLOCK_TOKENS])
    ids = [item.id for item in items]
    tokens = [item.tokens for item in items]
    sizes = [len(t) for t in tokens]
    figures = [item.figures for item in items]
    dated = [sorted(d for d in item.days if d is not None) for item in items]
    undated = [None in item.days for item in items]
    pairs: set[tuple[int, int]] = set()
    for pos, rare in enumerate(rare_of):
        if not rare:
            continue
        near_buckets = {
            n for b in buckets[pos] for n in ((None,) if b is None else (b - 1, b, b + 1))
        }
        me, my_tokens, my_size, my_figures = ids[pos], tokens[pos], sizes[pos], figures[pos]
        my_days, my_undated = dated[pos], undated[pos]
        group = items[pos].group
        seen = {pos}
        wanted = visits[pos]
        for t in rare:
            for b in near_buckets:
                for kind in wanted:
                    for other in postings.get((t, group, b, kind), ()):
                        if other in seen:
                            continue
                        seen.add(other)
                        them = ids[other]
                        key = (me, them) if me < them else (them, me)
                        if key in pairs:
                            continue
                        theirs = figures[other]
                        if my_figures is not None and theirs is not None and my_figures != theirs:
                            continue  # not comparable
                        if len(my_tokens & tokens[other]) < OVERLAP * min(my_size, sizes[other]):
                            continue
                        if (my_undated and undated[other]) or _near_sorted(
                            my_days, dated[other], days
                        ):
                            pairs.add(key)
    return pairs


def _near_sorted(da: Sequence[int], db: Sequence[int], days: int) -> bool:
    """Some day of `da` within `days` of some day of `db` (both sorted)."""
    i = j = 0
    while i < len(da) and j < len(db):
        if abs(da[i] - db[j]) <= days:
            return True
        if da[i] < db[j]:
            i += 1
        else:
            j += 1
    return False


@dataclass
class MergePlan:
    """Claims to fold into others: dropped id -> surviving id."""

    into: dict[int, int] = field(default_factory=dict)

    def survivor(self, claim_id: int) -> int:
        return self.into.get(claim_id, claim_id)


def plan_merges(
    pairs: Iterable[tuple[int, int]],
    *,
    rejected: set[frozenset[int]],
    pinned: set[int],
    order: Callable[[int], object] = lambda x: x,
) -> MergePlan:
    """Fold mergeable pairs into groups, never across a manual rejection or two reviewed claims.

    Pairs are taken in the order given (the caller puts the surest first).
    """
    groups: UnionFind[int] = UnionFind()
    members: dict[int, set[int]] = {}  # root -> its group, for groups of two or more
    refused: dict[int, set[int]] = defaultdict(set)
    for pair in rejected:
        a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        refused[a].add(b)
        refused[b].add(a)

    for a, b in pairs:
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb:
            continue
        ma, mb = members.get(ra, {ra}), members.get(rb, {rb})
        if refused and any(refused[x] & mb for x in ma if x in refused):
            continue
        if len((ma | mb) & pinned) > 1:
            continue
        groups.union(ra, rb)  # ra stays the root
        members[ra] = ma | mb
        members.pop(rb, None)
    plan = MergePlan()
    for group in members.values():
        chosen = sorted(group & pinned) or sorted(group, key=order)
        keep = chosen[0]
        for x in group:
            if x != keep:
                plan.into[x] = keep
    return plan
