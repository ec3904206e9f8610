"""Disjoint sets (union-find with path compression), used for copy clusters and origin groups."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Items joined into groups; each group is named by one member, its root.

    With `before`, the root of a union is the member that comes first by that key
    (copy clusters are rooted at their earliest document); otherwise the first
    argument's root stays root.
    """

    def __init__(self, before: Callable[[T], object] | None = None) -> None:
        self._parent: dict[T, T] = {}
        self._before = before

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def __iter__(self) -> Iterator[T]:
        return iter(self._parent)

    def add(self, item: T) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        """The root of `item`'s group (a new item is a group of its own)."""
        parent = self._parent
        parent.setdefault(item, item)
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._before is not None and self._before(rb) < self._before(ra):  # type: ignore[operator]
            ra, rb = rb, ra
        self._parent[rb] = ra
