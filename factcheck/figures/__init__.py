"""Figures in claims: numbers with their qualifier, interval, unit and what they count.

Decisions worth knowing (DESIGN.md §3 gives the interval rules):

- Intervals: exact x -> [x, x]; "at least" -> [x, inf); "more than"/"over" -> (x, inf);
  "up to"/"as many as" -> [0, x]; "about"/"around"/"some"/"roughly" -> [0.9x, 1.1x];
  "near"/"nearly"/"almost" -> [0.97x, x]; "fewer than"/"under" -> [0, x); ranges -> [a, b].
  Unbounded ends are None, so a figure serialises to JSON without infinities.
- Ranges and vague spans: `value` is the low end (the number stated first), the interval holds
  both ends. "hundreds of" -> [200, 1000), "dozens of" -> [24, 100), "thousands of" ->
  [2000, 1e6), "tens of thousands" -> [20000, 100000), "several hundred" -> [300, 1000),
  "a few thousand" -> [2000, 10000); all with qualifier "range".
- Round numbers are taken as stated: "1.5 million" is exact [1.5e6, 1.5e6].
- "one" counts only with a counted noun, a casualty word or a qualifier ("one person", "one
  dead", "at least one"); "one of the airports", "no one", "one day", "the one" are not figures.
  Other partitives ("five of the injured") are figures without a label: they count part of a
  whole named elsewhere and must not be compared with the whole.
- Compound modifiers with a known unit keep the unit and get no label ("12-storey building" ->
  12 storey, "25 minute call" -> 25 minute); other hyphenated modifiers ("a three-point plan")
  are not figures. Durations and distances ("24 hours", "30 km") likewise carry a unit, no label.
- Labels: the counted noun, lowercased, nationalities and names dropped ("North Korean troops"
  -> "troops"); soldiers/servicemen/personnel -> "troops". An outcome found around the figure is
  appended ("94 drones had been destroyed", "shot down four drones" -> "drones destroyed";
  "1,580 soldiers killed" -> "troops killed"); when the noun only says "people" (people, persons,
  others, civilians, residents) the casualty outcome alone is the label ("injuring at least 25
  people" -> "injured"). "45 more"/"another 45" repeat the label of the figure before.
- Definite references ("the two leaders"), years, dates, clock times, ordinals, designations
  ("Article 5"), numbers glued to letters and timestamps on their own line are not figures.
"""

from .intervals import Interval, agree, conflict
from .labels import label_key
from .numbers import parse_number
from .parse import Figure, parse_figures

__all__ = [
    "Figure",
    "Interval",
    "agree",
    "conflict",
    "label_key",
    "parse_figures",
    "parse_number",
]
