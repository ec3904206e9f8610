"""Hedge words ("reportedly", "alleged", "claims") and a cheap test for contested figures.

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
_QUALIFIER_WORDS = frozenset(
    {"least", "than", "to", "about", "around", "nearly", "almost", "some", "over", "another"}
)
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


# What the outlet may count on its own authority only with a source: figures in contested
# matters. Money, percentages, prices, rates and market figures are not on these lists, so a
# business story's "revenue rose 3% to $4.9 billion" is not an unattributed claim.
CONTESTED_NOUNS = frozenset(
    {
        # casualties and captives
        "dead", "killed", "deaths", "death", "fatalities", "casualties", "injured", "wounded",
        "injuries", "victims", "bodies", "hostages", "prisoners", "detainees", "captives",
        "missing", "survivors",
        # forces and weapons
        "troops", "soldiers", "servicemen", "personnel", "fighters", "militants", "combatants",
        "mercenaries", "sailors", "marines", "conscripts", "recruits", "insurgents", "rebels",
        "tanks", "drones", "missiles", "rockets", "shells", "bombs", "warheads", "warplanes",
        "helicopters", "warships", "artillery", "munitions", "weapons", "guns", "launchers",
        "airstrikes", "strikes", "attacks", "explosions", "shots", "armoured", "armored",
        # arrests and displacement
        "arrests", "arrested", "detained", "detentions", "refugees", "migrants",
        "displaced", "evacuees", "evacuated", "deportations", "deported", "protesters",
        "demonstrators",
        # votes
        "votes", "ballots", "signatures",
        "drone", "missile", "rocket", "shell", "bomb", "tank", "soldier", "troop",
    }
)  # fmt: skip
# Nouns that only say "people": contested when the sentence says what happened to them.
PEOPLE_NOUNS = frozenset(
    {
        "people", "person", "persons", "civilians", "civilian", "children", "child", "residents",
        "men", "women", "others", "individuals", "adults", "minors", "students", "workers",
    }
)  # fmt: skip
HARM_WORDS = frozenset(
    {
        "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "injured",
        "injuring", "wounded", "wounding", "hurt", "displaced", "fled", "flee", "evacuated",
        "arrested", "detained", "missing", "captured", "kidnapped", "abducted", "deported",
        "executed", "trapped", "rescued", "hospitalised", "hospitalized", "murdered",
        "massacred", "shot",
    }
)  # fmt: skip


def figure_at(tk: Any, text: str, i: int) -> int:
    """What token ``i`` counts, when it starts a figure about a contested matter.

    Returns 2 for a contested count ("94 drones", "1,580 troops"), 1 for a count of
    people that is contested only if the sentence says what happened to them ("at least
    one person"), 0 otherwise. A number (not a year, not glued to other characters), an
    optional scale word, then the counted word, within three words on the same line.
    ``tk`` is a ``speakers.Tokens``.
    """
    t = tk.t[i]
    low = tk.low
    if t[:1].isdigit():
        if not (t.replace(",", "").replace(".", "").isdigit()):
            return 0  # 8am, 1.50pm, 07:45
        if len(t) == 4 and t[:2] in ("19", "20") and t.isdigit():
            return 0
        a = tk.s[i]
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.,:/-$€£"):
            return 0
    elif (
        low[i] == "single"
        and not (i > 0 and low[i - 1] == "a")
        or t[:1].isupper()
        and i > 0
        and not text[tk.s[i] - 1 : tk.s[i]].isspace()
    ):
        return 0
    n = tk.n
    j = i + 1
    if j < n and low[j] in _SCALE_WORDS:
        j += 1
    if j < n and low[j] in _COUNT_SKIP:
        j += 1
    if j >= n:
        return 0
    if "\n" in text[tk.e[j - 1] : tk.s[j]] or tk.e[j - 1] == tk.s[j]:
        return 0
    if i > 0 and (
        low[i - 1] in HARM_WORDS
        or (i > 1 and low[i - 2] in HARM_WORDS and low[i - 1] in _QUALIFIER_WORDS)
        or (i > 2 and low[i - 3] in HARM_WORDS and low[i - 1] in _QUALIFIER_WORDS)
    ):
        return 2  # "killing at least 16", "injured 34"
    # "34 Ukrainian soldiers", "two armoured vehicles": the noun may follow a modifier or two.
    for k in range(j, min(n, j + 3)):
        lk = low[k]
        if lk in CONTESTED_NOUNS:
            return 2
        if lk in PEOPLE_NOUNS:
            return 1
        if not tk.t[k][:1].isalpha() or lk in _NOT_COUNTED:
            return 0
    return 0
