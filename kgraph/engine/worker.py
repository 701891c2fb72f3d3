"""What one worker process does: load the pipeline once, turn document batches into records."""

from __future__ import annotations

__all__ = ["process_batch", "worker_pipeline", "share_pipeline"]

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from spacy.language import Language

from kgraph.build import BuildOptions, extract
from kgraph.model import Document, DocumentRecords

_PIPELINES: dict[tuple[str, Path | None, Path | None], Language] = {}


def worker_pipeline(options: BuildOptions) -> Language:
    """The pipeline for ``options``, loaded once per process and then reused.

    Only the model and the dictionaries select the pipeline; a process forked from
    one that holds it already (a notebook, the tests) inherits it for free.

    >>> worker_pipeline(BuildOptions()) is worker_pipeline(BuildOptions(batch_size=8))
    True
    """
    key = (options.model, options.actors, options.lexicon)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        nlp = _PIPELINES[key] = options.load()
    return nlp


@contextmanager
def share_pipeline(options: BuildOptions, nlp: Language) -> Iterator[None]:
    """Within the block, engines in this process (and processes forked from it) use
    ``nlp``, loaded for ``options``' model and dictionaries, instead of loading their own.

    >>> nlp = worker_pipeline(BuildOptions())
    >>> with share_pipeline(BuildOptions(), nlp):
    ...     worker_pipeline(BuildOptions()) is nlp
    True
    """
    key = (options.model, options.actors, options.lexicon)
    previous = _PIPELINES.get(key)
    _PIPELINES[key] = nlp
    try:
        yield
    finally:
        if previous is None:
            del _PIPELINES[key]
        else:
            _PIPELINES[key] = previous


def process_batch(options: BuildOptions, documents: Sequence[Document]) -> list[DocumentRecords]:
    """Run the pipeline over one batch and return its records, in the batch's order.

    Records are made here, in the worker: spaCy's own ``n_process`` cannot ship the
    ``Doc._.kg_*`` objects back, but ``DocumentRecords`` pickle.

    >>> [r.document.id for r in process_batch(BuildOptions(), [Document("a", "Rubio met Lavrov.")])]
    ['a']
    """
    return list(extract(documents, worker_pipeline(options), options=options))
