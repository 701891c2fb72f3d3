"""Engines that run the pipeline over a stream of documents: in-process, a process pool, Dask."""

from __future__ import annotations

__all__ = ["Engine", "run_engine"]

from collections.abc import Iterable, Iterator
from enum import Enum

from kgraph.build import BuildOptions
from kgraph.errors import KGraphError
from kgraph.model import Document, DocumentRecords


class Engine(str, Enum):
    """Where the pipeline runs: ``local`` (this machine, ``--jobs`` processes) or ``dask``.

    >>> Engine("dask") is Engine.DASK
    True
    """

    LOCAL = "local"
    DASK = "dask"

    def __str__(self) -> str:
        return self.value


def run_engine(
    documents: Iterable[Document],
    options: BuildOptions,
    *,
    engine: Engine = Engine.LOCAL,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Iterator[DocumentRecords]:
    """Yield one ``DocumentRecords`` per document, in input order, whatever the engine.

    Args:
        documents: the documents, read lazily.
        options: model, dictionaries, confidence threshold and batch size.
        engine: ``Engine.LOCAL`` or ``Engine.DASK``.
        jobs: worker processes of the local engine, or of the Dask local cluster.
        scheduler: a Dask scheduler address; only with ``Engine.DASK``.

    >>> docs = [Document("a", "Rubio met Lavrov.")]
    >>> [r.document.id for r in run_engine(docs, BuildOptions())]
    ['a']
    """
    if jobs < 1:
        raise KGraphError(f"--jobs must be at least 1, got {jobs!r}")
    if scheduler is not None and engine is not Engine.DASK:
        raise KGraphError(f"--scheduler {scheduler!r} needs --engine dask (got --engine {engine.value})")
    if engine is Engine.DASK:
        from kgraph.engine.dask import DEFAULT_LOCAL_WORKERS, run_dask

        return run_dask(documents, options, scheduler=scheduler, workers=jobs if jobs > 1 else DEFAULT_LOCAL_WORKERS)
    from kgraph.engine.local import run_local

    return run_local(documents, options, jobs=jobs)
