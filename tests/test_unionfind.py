"""Union-find: groups are the connected components of the unions; roots follow `before`."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from factcheck.unionfind import UnionFind

edges = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60)


@given(edges)
def test_groups_are_the_connected_components(pairs):
    uf: UnionFind[int] = UnionFind()
    graph = nx.Graph()
    for a, b in pairs:
        uf.union(a, b)
        graph.add_edge(a, b)
    for component in nx.connected_components(graph):
        assert len({uf.find(x) for x in component}) == 1
    roots = {uf.find(x) for x in graph}
    assert len(roots) == nx.number_connected_components(graph)


@given(edges)
def test_with_before_the_root_is_the_first_member(pairs):
    uf: UnionFind[int] = UnionFind(before=lambda x: -x)  # the largest number comes first
    graph = nx.Graph()
    for a, b in pairs:
        uf.union(a, b)
        graph.add_edge(a, b)
    for component in nx.connected_components(graph):
        assert uf.find(min(component)) == max(component)


def test_membership_and_iteration():
    uf: UnionFind[str] = UnionFind()
    uf.add("a")
    uf.union("b", "c")
    assert "a" in uf and "c" in uf and "z" not in uf
    assert sorted(uf) == ["a", "b", "c"]
    assert uf.find("c") == "b"  # without `before`, the first argument's root stays root
