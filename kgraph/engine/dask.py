"""The Dask engine: document batches spread over Dask workers, records merged by union.

Run it on an existing cluster with ``kgraph build --engine dask --scheduler tcp://HOST:8786``;
every worker needs kgraph and the spaCy model installed. Without ``--scheduler`` a local
cluster of two worker processes is started for the run and stopped after it.
"""

from __future__ import annotations

__all__ = ["run_dask", "DEFAULT_LOCAL_WORKERS"]

import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from kgraph.build import BuildOptions
from kgraph.engine.batches import batched_documents
from kgraph.engine.worker import process_batch
from kgraph.errors import KGraphError
from kgraph.model import Document, DocumentRecords

DEFAULT_LOCAL_WORKERS = 2


def _client(stack: ExitStack, scheduler: str | None, workers: int) -> Any:
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = stack.enter_context(
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            )
        )
        return stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
    try:
        return stack.enter_context(Client(scheduler, timeout=30))  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise KGraphError(
            f"cannot connect to the Dask scheduler {scheduler!r}: {error}; start one with `dask scheduler` "
            f"or omit --scheduler to use a local cluster"
        ) from None


def run_dask(
    documents: Iterable[Document],
    options: BuildOptions,
    *,
    scheduler: str | None = None,
    workers: int = DEFAULT_LOCAL_WORKERS,
) -> Iterator[DocumentRecords]:
    """Yield the records of ``documents`` in input order, computed on Dask workers.

    Each worker process loads the pipeline once (see ``kgraph.engine.worker``) and
    returns the records of a whole batch. At most two batches per worker are in
    flight, so the driver's memory stays bounded whatever the corpus size.

    Args:
        documents: the documents, read lazily.
        options: the build options (model, dictionaries, batch size).
        scheduler: a scheduler address (``tcp://HOST:PORT``); ``None`` starts a local cluster.
        workers: the number of worker processes of the local cluster.
    """
    with ExitStack() as stack:
        client = _client(stack, scheduler, workers)
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[Any] = deque()
        run = uuid.uuid4().hex[:12]
        for number, batch in enumerate(batched_documents(documents, options.batch_size)):
            pending.append(client.submit(process_batch, options, batch, key=f"kgraph-batch-{run}-{number}"))
            while len(pending) >= slots:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
