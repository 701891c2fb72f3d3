"""Settled, deterministic positions and communities for the HTML explorer, computed with networkx.

The layout is a function of the graph alone (nodes and edges are sorted before anything runs,
every random step has a fixed seed), so ``build --html`` and ``convert`` draw the same picture.
It stays fast on thousands of actors by working in pieces:

- communities come from networkx's Louvain method (fixed seed);
- each connected component is laid out on its own, then the components are packed in rows,
  the biggest first; actors with no relation go in a grid below (the page hides them by default);
- a small component gets one ``spring_layout``; a big one is laid out as its communities: the graph
  of communities gets a ``spring_layout``, each community gets its own, scaled to its size, and
  overlapping communities are pushed apart.
"""

from __future__ import annotations

__all__ = ["GraphLayout", "communities", "graph_layout"]

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

SEED = 7
#: components up to this size get one spring layout; bigger ones are laid out community by community
_DIRECT = 300
#: room per node: a piece of n nodes takes a disc of radius ``_SPACING * sqrt(n)``
_SPACING = 10.0


@dataclass(frozen=True, slots=True)
class GraphLayout:
    """Where each node is drawn and which community it is in (0 = the biggest)."""

    positions: dict[str, tuple[float, float]]
    community: dict[str, int]


def _simple_graph(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> nx.Graph:
    """An undirected graph with sorted nodes and edges; parallel edges become a ``weight``."""
    weights: dict[tuple[int, int], int] = {}
    for a, b in edges:
        if a != b:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0) + 1
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(nodes)))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    return graph


def communities(graph: nx.Graph) -> list[list[Any]]:
    """Louvain communities (fixed seed) of a graph with sorted nodes, biggest first, each sorted.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")])
    >>> communities(g)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if graph.number_of_edges() == 0:
        return [[n] for n in sorted(graph.nodes)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _normalised(pos: dict[Hashable, np.ndarray], radius: float) -> dict[Hashable, np.ndarray]:
    """``pos`` centred on the origin and scaled into a disc of ``radius``."""
    if not pos:
        return {}
    keys = list(pos)
    array = np.array([pos[k] for k in keys], dtype=float)
    array -= array.mean(axis=0)
    extent = float(np.sqrt((array**2).sum(axis=1)).max())
    if extent > 0:
        array *= radius / extent
    return {k: array[i] for i, k in enumerate(keys)}


def _spring(graph: nx.Graph, radius: float) -> dict[Hashable, np.ndarray]:
    count = graph.number_of_nodes()
    if count == 1:
        return {next(iter(graph.nodes)): np.zeros(2)}
    if count == 2:
        a, b = sorted(graph.nodes)
        return {a: np.array([-radius, 0.0]), b: np.array([radius, 0.0])}
    iterations = 50 if count <= 100 else 30
    pos = nx.spring_layout(graph, seed=SEED, iterations=iterations, weight=None)
    return _normalised(pos, radius)


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push overlapping discs apart (a few rounds of pairwise moves, all pairs at once)."""
    centres = centres.copy()
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2))
        overlap = (radii[:, None] + radii[None, :]) * 1.05 - distance
        np.fill_diagonal(overlap, 0.0)
        if (overlap <= 0).all():
            break
        push = np.where(overlap > 0, overlap / np.maximum(distance, 1e-9) / 2, 0.0)
        centres += (delta * push[:, :, None]).sum(axis=1) * 0.5
    return centres


def _by_communities(graph: nx.Graph, groups: Sequence[list[int]]) -> dict[Hashable, np.ndarray]:
    """A big component: communities placed by a spring layout of the community graph, then filled in."""
    which = {node: i for i, group in enumerate(groups) for node in group}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for a, b, weight in graph.edges(data="weight", default=1):
        ca, cb = which[a], which[b]
        if ca != cb:
            previous = between.get_edge_data(ca, cb, {"weight": 0})["weight"]
            between.add_edge(ca, cb, weight=previous + weight)
    radii = np.array([_SPACING * math.sqrt(len(g)) for g in groups])
    span = _SPACING * math.sqrt(graph.number_of_nodes()) * 1.3
    if len(groups) == 1:
        centres = np.zeros((1, 2))
    else:
        placed = nx.spring_layout(between, seed=SEED, iterations=80, weight="weight")
        centres = np.array([placed[i] for i in range(len(groups))], dtype=float) * span
    centres = _separate(centres, radii)
    positions: dict[Hashable, np.ndarray] = {}
    for i, group in enumerate(groups):
        inner = _spring(graph.subgraph(group), radii[i] * 0.9)
        for node, xy in inner.items():
            positions[node] = xy + centres[i]
    return positions


def _component_layout(graph: nx.Graph, groups: Sequence[list[int]]) -> dict[Hashable, np.ndarray]:
    count = graph.number_of_nodes()
    radius = _SPACING * math.sqrt(count)
    if count <= _DIRECT or len(groups) < 2:
        return _spring(graph, radius)
    return _normalised(_by_communities(graph, groups), radius)


def _pack(pieces: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Place laid-out pieces (biggest first) in rows, left to right, top to bottom."""
    boxes = []
    for piece in pieces:
        array = np.array(list(piece.values()))
        low, high = array.min(axis=0), array.max(axis=0)
        boxes.append((low, high - low + 2 * _SPACING))
    total = sum(float(size[0] * size[1]) for _, size in boxes)
    width = max(math.sqrt(total) * 1.2, float(boxes[0][1][0]) if boxes else 0.0)
    result: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for piece, (low, size) in zip(pieces, boxes, strict=True):
        if x > 0 and x + size[0] > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offset = np.array([x, y]) - low + _SPACING
        for node, xy in piece.items():
            px, py = xy + offset
            result[node] = (round(float(px), 2), round(float(py), 2))
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return result


def graph_layout(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> GraphLayout:
    """Positions and communities of ``nodes`` linked by ``edges`` (direction and order do not matter).

    >>> out = graph_layout(["c", "a", "b", "z"], [("b", "a"), ("a", "c")])
    >>> sorted(out.positions) == ["a", "b", "c", "z"] and out.community["a"] == out.community["b"]
    True
    >>> graph_layout(["a", "b", "c", "z"], [("a", "c"), ("a", "b")]) == out
    True
    """
    names = sorted(set(nodes))
    number = {name: i for i, name in enumerate(names)}
    # integers, not strings, inside networkx: set order (and so Louvain's result) must not depend on the hash seed
    graph = _simple_graph(range(len(names)), ((number[a], number[b]) for a, b in edges))
    groups = communities(graph)
    community = {names[node]: i for i, group in enumerate(groups) for node in group}
    linked = graph.subgraph(n for n in graph.nodes if graph.degree(n) > 0)
    components = sorted((sorted(c) for c in nx.connected_components(linked)), key=lambda c: (-len(c), c[0]))
    part = {node: i for i, component in enumerate(components) for node in component}
    inside: list[list[list[int]]] = [[] for _ in components]
    for group in groups:
        split: dict[int, list[int]] = {}
        for node in group:
            if node in part:
                split.setdefault(part[node], []).append(node)
        for i, members in split.items():
            inside[i].append(members)
    pieces = [_component_layout(graph.subgraph(c), inside[i]) for i, c in enumerate(components)]
    isolated = sorted(n for n in graph.nodes if graph.degree(n) == 0)
    if isolated:
        side = math.ceil(math.sqrt(len(isolated)))
        grid = {n: np.array([(i % side) * _SPACING, (i // side) * _SPACING]) for i, n in enumerate(isolated)}
        pieces.append(grid)
    positions = _pack(pieces) if pieces else {}
    return GraphLayout({names[n]: positions[n] for n in graph.nodes}, community)
