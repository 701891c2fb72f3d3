"""A whole ``kgraph build`` run: documents in, through an engine, out to files and a store."""

from __future__ import annotations

__all__ = ["BuildTargets", "run_build"]

import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from kgraph.build import DEFAULT_OPTIONS, BuildOptions
from kgraph.engine import Engine, check_engine, run_engine
from kgraph.engine.batches import batched
from kgraph.engine.events import EventCollector
from kgraph.engine.stream import STREAMED_FORMATS, LineSink, RecordSink, SortedTurtleSink, StoreSink
from kgraph.errors import InputError, OutputError, UsageError
from kgraph.export import OutputFormat, guess_format
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document
from kgraph.progress import BuildProgress, BuildStats, input_size
from kgraph.sources import read_documents


@dataclass(frozen=True, slots=True)
class BuildTargets:
    """Where a build writes: a graph file (``format`` or from its extension), HTML, a store folder.

    >>> BuildTargets(output=Path("g.nq")).output_format
    <OutputFormat.NQUADS: 'nquads'>
    """

    output: Path | None = None
    format: OutputFormat | None = None
    html: Path | None = None
    store: Path | None = None
    html_max_nodes: int | None = None  # HTML view: keep the N most connected actors

    @property
    def output_format(self) -> OutputFormat | None:
        if self.output is None:
            return None
        return self.format or guess_format(self.output)

    @property
    def streamed(self) -> bool:
        """True when no whole graph is needed in memory (streamable format, no HTML view)."""
        return self.html is None and (self.output is None or self.output_format in STREAMED_FORMATS)

    def names(self) -> list[str]:
        """What the run writes, as the summary names it (CSV output is two files)."""
        from kgraph.export import written_paths

        fmt = self.output_format
        outputs = written_paths(self.output, fmt) if self.output is not None and fmt is not None else []
        return [*outputs, *(str(p) for p in (self.html, self.store) if p is not None)]

    def check(self) -> None:
        """Fail before any work when nothing is to be written or a folder is missing."""
        if self.output is None and self.store is None:
            raise UsageError("nothing to write: give an output file (-o FILE) or a store (--store DIR)")
        self.output_format  # noqa: B018  (raises FormatError for an unknown extension)
        for path in (self.output, self.html):
            if path is not None:
                folder = path.parent if str(path.parent) else Path(".")
                if not folder.is_dir():
                    raise OutputError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
                if path.is_dir():
                    raise OutputError(f"cannot write {str(path)!r}: it is a folder; give a file name")


def _ready_on_first(documents: Iterable[Document], options: BuildOptions, stats: BuildStats) -> Iterator[Document]:
    """Load the pipeline when the first document is read, then start the words/s clock."""
    from kgraph.engine.worker import worker_pipeline

    for index, document in enumerate(documents):
        if index == 0:
            worker_pipeline(options)  # cached: the engine reuses it
            stats.ready()
        yield document


def _new_documents(documents: Iterable[Document], known: set[str], stats: BuildStats) -> Iterator[Document]:
    for document in documents:
        if document.content_hash in known:
            stats.skipped += 1
            continue
        yield document


def _split_event_records(
    inputs: list[str | Path], options: BuildOptions
) -> tuple[list[str | Path], KnowledgeGraph | None]:
    """Separate PLOVER event record files (``*.plover.jsonl``) from texts; read them into one graph."""
    from kgraph.export.plover import PLOVER_SUFFIX, read_plover

    records = [i for i in inputs if str(i).lower().endswith(PLOVER_SUFFIX)]
    if not records:
        return inputs, None
    imported = KnowledgeGraph(options.base)
    for path in records:
        if not Path(path).is_file():
            raise InputError(f"input {str(path)!r} does not exist")
        imported.merge(read_plover(Path(path), options.base))
    return [i for i in inputs if i not in records], imported


def _add_imported(
    imported: KnowledgeGraph, kg: KnowledgeGraph | None, sinks: list[RecordSink], stats: BuildStats
) -> None:
    """Event records read from files join the in-memory graph and the store."""
    if kg is not None:
        kg.merge(imported)
    for sink in sinks:
        if isinstance(sink, StoreSink):
            from kgraph.store import add_graph

            stats.triples += add_graph(sink.store, imported)


def run_build(
    inputs: Iterable[str | Path],
    targets: BuildTargets,
    *,
    options: BuildOptions = DEFAULT_OPTIONS,
    engine: Engine = Engine.LOCAL,
    jobs: int = 1,
    scheduler: str | None = None,
    skip_bad: bool = False,
    progress: bool = True,
    full_paths: bool = False,
) -> BuildStats:
    """Process ``inputs`` and write ``targets``; the run's counts.

    N-Triples, N-Quads and Turtle (without ``html``) are streamed: memory does not grow
    with the corpus. Other formats and the HTML view need the whole graph in memory.
    With a store, documents whose content hash is already in it are skipped, and
    the new documents' quads are added to it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "a.txt").write_text("Rubio met Lavrov.")
    >>> stats = run_build([folder], BuildTargets(output=folder / "g.nt"), progress=False)
    >>> (stats.documents, stats.skipped)
    (1, 0)
    """
    targets.check()
    check_engine(engine, jobs, scheduler)
    inputs, imported = _split_event_records(list(inputs), options)
    stats = BuildStats()
    fmt = targets.output_format
    with ExitStack() as stack:
        sinks: list[RecordSink] = []
        documents: Iterable[Document] = (
            read_documents(inputs, skip_bad=skip_bad, full_paths=full_paths) if inputs else iter(())
        )
        if targets.store is not None:
            from kgraph.store import open_store, stored_documents

            store = open_store(targets.store)
            documents = _new_documents(documents, stored_documents(store), stats)
            sinks.append(StoreSink(store, options.base))
        kg: KnowledgeGraph | None = None
        lines: LineSink | SortedTurtleSink | None = None
        if targets.output is not None and targets.streamed and imported is None:
            if fmt is OutputFormat.TURTLE:
                lines = SortedTurtleSink(stack, targets.output, options.base)
            else:
                lines = LineSink(stack, targets.output, fmt, options.base)  # type: ignore[arg-type]
            sinks.extend([lines, collector := EventCollector(options.base)])
        elif targets.output is not None or targets.html is not None:
            kg = KnowledgeGraph(options.base)
        drawn = progress and sys.stderr.isatty()  # the input size (for the ETA) only when a bar is drawn
        bar = stack.enter_context(
            BuildProgress(stats, enabled=drawn, total_bytes=input_size(inputs) if drawn else None)
        )
        if engine is Engine.LOCAL and jobs == 1:
            documents = _ready_on_first(documents, options, stats)
        records = run_engine(documents, options, engine=engine, jobs=jobs, scheduler=scheduler)
        for batch in batched(records, options.batch_size):
            for item in batch:
                stats.add(item)
                bar.advance(item)
                if kg is not None:
                    kg.add_records(item)
            for sink in sinks:
                stats.triples += sink.add(batch)
        if lines is not None:
            stats.triples += lines.add_triples(collector.triples())
            lines.finish()  # both writers sort: the bytes do not depend on the order of the documents
        if imported is not None:
            _add_imported(imported, kg, sinks, stats)
        if targets.store is not None:
            from kgraph.engine.events import refresh_store_events

            stats.triples += refresh_store_events(store, options.base)
        if kg is not None and targets.output is not None:
            kg.write(targets.output, format=fmt)
        if kg is not None and targets.html is not None:
            kg.write_html(targets.html, max_nodes=targets.html_max_nodes)
    stats.finish()
    return stats
