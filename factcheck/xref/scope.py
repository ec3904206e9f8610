"""Scope of a claim or figure: the places it is about and the days it was said on.

Two figures are only compared when they count the same thing (label) in the
same scope. Scope here is deliberately conservative:

- **place**: the set of places named in the sentence. With several figures in
  one sentence each place goes to the nearest figure ("25 injured in Kharkiv
  and 9 in Odesa"), so each figure gets its own place set. Places come from
  the gazetteer (cities, regions, capitals after "in"/"near"…) and from other
  capitalised names the gazetteer does not know as anything else (not a
  country, demonym, organisation, person or outlet; not the first word of the
  sentence; not an institution word). Two scopes match only when the place
  sets are equal (both empty counts as equal): an unknown name makes the
  scope narrower, never wider.
- **date**: the day the statement was made (``said_at``), else the day the
  document was published. Dated figures are comparable within
  ``FIGURE_WINDOW_DAYS`` (agreement) and ``CONFLICT_WINDOW_DAYS``
  (contradiction); undated ones only with undated ones.
- **event**: no separate event key is extracted; label + place + date window
  stands in for it. Different places or dates are never a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from factcheck.sources.names import ORG_WORDS, TITLES, name_key

FIGURE_WINDOW_DAYS = 3  # a count of the same thing in the same place, said within 3 days
CONFLICT_WINDOW_DAYS = 1  # ...but conflicting counts only contradict when a day apart at most
UPDATE_WINDOW_DAYS = 14  # a running tally from one origin is reported at least every two weeks
FUZZY_WINDOW_DAYS = 14  # paraphrases of one proposition are looked for within two weeks

_PREPOSITION = r"(?i:in|near|outside|around|across|over|at)"
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:and|while|but|whereas)\b")
_REGION_WORDS = frozenset({"region", "oblast", "province", "district", "city", "area"})
# A run of capitalised words ("Nova Kakhovka", "Saltivskyi"), possibly hyphenated.
_PROPER = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*\w(?:\s+[A-Z][\w'’-]*\w)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


# Capitalised words that do not name a place.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_PLACES = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday the a an his her their its this that
    these those i we he she they it mr mrs ms dr telegram x facebook twitter youtube instagram
    english war god christmas easter covid internet parliament government army navy"""
)
_NOT_PLACE_WORDS = (
    frozenset(ORG_WORDS) | frozenset(w for t in TITLES for w in t.split()) | _NOT_PLACES
)


def _place_key(name: str) -> str:
    words = [w for w in name_key(name).split() if w not in _REGION_WORDS]
    return " ".join(words)


# A capital names a place after a preposition ("in Kyiv", "drones headed for Moscow");
# as a subject it names the government ("Kyiv said").
_BEFORE_CAPITAL = re.compile(
    r"\b(?i:in|near|outside|around|across|over|at|for|to|towards?|on|from|into|of)\s+(?:the\s+)?$"
)
_SUBNATIONAL = frozenset({"city", "region", "capital"})


def _mentions(text: str) -> list:  # type: ignore[type-arg]
    try:
        from factcheck.sources.gazetteer import find_mentions
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return []
    return find_mentions(text, with_unsided=True)


@lru_cache(maxsize=65536)
def places_at(text: str) -> tuple[tuple[int, str], ...]:
    """Places named in a sentence as (offset, key), in order of appearance.

    Cities and regions the gazetteer knows, capitals after a preposition ("in Kyiv";
    "Kyiv said" means the government), and capitalised names the gazetteer does not
    know as anything else (a country, a demonym, an organisation, a person, an outlet)
    unless they start the sentence or are institution words ("Ministry of Defence").
    Countries are left out: they name the parties more often than where something happened.
    """
    found: list[tuple[int, str]] = []
    known: list[tuple[int, int]] = []
    for m in _mentions(text):
        known.append((m.start, m.end))
        place = m.place
        if place is None or place.kind not in _SUBNATIONAL:
            continue
        if place.kind == "capital" and not _BEFORE_CAPITAL.search(
            text, max(0, m.start - 20), m.start
        ):
            continue
        found.append((m.start, _place_key(place.name)))
    for m in _PROPER.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in known):
            continue
        if _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()):
            continue
        words = m.group().split()
        if any(w.casefold().strip("'’") in _NOT_PLACE_WORDS or w.isupper() for w in words):
            continue  # institution words, titles, months; acronyms (KAB, HIMARS) are things
        key = _place_key(m.group())
        if key:
            found.append((m.start(), key))
    seen: set[str] = set()
    out = []
    for offset, key in sorted(found):
        if key not in seen:
            seen.add(key)
            out.append((offset, key))
    return tuple(out)


def places_in(text: str) -> frozenset[str]:
    """The set of place keys a sentence names."""
    return frozenset(key for _, key in places_at(text))


def scope_key(places: frozenset[str] | set[str]) -> str | None:
    """Stored form of a place set: sorted keys joined by '+', None when there are none."""
    if not places:
        return None
    if type(places) is not frozenset:
        return "+".join(sorted(places))
    got = _SCOPE_KEYS.get(places)
    if got is None:
        got = _SCOPE_KEYS[places] = "+".join(sorted(places))
    return got


_SCOPE_KEYS: dict[frozenset[str], str] = {}  # place sets are few and asked for often


def parse_scope(scope: str | None) -> frozenset[str]:
    return frozenset(scope.split("+")) if scope else frozenset()


def figure_places(
    text: str,
    figure_texts: Sequence[str | None],
    places: tuple[tuple[int, str], ...] | None = None,
    labelled: Sequence[bool] | None = None,
) -> list[frozenset[str]]:
    """Place set of each figure of a sentence (see `_figure_places`).

    `places` are the sentence's places if already known; `labelled` says which figures
    count something (only those get places: "a 12-storey building" is not about a place).
    """
    flags = tuple(labelled) if labelled is not None else (True,) * len(figure_texts)
    return list(_figure_places(text, tuple(figure_texts), places, flags))


@lru_cache(maxsize=65536)
def _figure_places(
    text: str,
    figure_texts: tuple[str | None, ...],
    places: tuple[tuple[int, str], ...] | None,
    labelled: tuple[bool, ...],
) -> tuple[frozenset[str], ...]:
    """Place set of each figure of a sentence: every place goes to the nearest labelled figure.

    The only labelled figure of a sentence gets all its places.
    """
    if places is None:
        places = places_at(text)
    everywhere = frozenset(key for _, key in places)
    counted = [i for i, flag in enumerate(labelled) if flag]
    out = [frozenset[str]()] * len(figure_texts)
    if len(counted) == 1:
        out[counted[0]] = everywhere
        return tuple(out)
    located = []
    cursor = 0
    for i, ftext in enumerate(figure_texts):
        pos = text.find(ftext, cursor) if ftext else -1
        if pos < 0 and ftext:
            pos = text.find(ftext)
        if pos >= 0 and ftext:
            cursor = pos + len(ftext)
            if labelled[i]:
                located.append((pos, i))
    if not located:
        return tuple(everywhere if labelled[i] else frozenset() for i in range(len(figure_texts)))
    located.sort()
    assigned: list[set[str]] = [set() for _ in figure_texts]
    for offset, key in places:
        before = [pi for pi in located if pi[0] <= offset]
        after = [pi for pi in located if pi[0] > offset]
        # A place belongs to the count before it ("9 injured in Odesa") unless a clause
        # break separates them and the count after it is in its own clause ("and in Odesa, 9").
        if before and (
            not after
            or not _CLAUSE_BREAK.search(text, before[-1][0], offset)
            or _CLAUSE_BREAK.search(text, offset, after[0][0])
        ):
            assigned[before[-1][1]].add(key)
        else:
            assigned[after[0][1]].add(key)
    return tuple(frozenset(a) for a in assigned)


def day_number(said_at: date | None, published: datetime | date | None) -> int | None:
    """Day of a statement as an ordinal (said_at first, else publication day), or None."""
    if said_at is not None:
        return said_at.toordinal()
    if published is not None:
        return (published.date() if isinstance(published, datetime) else published).toordinal()
    return None


def within(a: int | None, b: int | None, days: int) -> bool:
    """Both undated, or both dated and at most `days` apart."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= days
