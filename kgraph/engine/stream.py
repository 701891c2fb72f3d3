"""Streaming writers: records go to N-Triples/N-Quads, sorted Turtle or a store as they come.

Memory does not grow with the corpus: each batch of documents becomes triples
(``kgraph.rdf.record_terms``) that are written out at once. Files are written through
``kgraph.io.atomic_output``, so an error mid-stream leaves no partial file.
"""

from __future__ import annotations

__all__ = ["RecordSink", "LineSink", "SortedTurtleSink", "StoreSink", "STREAMED_FORMATS", "external_sort"]

import heapq
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from kgraph.errors import StoreError
from kgraph.export import OutputFormat
from kgraph.io import atomic_output
from kgraph.iri import events_graph_iri
from kgraph.model import DocumentRecords
from kgraph.ontology import PREFIXES
from kgraph.rdf.record_terms import record_quads, record_triples

_LINE_FORMATS = {OutputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES, OutputFormat.NQUADS: ox.RdfFormat.N_QUADS}
#: Formats written as documents come, without holding the graph in memory.
STREAMED_FORMATS = frozenset({*_LINE_FORMATS, OutputFormat.TURTLE})
#: Lines sorted in memory at once by the external sort of streamed Turtle.
RUN_LINES = 200_000


class RecordSink(Protocol):
    """Something that takes batches of records (and is closed by an ``ExitStack``)."""

    def add(self, batch: Sequence[DocumentRecords]) -> int:
        """Take one batch; return the number of triples (or quads) written."""
        ...


class LineSink:
    """N-Triples or N-Quads, sorted and de-duplicated: the same bytes whatever the order of
    the documents, the number of workers or the batch size.

    Each batch is spooled to a temporary file beside the output; :meth:`finish` sorts the
    lines externally (bounded memory) into the output. N-Quads put each document's triples
    in the named graph of its document IRI, as ``kgraph.rdf.iter_quads`` does.

    >>> import tempfile
    >>> from kgraph.model import Document
    >>> path = Path(tempfile.mkdtemp()) / "g.nt"
    >>> with ExitStack() as stack:
    ...     sink = LineSink(stack, path, OutputFormat.NTRIPLES, "https://example.org/")
    ...     sink.add([DocumentRecords(Document("d1", "Hi."))])
    ...     sink.finish()
    3
    >>> len(path.read_text().splitlines())
    3
    """

    def __init__(self, stack: ExitStack, path: Path, fmt: OutputFormat, base: str) -> None:
        self.format = _LINE_FORMATS[fmt]
        self.quads = fmt is OutputFormat.NQUADS
        self.base = base
        self.labels: dict[str, str] = {}
        self.folder = path.parent if str(path.parent) else Path(".")
        self.handle: IO[bytes] = stack.enter_context(atomic_output(path, "wb"))
        self.spool: IO[bytes] = stack.enter_context(tempfile.TemporaryFile(dir=self.folder, prefix=".kgraph-spool-"))

    def add(self, batch: Sequence[DocumentRecords]) -> int:
        if self.quads:
            quads = dict.fromkeys(q for r in batch for q in record_quads(r, self.base, self.labels))
            ox.serialize(quads, self.spool, format=self.format)
            return len(quads)
        triples = dict.fromkeys(t for r in batch for t in record_triples(r, self.base, self.labels))
        ox.serialize(triples, self.spool, format=self.format)
        return len(triples)

    def finish(self) -> None:
        """Write the spooled lines to the output, sorted and de-duplicated (called once, after the last batch)."""
        self.spool.seek(0)
        self.handle.writelines(external_sort(self.spool, self.folder))

    def add_triples(self, triples: Sequence[ox.Triple]) -> int:
        """Write triples tied to no document (events); in N-Quads, in the events graph."""
        if self.quads:
            graph = ox.NamedNode(str(events_graph_iri(self.base)))
            ox.serialize(
                [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples], self.spool, format=self.format
            )
        else:
            ox.serialize(triples, self.spool, format=self.format)
        return len(triples)


def _spool_runs(lines: Iterable[bytes], folder: Path, stack: ExitStack) -> list[IO[bytes]]:
    runs: list[IO[bytes]] = []
    chunk: set[bytes] = set()
    for line in lines:
        chunk.add(line)
        if len(chunk) >= RUN_LINES:
            runs.append(_write_run(chunk, folder, stack))
            chunk = set()
    if chunk or not runs:
        runs.append(_write_run(chunk, folder, stack))
    return runs


def _write_run(chunk: set[bytes], folder: Path, stack: ExitStack) -> IO[bytes]:
    run = stack.enter_context(tempfile.TemporaryFile(dir=folder, prefix=".kgraph-sort-"))
    run.writelines(sorted(chunk))
    run.seek(0)
    return run


def external_sort(lines: Iterable[bytes], folder: Path) -> Iterator[bytes]:
    """Yield ``lines`` (each ending in a newline) sorted and de-duplicated, in bounded memory.

    Runs of ``RUN_LINES`` lines are sorted in memory and spooled to temporary files in
    ``folder``, then merged.

    >>> list(external_sort([b"b\\n", b"a\\n", b"b\\n"], Path(tempfile.gettempdir())))
    [b'a\\n', b'b\\n']
    """
    with ExitStack() as stack:
        runs = _spool_runs(lines, folder, stack)
        previous = None
        for line in heapq.merge(*runs):
            if line != previous:
                yield line
                previous = line


class SortedTurtleSink:
    """Turtle of any size, sorted and deterministic: byte-identical to the in-memory writer.

    Triples are spooled as N-Triples to a temporary file beside the output, sorted
    externally (N-Triples line order is the order ``kgraph.export`` sorts by), then
    streamed through pyoxigraph's Turtle serialiser with kgraph's prefixes.
    """

    def __init__(self, stack: ExitStack, path: Path, base: str) -> None:
        self.path = path
        self.base = base
        self.labels: dict[str, str] = {}
        self.folder = path.parent if str(path.parent) else Path(".")
        self.handle: IO[bytes] = stack.enter_context(atomic_output(path, "wb"))
        self.spool: IO[bytes] = stack.enter_context(tempfile.TemporaryFile(dir=self.folder, prefix=".kgraph-spool-"))

    def add(self, batch: Sequence[DocumentRecords]) -> int:
        items = dict.fromkeys(t for r in batch for t in record_triples(r, self.base, self.labels))
        ox.serialize(items, self.spool, format=ox.RdfFormat.N_TRIPLES)
        return len(items)

    def add_triples(self, triples: Sequence[ox.Triple]) -> int:
        """Add triples tied to no document (events); before :meth:`finish`."""
        ox.serialize(triples, self.spool, format=ox.RdfFormat.N_TRIPLES)
        return len(triples)

    def finish(self) -> None:
        """Sort the spooled triples and write the Turtle (called once, after the last batch)."""
        self.spool.seek(0)
        with tempfile.TemporaryFile(dir=self.folder, prefix=".kgraph-sorted-") as merged:
            merged.writelines(external_sort(self.spool, self.folder))
            merged.seek(0)
            triples = (quad.triple for quad in ox.parse(merged, format=ox.RdfFormat.N_TRIPLES))
            prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
            ox.serialize(triples, self.handle, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


class StoreSink:
    """Records added to a persistent Oxigraph store in kgraph's store model (``kgraph.store.store_quads``)."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.store = store
        self.base = base
        self.labels: dict[str, str] = {}

    def add(self, batch: Sequence[DocumentRecords]) -> int:
        from kgraph.store import store_quads

        quads = store_quads(dict.fromkeys(q for r in batch for q in record_quads(r, self.base, self.labels)))
        try:
            self.store.extend(quads)
        except OSError as error:
            raise StoreError(f"cannot write to the store: {error}") from None
        return len(quads)
