"""Engines that run the pipeline over a stream of documents: in-process, a process pool, Dask."""

from __future__ import annotations

__all__ = ["Engine", "check_engine", "run_engine"]

from collections.abc import Iterable, Iterator
from enum import Enum
from itertools import chain

from kgraph.build import BuildOptions
from kgraph.errors import UsageError
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


def check_engine(engine: Engine, jobs: int, scheduler: str | None) -> None:
    """Raise ``UsageError`` for engine options that do not go together.

    >>> check_engine(Engine.LOCAL, 1, "tcp://127.0.0.1:8786")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: --scheduler 'tcp://127.0.0.1:8786' needs --engine dask (got --engine local)
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs!r}")
    if scheduler is not None and engine is not Engine.DASK:
        raise UsageError(f"--scheduler {scheduler!r} needs --engine dask (got --engine {engine.value})")
    if engine is Engine.DASK:
        from kgraph.extras import require_extra

        require_extra("distributed", "dask", "--engine dask")


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
    check_engine(engine, jobs, scheduler)
    return _run(documents, options, engine, jobs, scheduler)


def _run(
    documents: Iterable[Document], options: BuildOptions, engine: Engine, jobs: int, scheduler: str | None
) -> Iterator[DocumentRecords]:
    # Nothing is loaded or started until a first document arrives: a run over a folder
    # whose documents are all in the store already takes no time.
    iterator = iter(documents)
    first = next(iterator, None)
    if first is None:
        return
    pending = chain([first], iterator)
    if engine is Engine.DASK:
        from kgraph.engine.dask import DEFAULT_LOCAL_WORKERS, run_dask

        yield from run_dask(pending, options, scheduler=scheduler, workers=jobs if jobs > 1 else DEFAULT_LOCAL_WORKERS)
        return
    from kgraph.engine.local import run_local

    yield from run_local(pending, options, jobs=jobs)
