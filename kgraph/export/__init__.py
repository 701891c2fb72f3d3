"""Output formats: one writer (and reader) per format, chosen by enum, never by string branches."""

from __future__ import annotations

__all__ = ["OutputFormat", "write_graph", "read_graph", "guess_format"]

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import FormatError
from kgraph.ontology import DEFAULT_BASE

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


class OutputFormat(str, Enum):
    """A graph file format; ``.file_extension`` is the usual suffix.

    >>> OutputFormat.from_name("ttl") is OutputFormat.TURTLE
    True
    >>> OutputFormat.TURTLE.file_extension
    'ttl'
    """

    TURTLE = "turtle"
    NTRIPLES = "ntriples"

    @property
    def file_extension(self) -> str:
        return _EXTENSIONS[self]

    @classmethod
    def from_name(cls, name: str) -> OutputFormat:
        """A format from its name or usual extension; ``FormatError`` lists the valid ones."""
        key = name.lower().lstrip(".")
        for fmt in cls:
            if key == fmt.value or key in _ALIASES.get(fmt, ()):
                return fmt
        valid = ", ".join(f.value for f in cls)
        raise FormatError(f"unknown format {name!r}; valid formats: {valid}")


_EXTENSIONS = {OutputFormat.TURTLE: "ttl", OutputFormat.NTRIPLES: "nt"}
_ALIASES = {OutputFormat.TURTLE: ("ttl",), OutputFormat.NTRIPLES: ("nt", "n-triples")}


def guess_format(path: str | Path) -> OutputFormat:
    """The format of ``path`` from its extension.

    >>> guess_format("graph.ttl").value
    'turtle'
    """
    suffix = Path(path).suffix
    if not suffix:
        raise FormatError(f"cannot guess the format of {str(path)!r} (no extension); pass --format")
    return OutputFormat.from_name(suffix)


def _writers() -> dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]]:
    from kgraph.export import rdf_formats

    return dict(rdf_formats.WRITERS)


def _readers() -> dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]]:
    from kgraph.export import rdf_formats

    return dict(rdf_formats.READERS)


def write_graph(kg: KnowledgeGraph, path: str | Path, format: str | OutputFormat | None = None) -> Path:
    """Write ``kg`` to ``path`` atomically in ``format`` (or the one its extension names)."""
    target = Path(path)
    fmt = OutputFormat.from_name(format) if isinstance(format, str) else format or guess_format(target)
    writer = _writers().get(fmt)
    if writer is None:
        raise FormatError(f"format {fmt.value!r} cannot be written")
    writer(kg, target)
    return target


def read_graph(path: str | Path, format: str | OutputFormat | None = None, base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """Read a graph file written by kgraph back into a ``KnowledgeGraph``."""
    source = Path(path)
    fmt = OutputFormat.from_name(format) if isinstance(format, str) else format or guess_format(source)
    reader = _readers().get(fmt)
    if reader is None:
        raise FormatError(f"format {fmt.value!r} cannot be read back")
    return reader(source, base)
