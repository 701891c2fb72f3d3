"""Cut a lazy stream of documents into batches bounded by count and by characters."""

from __future__ import annotations

__all__ = ["batched", "batched_documents", "MAX_BATCH_CHARS"]

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from kgraph.errors import UsageError
from kgraph.model import Document

T = TypeVar("T")

#: Characters of text in one batch at most (spaCy's memory grows with the text it holds at once).
MAX_BATCH_CHARS = 100_000


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


def batched_documents(
    documents: Iterable[Document], size: int, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[Document]]:
    """Yield lists of up to ``size`` documents holding at most ``max_chars`` characters of
    text together (a longer document goes alone), reading ``documents`` lazily.

    >>> docs = [Document(str(i), "x" * n) for i, n in enumerate([40, 40, 40, 200, 10])]
    >>> [[d.id for d in batch] for batch in batched_documents(docs, 64, max_chars=100)]
    [['0', '1'], ['2'], ['3'], ['4']]
    """
    if size < 1:
        raise UsageError(f"batch size must be at least 1, got {size!r}")
    batch: list[Document] = []
    chars = 0
    for document in documents:
        length = len(document.text)
        if batch and (len(batch) >= size or chars + length > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += length
    if batch:
        yield batch
