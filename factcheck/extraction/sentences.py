"""Sentence splitting that knows abbreviations, closing quotes and paragraph breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of text with absolute character offsets (``end`` exclusive)."""

    text: str
    start: int
    end: int


# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
        "maj", "adm", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "hon",
        "fig", "approx", "est", "dept", "univ", "ave", "blvd", "mt", "ft", "brig", "cmdr",
        "supt", "insp", "det", "cpl", "pte", "messrs", "mme", "mlle", "al", "cf", "ie", "eg",
        "i.e", "e.g", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u",
    }
)  # fmt: skip

# Abbreviations that close a name rather than open one ("Kidder, Peabody & Co.", "Apple
# Inc.", "Martin Luther King Jr."): a sentence may end on them, as on a dotted acronym.
_NAME_ENDINGS = frozenset({"inc", "corp", "co", "ltd", "jr", "sr", "etc"})

# After a dotted acronym ("U.S.") or a name ending ("Co.") only these words make the full
# stop a sentence end.
_SENTENCE_STARTERS = frozenset(
    {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at",
        "this", "that", "these", "those", "there", "his", "her", "their", "its", "our", "as",
        "after", "before", "meanwhile", "however", "earlier", "later", "while", "when", "if",
        "some", "many", "officials", "one", "no", "yet", "so", "still", "since",
    }
)  # fmt: skip

# A run of terminal punctuation plus closing quotes/brackets, then whitespace; or a newline.
# (Written to start with one character class, which the regex engine scans for quickly.)
# A run of newlines is one candidate: masked regions are long runs of them.
_CANDIDATE_RE = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])[.!?…]*[\"”’'»)\]]*(?=[ \t\u00a0]+\S))"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]{0,9})$")
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([\"“‘'(\[]?)(\S)([A-Za-z]*)")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct = m.group()
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if nxt is None:
        return False
    first = nxt.group(2)
    if first.islower():
        return False
    if punct[0] != "." or punct.startswith(".."):
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 10), m.start())
    if before is None:
        return True
    word = before.group(1)
    low = word.lower()
    if "." in word and _ACRONYM_RE.search(word):  # an acronym has a stop inside
        return (first + nxt.group(3)).lower() in _SENTENCE_STARTERS
    if low in _ABBREVIATIONS and len(punct) == 1:
        return low in _NAME_ENDINGS and (first + nxt.group(3)).lower() in _SENTENCE_STARTERS
    if low == "no" and first.isdigit():
        return False
    # A lone capital initial ("J. Smith") is part of a name, but not the platform in
    # "said in a post on X." or "via X.".
    if len(word) == 1 and word.isupper() and m.start() - 1 == before.start():
        return word == "X" and text[max(0, before.start() - 4) : before.start()] in (" on ", "via ")
    return True


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trimmed of whitespace; newlines are hard breaks."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE_RE.finditer(text):
        a = m.start()
        if text[a] == "\n":
            end, nxt = a, m.end()
        elif _is_boundary(text, m):
            end = nxt = m.end()
        else:
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
        start = nxt
    end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))
    return out


def split_sentences(text: str, *, base: int = 0) -> list[Span]:
    """Split ``text`` into sentences; every newline is a hard break. Offsets are ``base`` + index."""
    return [Span(text[a:b], base + a, base + b) for a, b in sentence_bounds(text)]
