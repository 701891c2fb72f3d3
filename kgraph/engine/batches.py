"""Cut a lazy stream of documents into batches bounded by count and by characters."""

from __future__ import annotations

__all__ = ["batched", "batched_documents", "MAX_BATCH_CHARS"]

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from kgraph.build import MAX_BATCH_CHARS, batched_documents  # re-exported for the engines
from kgraph.errors import UsageError

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of up to ``size`` items, reading ``items`` lazily.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise UsageError(f"batch size must be at least 1, got {size!r}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
