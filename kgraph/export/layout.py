"""A fast force-directed layout (Fruchterman-Reingold in blocks of numpy arrays) for big HTML views."""

from __future__ import annotations

__all__ = ["spring_positions"]

from collections.abc import Iterable, Sequence

import numpy as np

_BLOCK = 512


def spring_positions(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    iterations: int = 50,
    seed: int = 7,
    scale: float = 1.0,
) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (within ``[-scale, scale]``) that pull linked nodes together.

    Repulsion is computed between all pairs, a block of rows at a time, so memory stays
    at ``512 x n`` pairs; a weak pull to the centre keeps separate components in view.
    Deterministic for a given ``seed`` and node order.

    >>> pos = spring_positions(["a", "b", "c"], [("a", "b")], iterations=20)
    >>> sorted(pos) == ["a", "b", "c"] and all(abs(x) <= 1 and abs(y) <= 1 for x, y in pos.values())
    True
    """
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in edges if a in index and b in index and a != b], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(count, 2)).astype(np.float32)
    k = 2.0 / np.sqrt(count)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    x, y = pos[:, 0], pos[:, 1]
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        for start in range(0, count, _BLOCK):
            stop = min(start + _BLOCK, count)
            dx = x[start:stop, None] - x[None, :]
            dy = y[start:stop, None] - y[None, :]
            weight = dx * dx
            weight += dy * dy
            np.maximum(weight, 1e-6, out=weight)
            np.divide(k * k, weight, out=weight)
            disp[start:stop, 0] = (dx * weight).sum(axis=1)
            disp[start:stop, 1] = (dy * weight).sum(axis=1)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            distance = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-6)
            pull = delta * (distance / k)[:, None]
            np.add.at(disp, pairs[:, 0], -pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= pos * (0.1 * count * k)  # gravity
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    pos *= scale / max(float(np.abs(pos).max()), 1e-9)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}
