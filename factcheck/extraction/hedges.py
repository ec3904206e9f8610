"""Hedge words ("reportedly", "alleged", "claims") and a cheap test for counted figures.

Both are driven by the document's tokens (see ``extract._Doc._scan``): a regex
alternation tried at every character is far slower than a set look-up per token.
"""

from __future__ import annotations

from typing import Any

HEDGE_WORDS = frozenset(
    {
        "reportedly", "allegedly", "alleged", "purportedly", "purported", "supposedly", "reputedly",
        "unconfirmed", "unverified", "rumoured", "rumored", "claim", "claims", "claimed", "claiming",
    }
)  # fmt: skip
STRONG_HEDGE_WORDS = frozenset(
    {"reportedly", "allegedly", "alleged", "purportedly", "purported", "supposedly", "unconfirmed"}
)
PASSIVE_HEDGE_VERBS = frozenset(
    {
        "said",
        "believed",
        "thought",
        "understood",
        "reported",
        "alleged",
        "rumoured",
        "rumored",
        "suspected",
        "claimed",
    }
)
STRONG_PASSIVE_VERBS = frozenset(
    {"said", "believed", "thought", "reported", "alleged", "rumoured", "rumored"}
)
BE_FORMS = frozenset({"is", "are", "was", "were", "been", "being"})
NUMBER_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "billions", "dozen", "dozens", "single",
    }
)  # fmt: skip
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "dozen"})
_COUNT_SKIP = frozenset({"more", "other", "additional", "new"})
_NOT_COUNTED = frozenset(
    {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "decade", "decades", "century",
        "centuries", "am", "pm", "gmt", "utc", "bst", "cet", "est", "edt", "pst", "of", "to",
        "and", "or", "per", "in", "on", "at", "from", "by", "for", "the", "a", "time", "times",
        "storey", "story", "floor", "floors", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "another",
    }
)  # fmt: skip


def figure_at(tk: Any, text: str, i: int) -> bool:
    """Whether token ``i`` starts a counted figure ("94 drones", "at least one person").

    A number (not a year, not glued to other characters), an optional scale word, then
    a lower-case counted word on the same line that is not a unit of time or a function
    word. ``tk`` is a ``speakers.Tokens``.
    """
    t = tk.t[i]
    low = tk.low
    if t[:1].isdigit():
        if not (t.replace(",", "").replace(".", "").isdigit()):
            return False  # 8am, 1.50pm, 07:45
        if len(t) == 4 and t[:2] in ("19", "20") and t.isdigit():
            return False
        a = tk.s[i]
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.,:/-"):
            return False
    elif (
        low[i] == "single"
        and not (i > 0 and low[i - 1] == "a")
        or t[:1].isupper()
        and i > 0
        and not text[tk.s[i] - 1 : tk.s[i]].isspace()
    ):
        return False
    n = tk.n
    j = i + 1
    if j < n and low[j] in _SCALE_WORDS:
        j += 1
    if j < n and low[j] in _COUNT_SKIP:
        j += 1
    if j >= n:
        return False
    if "\n" in text[tk.e[j - 1] : tk.s[j]] or tk.e[j - 1] == tk.s[j]:
        return False
    nxt = tk.t[j]
    return nxt[:1].islower() and nxt[:1].isalpha() and low[j] not in _NOT_COUNTED and len(nxt) > 1
