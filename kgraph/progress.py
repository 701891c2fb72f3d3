"""Progress of a build on stderr (a rich bar on terminals) and the one-line summary."""

from __future__ import annotations

__all__ = ["BuildStats", "BuildProgress", "input_size"]

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kgraph.model import DocumentRecords

_REFRESH_SECONDS = 0.2


@dataclass(slots=True)
class BuildStats:
    """Counts of one build run.

    >>> stats = BuildStats(documents=2, words=300, relations=4, seconds=0.5)
    >>> stats.words_per_second
    600.0
    """

    documents: int = 0
    words: int = 0
    relations: int = 0
    triples: int = 0
    skipped: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def words_per_second(self) -> float:
        """Words per second of the whole run so far (model loading included)."""
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def add(self, records: DocumentRecords) -> None:
        """Count one processed document."""
        self.documents += 1
        self.words += records.words
        self.relations += sum(1 for r in records.relations if r.modality.asserted)
        self.seconds = time.perf_counter() - self.started

    def finish(self) -> None:
        """Stop the clock (after the outputs are written)."""
        self.seconds = time.perf_counter() - self.started

    def summary(self, outputs: Iterable[str] = ()) -> str:
        """The one-line summary printed at the end of ``kgraph build``.

        >>> BuildStats(documents=0, skipped=3).summary(["kg.db"])
        'kgraph: 0 documents processed (3 already in the store), 0 words in 0.0 s (0 words/s), 0 relations -> kg.db'
        """
        skipped = f" ({self.skipped} already in the store)" if self.skipped else ""
        targets = ", ".join(outputs)
        return (
            f"kgraph: {self.documents} documents processed{skipped}, {self.words} words in {self.seconds:.1f} s "
            f"({self.words_per_second:,.0f} words/s), {self.relations} relations"
            + (f" -> {targets}" if targets else "")
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
