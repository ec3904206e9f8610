"""Intervals implied by figures, and whether two of them agree."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol


class _HasInterval(Protocol):
    @property
    def interval(self) -> Interval: ...


@dataclass(frozen=True)
class Interval:
    """A span of values; None is unbounded on that side, open ends exclude the bound."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    @property
    def is_empty(self) -> bool:
        """True when no value lies inside (e.g. "fewer than 0", or low above high)."""
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (self.low == self.high and (self.low_open or self.high_open))

    def contains(self, x: float) -> bool:
        """Whether x lies inside, respecting open ends."""
        if self.low is not None and (x < self.low or (x == self.low and self.low_open)):
            return False
        return not (
            self.high is not None and (x > self.high or (x == self.high and self.high_open))
        )

    def overlaps(self, other: Interval | _HasInterval) -> bool:
        """Whether some value lies in both; symmetric, and False when either is empty."""
        b = as_interval(other)
        lo, lo_open = _tighter_low(self, b)
        hi, hi_open = _tighter_high(self, b)
        if lo < hi:
            return True
        return lo == hi and not lo_open and not hi_open and not math.isinf(lo)

    def __add__(self, other: Interval | _HasInterval) -> Interval:
        """Sum of intervals: the 25 injured in one city plus 9 in another."""
        if not isinstance(other, Interval) and not hasattr(other, "interval"):
            return NotImplemented
        b = as_interval(other)
        low = None if self.low is None or b.low is None else self.low + b.low
        high = None if self.high is None or b.high is None else self.high + b.high
        return Interval(
            low,
            high,
            low_open=low is not None and (self.low_open or b.low_open),
            high_open=high is not None and (self.high_open or b.high_open),
        )

    def __radd__(self, other: object) -> Interval:
        # Lets sum() start from its default 0.
        if other == 0:
            return self
        return NotImplemented


def as_interval(x: Interval | _HasInterval) -> Interval:
    """The interval of a Figure, or the Interval itself."""
    if isinstance(x, Interval):
        return x
    return x.interval


def _tighter_low(a: Interval, b: Interval) -> tuple[float, bool]:
    a_low = -math.inf if a.low is None else a.low
    b_low = -math.inf if b.low is None else b.low
    if a_low > b_low:
        return a_low, a.low_open and a.low is not None
    if b_low > a_low:
        return b_low, b.low_open and b.low is not None
    return a_low, (a.low_open and a.low is not None) or (b.low_open and b.low is not None)


def _tighter_high(a: Interval, b: Interval) -> tuple[float, bool]:
    a_high = math.inf if a.high is None else a.high
    b_high = math.inf if b.high is None else b.high
    if a_high < b_high:
        return a_high, a.high_open and a.high is not None
    if b_high < a_high:
        return b_high, b.high_open and b.high is not None
    return a_high, (a.high_open and a.high is not None) or (b.high_open and b.high is not None)


def agree(a: Interval | _HasInterval, b: Interval | _HasInterval) -> bool:
    """Two figures (or intervals) agree when their intervals overlap."""
    return as_interval(a).overlaps(as_interval(b))


def conflict(a: Interval | _HasInterval, b: Interval | _HasInterval) -> bool:
    """Two figures (or intervals) conflict when their intervals do not overlap."""
    return not agree(a, b)
