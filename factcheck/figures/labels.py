"""What a figure counts: normalising counted nouns and outcomes, and keys to compare them by."""

from __future__ import annotations

import re

KILLED = "killed"
INJURED = "injured"
DESTROYED = "destroyed"

# Words that name an outcome, folded to one of the three outcomes above.
OUTCOME_WORDS: dict[str, str] = {
    "killed": KILLED,
    "kill": KILLED,
    "kills": KILLED,
    "killing": KILLED,
    "dead": KILLED,
    "died": KILLED,
    "death": KILLED,
    "deaths": KILLED,
    "fatalities": KILLED,
    "fatality": KILLED,
    "injured": INJURED,
    "injure": INJURED,
    "injures": INJURED,
    "injuring": INJURED,
    "injury": INJURED,
    "injuries": INJURED,
    "wounded": INJURED,
    "wound": INJURED,
    "wounds": INJURED,
    "wounding": INJURED,
    "hurt": INJURED,
    "hurting": INJURED,
    "destroyed": DESTROYED,
    "destroy": DESTROYED,
    "destroys": DESTROYED,
    "destroying": DESTROYED,
    "downed": DESTROYED,
    "downing": DESTROYED,
    "intercepted": DESTROYED,
    "intercept": DESTROYED,
    "intercepts": DESTROYED,
    "intercepting": DESTROYED,
    "neutralised": DESTROYED,
    "neutralized": DESTROYED,
    "neutralising": DESTROYED,
    "neutralizing": DESTROYED,
    "neutralise": DESTROYED,
    "neutralize": DESTROYED,
    "neutralises": DESTROYED,
    "neutralizes": DESTROYED,
}
CASUALTY_OUTCOMES = frozenset({KILLED, INJURED})

# Words that stand for a count of casualties when they take the place of the counted noun:
# "34 injured", "one dead", "12 deaths".
CASUALTY_NOUNS: frozenset[str] = frozenset(
    {
        "killed",
        "dead",
        "died",
        "deaths",
        "death",
        "fatalities",
        "injured",
        "wounded",
        "hurt",
        "injuries",
    }
)

TROOP_WORDS: frozenset[str] = frozenset(
    {
        "troop",
        "troops",
        "soldier",
        "soldiers",
        "serviceman",
        "servicemen",
        "servicemember",
        "servicemembers",
        "personnel",
    }
)
TROOPS = "troops"

# Nouns that say only "people": with a casualty outcome the outcome alone is the label.
GENERIC_PEOPLE: frozenset[str] = frozenset(
    {
        "people",
        "persons",
        "person",
        "others",
        "civilians",
        "civilian",
        "residents",
        "resident",
        "individuals",
        "individual",
        "man",
        "men",
        "woman",
        "women",
    }
)

# Plural nouns that do not end in "s", and nouns whose plural is the singular.
IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "servicemen": "serviceman",
    "policemen": "policeman",
    "aircraft": "aircraft",
    "personnel": "personnel",
    "police": "police",
    "staff": "staff",
    "livestock": "livestock",
    "cattle": "cattle",
    "sheep": "sheep",
    "fish": "fish",
}
# Count nouns whose plural is the singular; they often modify another noun ("aircraft carriers").
INVARIANT_PLURALS: frozenset[str] = frozenset(w for w, sg in IRREGULAR_PLURALS.items() if w == sg)

SPELLING: dict[str, str] = {
    "armored": "armoured",
    "defense": "defence",
    "defenses": "defences",
    "kilometer": "kilometre",
    "kilometers": "kilometres",
    "meter": "metre",
    "meters": "metres",
    "neutralized": "neutralised",
}

_KEY_TOKEN_RE = re.compile(r"[a-z0-9%]+")
_KEY_PHRASES = (
    (re.compile(r"\bdeath tolls?\b"), " killed "),
    (re.compile(r"\b(?:shot|brought) down\b"), " destroyed "),
    (re.compile(r"\bservice ?members?\b"), " troops "),
    (re.compile(r"\bper ?cent\b"), " % "),
)
_KEY_DROP = frozenset({"the", "a", "an", "of"})


def _generic_keys() -> frozenset[str]:
    return frozenset(singular(w) for w in GENERIC_PEOPLE) | {"other"}


def is_plural(word: str) -> bool:
    """Whether a lowercase noun looks plural ("drones", "people", "aircraft")."""
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def singular(word: str) -> str:
    """Singular of a lowercase noun, by rule: "drones" -> "drone", "casualties" -> "casualty"."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if not is_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zzes", "sses")):
        return word[:-2]
    return word[:-1]


def outcome_of(word: str) -> str | None:
    """The folded outcome a word names ("wounded" -> "injured"), or None."""
    return OUTCOME_WORDS.get(word.lower())


def noun_label(words: list[str]) -> tuple[str | None, bool]:
    """Normalise a counted noun phrase (lowercase words); returns (label, says only "people")."""
    if not words:
        return None, False
    words = [SPELLING.get(w, w) for w in words]
    head = words[-1]
    if head in TROOP_WORDS:
        return TROOPS, False
    if head in GENERIC_PEOPLE:
        return " ".join(words), True
    return " ".join(words), False


def compose_label(noun: str | None, generic: bool, outcome: str | None) -> str | None:
    """Label from counted noun and outcome: "drones destroyed", "troops killed", "injured"."""
    if outcome is None:
        return noun
    if noun is None or (generic and outcome in CASUALTY_OUTCOMES):
        return outcome
    return f"{noun} {outcome}"


def label_key(label: str) -> str:
    """Canonical key for comparing labels across reports.

    Lowercases, folds spelling variants, troop synonyms ("soldiers", "personnel" -> "troop"),
    plurals ("drones" -> "drone") and outcomes ("dead", "death toll" -> "killed"; "wounded" ->
    "injured"; "shot down" -> "destroyed"), puts outcomes last, and drops "people"-like nouns
    when an outcome says who they are: "people killed" and "deaths" both give "killed".
    """
    text = " " + label.lower().replace("’", "'") + " "
    for pattern, replacement in _KEY_PHRASES:
        text = pattern.sub(replacement, text)
    nouns: list[str] = []
    outcomes: list[str] = []
    for token in _KEY_TOKEN_RE.findall(text):
        if token in _KEY_DROP:
            continue
        outcome = OUTCOME_WORDS.get(token)
        if outcome is not None:
            if outcome not in outcomes:
                outcomes.append(outcome)
            continue
        token = SPELLING.get(token, token)
        if token in TROOP_WORDS:
            token = "troop"
        nouns.append(singular(token))
    if outcomes:
        nouns = [n for n in nouns if n not in _GENERIC_KEYS]
    return " ".join(nouns + outcomes)


_GENERIC_KEYS = _generic_keys()
