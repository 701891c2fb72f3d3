"""What one worker process does: load the pipeline once, turn document batches into records."""

from __future__ import annotations

__all__ = ["process_batch", "worker_pipeline"]

from collections.abc import Sequence

from spacy.language import Language

from kgraph.build import BuildOptions, extract
from kgraph.model import Document, DocumentRecords

_PIPELINES: dict[BuildOptions, Language] = {}


def worker_pipeline(options: BuildOptions) -> Language:
    """The pipeline for ``options``, loaded once per process and then reused.

    >>> worker_pipeline(BuildOptions()) is worker_pipeline(BuildOptions())
    True
    """
    nlp = _PIPELINES.get(options)
    if nlp is None:
        nlp = _PIPELINES[options] = options.load()
    return nlp


def process_batch(options: BuildOptions, documents: Sequence[Document]) -> list[DocumentRecords]:
    """Run the pipeline over one batch and return its records, in the batch's order.

    Records are made here, in the worker: spaCy's own ``n_process`` cannot ship the
    ``Doc._.kg_*`` objects back, but ``DocumentRecords`` pickle.

    >>> [r.document.id for r in process_batch(BuildOptions(), [Document("a", "Rubio met Lavrov.")])]
    ['a']
    """
    return list(extract(documents, worker_pipeline(options), options=options))
