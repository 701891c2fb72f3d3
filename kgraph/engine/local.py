"""The local engine: a pool of worker processes, each loading the pipeline once."""

from __future__ import annotations

__all__ = ["run_local"]

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult

from kgraph.build import BuildOptions, extract
from kgraph.engine.batches import batched_documents
from kgraph.engine.worker import process_batch, worker_pipeline
from kgraph.model import Document, DocumentRecords

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this worker process end, silently, as soon as its parent ``parent`` dies.

    On Linux the kernel sends SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``),
    so a worker never outlives a killed ``kgraph build`` nor prints a ``BrokenPipeError``
    when it cannot send its results; elsewhere this does nothing.

    >>> die_with_parent(-1)  # our parent is not process -1: this process would end here  # doctest: +SKIP
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _init_worker(options: BuildOptions, parent: int) -> None:
    die_with_parent(parent)
    worker_pipeline(options)


@contextmanager
def _worker_signals() -> Iterator[None]:
    """Fork workers that ignore Ctrl-C (the parent stops the pool) and die quietly on SIGTERM.

    Handlers are inherited at fork time, so they are set around the pool's creation:
    the CLI's own SIGTERM handler would make a worker print a traceback when stopped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL), signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def run_local(documents: Iterable[Document], options: BuildOptions, *, jobs: int = 1) -> Iterator[DocumentRecords]:
    """Yield the records of ``documents`` in input order, using ``jobs`` processes.

    With ``jobs == 1`` everything runs in this process. Otherwise batches of
    ``options.batch_size`` documents (and at most ``MAX_BATCH_CHARS`` characters) go to a
    pool of ``jobs`` workers; at most ``2 * jobs`` batches are in flight, so memory does not grow with the corpus and a
    reading error stops the run early.

    >>> docs = [Document("a", "Rubio met Lavrov."), Document("b", "Wang met Rubio.")]
    >>> [r.document.id for r in run_local(docs, BuildOptions(), jobs=1)]
    ['a', 'b']
    """
    if jobs <= 1:
        yield from extract(documents, worker_pipeline(options), options=options)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with _worker_signals():
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(options, os.getpid()))
    with pool:
        pending: deque[AsyncResult[list[DocumentRecords]]] = deque()
        for batch in batched_documents(documents, options.batch_size):
            pending.append(pool.apply_async(process_batch, (options, batch)))
            while len(pending) >= 2 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
