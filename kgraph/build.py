"""Run the pipeline over documents and collect the results into a ``KnowledgeGraph``."""

from __future__ import annotations

__all__ = [
    "BuildOptions",
    "DEFAULT_OPTIONS",
    "MAX_BATCH_CHARS",
    "as_documents",
    "batched_documents",
    "extract",
    "build",
]

import itertools
import warnings
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.dates import check_bound, date_precision, in_range
from kgraph.errors import UsageError
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


def _as_list(value: object, single: tuple[type, ...]) -> list[Any]:
    """``value`` as a list: nothing for ``None``, one item for a ``single`` type, else its items."""
    if value is None:
        return []
    if isinstance(value, single):
        return [value]
    if not isinstance(value, Iterable):
        raise UsageError(f"expected a text, a path, a Document or an iterable of them, got {value!r:.80}")
    return list(value)


def _text_document(number: int, text: object) -> Document:
    if not isinstance(text, str):
        raise UsageError(f"text {number} must be a str, got {type(text).__name__}: {str(text)[:60]!r}")
    if not text.strip():
        raise UsageError(f"text {number} is empty ({text[:20]!r}); give the text of a document")
    return Document(id=f"text-{number}", text=text, source="<text>")


def _check_path(path: object) -> Path:
    if isinstance(path, Path):
        return path
    if not isinstance(path, str) or not path.strip() or "\x00" in path:
        raise UsageError(f"paths must be non-empty file or folder names, got {path!r}")
    return Path(path)


def as_documents(
    inputs: Iterable[Input] = (),
    *,
    texts: Iterable[str] = (),
    paths: Iterable[str | Path] = (),
    skip_bad: bool = False,
) -> Iterator[Document]:
    """Turn texts, paths and ``Document``s into documents, lazily, without guessing.

    In ``inputs`` the type decides: a ``str`` is always the text of a document, a
    ``pathlib.Path`` a file or folder to read, a ``Document`` is kept. ``texts`` holds
    only texts and ``paths`` only file or folder names (``str`` or ``Path``). Texts get
    the ids ``text-1``, ``text-2``, ... in order; an empty text is a ``UsageError``,
    raised at once. Documents and texts come first, in order, then the documents read
    from paths (lazily, as they are needed).

    >>> [d.id for d in as_documents(["Rubio met Lavrov.", Document("x", "Hi.")])]
    ['text-1', 'x']
    >>> as_documents(texts=[""])
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: text 1 is empty (''); give the text of a document
    """
    texts = [texts] if isinstance(texts, str) else texts
    paths = [paths] if isinstance(paths, (str, Path)) else paths
    ready: list[Document] = []
    given_paths: list[Path] = []
    numbered = 0
    for item in itertools.chain(inputs, texts):
        if isinstance(item, Document):
            ready.append(item)
        elif isinstance(item, Path):
            given_paths.append(item)
        else:
            numbered += 1
            ready.append(_text_document(numbered, item))
    given_paths.extend(_check_path(p) for p in paths)
    if not given_paths:
        return iter(ready)
    return itertools.chain(ready, read_documents(given_paths, skip_bad=skip_bad))


#: Characters of text in one batch at most (spaCy's memory grows with the text it holds at once).
MAX_BATCH_CHARS = 100_000


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


def _warn_bad_date(document: Document) -> None:
    """Warn about a document date that is no calendar value; it is written as plain text, never as ``xsd:date``."""
    if document.date and date_precision(document.date) is None:
        warnings.warn(
            f"document {document.id!r}: date {document.date!r} is not a valid ISO date; kept as plain text",
            UserWarning,
            stacklevel=3,
        )


class CoordinationWarning(UserWarning):
    """A coordination too long to multiply every relation over (only its first actors are kept)."""


def _warn_capped(doc: Doc, document: Document) -> None:
    from kgraph.nlp.relations.patterns.coordination import MAX_COORDINATED, take_capped

    longest = take_capped(doc)
    if longest:
        warnings.warn(
            f"document {document.id!r}: a coordination of {longest} actors; relations kept for the first "
            f"{MAX_COORDINATED} of each list only",
            CoordinationWarning,
            stacklevel=3,
        )


def extract(
    documents: Iterable[Document], nlp: Language, *, options: BuildOptions = DEFAULT_OPTIONS
) -> Iterator[DocumentRecords]:
    """Run ``nlp`` over ``documents`` in batches and yield one record set per document.

    A batch holds at most ``options.batch_size`` documents and ``MAX_BATCH_CHARS``
    characters of text, so memory stays bounded whatever the documents' lengths.

    >>> from kgraph.engine.worker import worker_pipeline
    >>> nlp = worker_pipeline(BuildOptions())  # loaded once per process
    >>> [r.document.id for r in extract([Document("a", "Rubio met Lavrov.")], nlp)]
    ['a']
    """
    cleaned = map(clean_document, documents)  # spaCy cannot hash lone surrogates
    for batch in batched_documents(cleaned, options.batch_size):  # bounded by characters too
        pairs = [(d.text, d) for d in batch]
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
            records = doc_to_records(doc, document)
            _warn_capped(doc, document)
            _warn_bad_date(document)
            if options.min_confidence > 0:
                records.relations = [r for r in records.relations if r.confidence >= options.min_confidence]
            if options.since or options.until:
                records.relations = [r for r in records.relations if in_range(r.date, options.since, options.until)]
            yield records


def build(
    inputs: Iterable[Input] | Input = (),
    *,
    texts: Iterable[str] | str | None = None,
    paths: Iterable[str | Path] | str | Path | None = None,
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

    Texts and paths are kept apart, never guessed: ``texts=`` takes texts, ``paths=``
    takes file or folder names, and in the positional ``inputs`` a ``str`` is always a
    text, a ``pathlib.Path`` a path and a ``Document`` a document. An empty text, or no
    input at all, is a ``UsageError``.

    Args:
        inputs: one input or an iterable of them (see :func:`as_documents`).
        texts: one text or an iterable of texts (ids ``text-1``, ``text-2``, ...).
        paths: one path or an iterable of paths (text files, folders, JSONL files).
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
    >>> build(texts=[])
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: nothing to build: give texts=[...], paths=[...] or Documents
    """
    given = _as_list(inputs, (str, Path, Document))
    text_list = _as_list(texts, (str,))
    path_list = _as_list(paths, (str, Path))
    if not (given or text_list or path_list):
        raise UsageError("nothing to build: give texts=[...], paths=[...] or Documents")
    documents = as_documents(given, texts=text_list, paths=path_list)
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
            for records in run_engine(documents, options, jobs=jobs):
                kg.add_records(records)
        return kg
    from kgraph.engine.worker import worker_pipeline

    for records in extract(documents, nlp or worker_pipeline(options), options=options):
        kg.add_records(records)
    return kg
