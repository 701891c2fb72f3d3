"""Progress of a build on stderr (a rich bar on terminals) and the one-line summary."""

from __future__ import annotations

__all__ = ["BuildStats", "BuildProgress", "input_size", "count_of"]

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kgraph.model import DocumentRecords, EntityRef

_REFRESH_SECONDS = 0.2


def count_of(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless one.

    >>> count_of(1, "document"), count_of(1234, "word")
    ('1 document', '1,234 words')
    """
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


@dataclass(slots=True)
class BuildStats:
    """Counts of one build run.

    ``actors`` and ``relations`` count distinct nodes and direct relations, as the written graph
    holds them. Words per second are measured from the moment the pipeline is ready (see
    :meth:`ready`), so model loading is left out.

    >>> stats = BuildStats(documents=2, words=300, seconds=0.5, processing_seconds=0.5)
    >>> stats.words_per_second
    600.0
    """

    documents: int = 0
    words: int = 0
    triples: int = 0
    skipped: int = 0
    seconds: float = 0.0
    processing_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)
    ready_at: float | None = field(default=None, repr=False)
    timed_words: int = field(default=0, repr=False)
    actor_keys: set[tuple[str, str]] = field(default_factory=set, repr=False)
    relation_keys: set[tuple[tuple[str, str], str, tuple[str, str]]] = field(default_factory=set, repr=False)

    @property
    def actors(self) -> int:
        """Distinct actors (graph nodes) seen so far."""
        return len(self.actor_keys)

    @property
    def relations(self) -> int:
        """Distinct direct relations (asserted ``subject relation object``) seen so far."""
        return len(self.relation_keys)

    @property
    def words_per_second(self) -> float:
        """Words per second of processing (model loading excluded)."""
        if self.processing_seconds > 0:
            return (self.timed_words or self.words) / self.processing_seconds
        return 0.0

    def ready(self) -> None:
        """The pipeline is loaded: start the words/s clock here."""
        self.ready_at = time.perf_counter()

    def add(self, records: DocumentRecords) -> None:
        """Count one processed document."""
        from kgraph.iri import slugify

        def key(ref: EntityRef) -> tuple[str, str]:
            return ref.type.value, slugify(ref.name)

        now = time.perf_counter()
        if self.ready_at is None:  # engines that load the model in workers: time from the first result
            self.ready_at = now
        else:
            self.timed_words += records.words
        self.documents += 1
        self.words += records.words
        self.actor_keys.update(key(e.ref) for e in records.entities)
        for r in records.relations:
            self.actor_keys.update((key(r.subject), key(r.object)))
            if r.modality.asserted:
                self.relation_keys.add((key(r.subject), r.relation.value, key(r.object)))
        self.actor_keys.update(key(s.speaker) for s in records.statements)
        self.seconds = now - self.started
        self.processing_seconds = now - self.ready_at

    def finish(self) -> None:
        """Stop the clock (after the outputs are written)."""
        now = time.perf_counter()
        self.seconds = now - self.started
        if self.ready_at is not None:
            self.processing_seconds = now - self.ready_at

    def summary(self, outputs: Iterable[str] = (), *, arrow: str = "->") -> str:
        """The one-line summary printed at the end of ``kgraph build``.

        >>> BuildStats(documents=0, skipped=3).summary(["kg"])
        'kgraph: 0 documents (3 already in the store), 0 actors, 0 relations -> kg (0 words, 0 words/s, 0.0 s in all)'
        >>> BuildStats(documents=1, words=1).summary()
        'kgraph: 1 document, 0 actors, 0 relations (1 word, 0 words/s, 0.0 s in all)'
        """
        skipped = f" ({self.skipped:,} already in the store)" if self.skipped else ""
        targets = ", ".join(outputs)
        return (
            f"kgraph: {count_of(self.documents, 'document')}{skipped}, {count_of(self.actors, 'actor')}, "
            f"{count_of(self.relations, 'relation')}"
            + (f" {arrow} {targets}" if targets else "")
            + f" ({count_of(self.words, 'word')}, {self.words_per_second:,.0f} words/s, {self.seconds:.1f} s in all)"
        )


def input_size(inputs: Iterable[str | Path]) -> int | None:
    """Total bytes of the input files (folders walked); ``None`` when stdin is among them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "a.txt").write_text("12345")
    >>> input_size([folder])
    5
    """
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            total += path.stat().st_size
    return total


class BuildProgress:
    """A context manager that shows a progress bar on stderr when it is a terminal.

    The bar shows documents, words/s, relations found and an ETA estimated from the
    input size. Nothing is drawn when ``enabled`` is false or stderr is not a TTY.
    Refreshes are driven by :meth:`advance` (no background thread, so worker
    processes can be forked safely).

    >>> with BuildProgress(BuildStats(), enabled=False) as progress:
    ...     progress.active
    False
    """

    def __init__(
        self, stats: BuildStats, *, enabled: bool = True, total_bytes: int | None = None, stream: IO[str] | None = None
    ) -> None:
        self.stats = stats
        self.stream = stream or sys.stderr
        self.active = enabled and self.stream.isatty()
        self.total_bytes = total_bytes
        self._done_bytes = 0
        self._last = 0.0
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> BuildProgress:
        if self.active:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("kgraph"),
                BarColumn(),
                TextColumn(
                    "{task.fields[documents]} docs · {task.fields[rate]} words/s · {task.fields[relations]} relations"
                ),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                auto_refresh=False,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("build", total=self.total_bytes, documents=0, rate=0, relations=0)
        return self

    def advance(self, records: DocumentRecords) -> None:
        """Count one document and redraw at most every 0.2 s."""
        self._done_bytes += len(records.document.text.encode("utf-8", "surrogatepass"))
        if self._progress is None:
            return
        now = time.perf_counter()
        if now - self._last >= _REFRESH_SECONDS:
            self._last = now
            self._redraw()

    def _redraw(self) -> None:
        stats = self.stats
        self._progress.update(
            self._task,
            completed=self._done_bytes,
            documents=stats.documents,
            rate=f"{stats.words_per_second:,.0f}",
            relations=stats.relations,
        )
        self._progress.refresh()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
