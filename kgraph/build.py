"""Run the pipeline over documents and collect the results into a ``KnowledgeGraph``."""

from __future__ import annotations

__all__ = ["BuildOptions", "DEFAULT_OPTIONS", "as_documents", "extract", "build"]

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kgraph.dates import check_bound, in_range
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords
from kgraph.nlp.convert import doc_to_records
from kgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from kgraph.ontology import DEFAULT_BASE
from kgraph.sources import clean_document, read_documents

Input = str | Path | Document


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Options shared by the API, the CLI and the parallel engines."""

    model: str = DEFAULT_MODEL
    base: str = DEFAULT_BASE
    actors: Path | None = None
    lexicon: Path | None = None
    min_confidence: float = 0.0
    batch_size: int = 64
    since: str | None = None  # keep relations dated on or after this ISO day, month or year
    until: str | None = None  # ... and on or before this one

    def load(self) -> Language:
        return load_pipeline(self.model, actors=self.actors, lexicon=self.lexicon)


#: The default options (immutable, so safe as a default argument).
DEFAULT_OPTIONS = BuildOptions()


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).exists()


def as_documents(inputs: Iterable[Input], *, skip_bad: bool = False) -> Iterator[Document]:
    """Turn a mix of texts, paths and ``Document``s into documents, lazily.

    A ``Path``, or a one-line string naming an existing file or folder, is read as an
    input path; any other string is the text of a document (ids ``text-1``, ``text-2``, ...).

    >>> [d.id for d in as_documents(["Rubio met Lavrov.", Document("x", "Hi.")])]
    ['text-1', 'x']
    """
    paths: list[str | Path] = []
    texts = 0
    for item in inputs:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path) or _looks_like_path(item):
            paths.append(item)
        else:
            texts += 1
            yield Document(id=f"text-{texts}", text=item, source="<text>")
    if paths:
        yield from read_documents(paths, skip_bad=skip_bad)


def extract(
    documents: Iterable[Document], nlp: Language, *, options: BuildOptions = DEFAULT_OPTIONS
) -> Iterator[DocumentRecords]:
    """Run ``nlp`` over ``documents`` in batches and yield one record set per document.

    >>> from kgraph.engine.worker import worker_pipeline
    >>> nlp = worker_pipeline(BuildOptions())  # loaded once per process
    >>> [r.document.id for r in extract([Document("a", "Rubio met Lavrov.")], nlp)]
    ['a']
    """
    pairs = ((d.text, d) for d in map(clean_document, documents))  # spaCy cannot hash lone surrogates
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size):
        records = doc_to_records(doc, document)
        if options.min_confidence > 0:
            records.relations = [r for r in records.relations if r.confidence >= options.min_confidence]
        if options.since or options.until:
            records.relations = [r for r in records.relations if in_range(r.date, options.since, options.until)]
        yield records


def build(
    inputs: Iterable[Input] | Input,
    *,
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    actors: str | Path | None = None,
    lexicon: str | Path | None = None,
    min_confidence: float = 0.0,
    nlp: Language | None = None,
    jobs: int = 1,
    since: str | None = None,
    until: str | None = None,
) -> KnowledgeGraph:
    """Build a ``KnowledgeGraph`` from texts, files, folders, JSONL files or ``Document``s.

    Args:
        inputs: one input or an iterable of them (see :func:`as_documents`).
        model: the spaCy pipeline to load (ignored when ``nlp`` is given); loaded once
            per process for each model and set of dictionaries, then reused.
        base: the base IRI of entity and document IRIs.
        actors: a JSONL actor dictionary extending the gazetteer.
        lexicon: a JSONL lexicon extending the relation triggers.
        min_confidence: drop relations below this confidence.
        nlp: an already loaded kgraph pipeline (see ``kgraph.nlp.load_pipeline``).
        jobs: worker processes (each loads the pipeline once; ``nlp`` is shared with
            them when the platform forks). The graph does not depend on ``jobs``.
        since, until: keep only relations dated within these bounds (ISO day, month or
            year, inclusive); undated relations are dropped when a bound is given.

    >>> kg = build("US Secretary of State Marco Rubio met Sergei Lavrov.")
    >>> "Marco Rubio" in kg.labels()
    True
    """
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    options = BuildOptions(
        model=model,
        base=base,
        actors=Path(actors) if actors else None,
        lexicon=Path(lexicon) if lexicon else None,
        min_confidence=min_confidence,
        since=check_bound("since", since),
        until=check_bound("until", until),
    )
    kg = KnowledgeGraph(base)
    if jobs > 1:
        from kgraph.engine import run_engine
        from kgraph.engine.worker import share_pipeline

        with share_pipeline(options, nlp) if nlp is not None else nullcontext():
            for records in run_engine(as_documents(inputs), options, jobs=jobs):
                kg.add_records(records)
        return kg
    from kgraph.engine.worker import worker_pipeline

    for records in extract(as_documents(inputs), nlp or worker_pipeline(options), options=options):
        kg.add_records(records)
    return kg
