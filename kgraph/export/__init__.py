"""Output formats: one writer (and reader) per format, chosen by enum, never by string branches."""

from __future__ import annotations

__all__ = ["OutputFormat", "write_graph", "read_graph", "read_quads", "guess_format", "convert", "written_paths"]

from collections.abc import Callable
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import FormatError, InputError
from kgraph.ontology import DEFAULT_BASE

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kgraph.graph import KnowledgeGraph

Writer = Callable[["KnowledgeGraph", Path], None]
Reader = Callable[[Path, str], "KnowledgeGraph"]


class OutputFormat(str, Enum):
    """A graph file format; ``.file_extension`` is the usual suffix.

    >>> OutputFormat.from_name("ttl") is OutputFormat.TURTLE
    True
    >>> OutputFormat.TURTLE.file_extension
    'ttl'
    >>> OutputFormat.from_name("json-ld").file_extension
    'jsonld'
    """

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    HTML = "html"
    PLOVER = "plover"

    def __str__(self) -> str:
        return self.value

    @property
    def file_extension(self) -> str:
        return _EXTENSIONS[self]

    @property
    def is_rdf(self) -> bool:
        """True for the RDF serialisations (readable by any RDF parser)."""
        return self in _RDF

    @property
    def module(self) -> str:
        """The ``kgraph.export`` module that writes (and reads) this format."""
        return _MODULES[self]

    @classmethod
    def from_name(cls, name: str) -> OutputFormat:
        """A format from its name or usual extension; ``FormatError`` lists the valid ones."""
        key = name.lower().lstrip(".")
        for fmt in cls:
            if key == fmt.value or key in _ALIASES.get(fmt, ()):
                return fmt
        valid = ", ".join(f.value for f in cls)
        raise FormatError(f"unknown format {name!r}; valid formats: {valid}")


_EXTENSIONS = {
    OutputFormat.TURTLE: "ttl",
    OutputFormat.NTRIPLES: "nt",
    OutputFormat.NQUADS: "nq",
    OutputFormat.TRIG: "trig",
    OutputFormat.JSONLD: "jsonld",
    OutputFormat.GRAPHML: "graphml",
    OutputFormat.GEXF: "gexf",
    OutputFormat.CSV: "csv",
    OutputFormat.HTML: "html",
    OutputFormat.PLOVER: "plover.jsonl",
}
_ALIASES = {
    OutputFormat.TURTLE: ("ttl",),
    OutputFormat.NTRIPLES: ("nt", "n-triples"),
    OutputFormat.NQUADS: ("nq", "n-quads"),
    OutputFormat.JSONLD: ("json-ld", "json"),
    OutputFormat.HTML: ("htm",),
    OutputFormat.PLOVER: ("plover.jsonl",),
}
_RDF = frozenset(
    {OutputFormat.TURTLE, OutputFormat.NTRIPLES, OutputFormat.NQUADS, OutputFormat.TRIG, OutputFormat.JSONLD}
)
_MODULES = {
    **{fmt: "kgraph.export.rdf_formats" for fmt in _RDF},
    OutputFormat.GRAPHML: "kgraph.export.graphml",
    OutputFormat.GEXF: "kgraph.export.graphml",
    OutputFormat.CSV: "kgraph.export.csv_tables",
    OutputFormat.HTML: "kgraph.export.html",
    OutputFormat.PLOVER: "kgraph.export.plover",
}


def guess_format(path: str | Path) -> OutputFormat:
    """The format of ``path`` from its extension.

    >>> guess_format("graph.ttl").value
    'turtle'
    >>> guess_format("out/graph.nq").value
    'nquads'
    >>> guess_format("events.plover.jsonl").value
    'plover'
    """
    if Path(path).is_dir() and (Path(path) / "entities.csv").exists():
        return OutputFormat.CSV
    if Path(path).name.lower().endswith(".plover.jsonl"):
        return OutputFormat.PLOVER
    suffix = Path(path).suffix
    if not suffix:
        raise FormatError(f"cannot guess the format of {str(path)!r} (no extension); pass --format")
    try:
        return OutputFormat.from_name(suffix)
    except FormatError:
        valid = ", ".join(f.file_extension for f in OutputFormat)
        raise FormatError(
            f"unknown extension {suffix!r} of {str(path)!r}; use one of {valid} or pass --format"
        ) from None


def _resolve(path: Path, format: str | OutputFormat | None) -> OutputFormat:
    if isinstance(format, OutputFormat):
        return format
    return OutputFormat.from_name(format) if format else guess_format(path)


def _writer(fmt: OutputFormat) -> Writer | None:
    writers: dict[OutputFormat, Writer] = import_module(fmt.module).WRITERS
    return writers.get(fmt)


def _reader(fmt: OutputFormat) -> Reader | None:
    readers: dict[OutputFormat, Reader] = import_module(fmt.module).READERS
    return readers.get(fmt)


def write_graph(kg: KnowledgeGraph, path: str | Path, format: str | OutputFormat | None = None) -> Path:
    """Write ``kg`` to ``path`` atomically in ``format`` (or the one its extension names).

    >>> import tempfile, kgraph
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_graph(kgraph.KnowledgeGraph(), Path(folder) / "g.nt").stat().st_size
    0
    """
    target = Path(path)
    fmt = _resolve(target, format)
    writer = _writer(fmt)
    if writer is None:
        raise FormatError(f"format {fmt.value!r} cannot be written")
    writer(kg, target)
    return target


#: What a reader raises on a file it cannot make sense of (bad values, wrong types, deep nesting, I/O).
_READ_ERRORS = (ValueError, KeyError, TypeError, LookupError, AttributeError, OSError, RecursionError, SyntaxError)


def _check_graph_file(source: Path, fmt: OutputFormat) -> None:
    """Fail in one line when ``source`` is missing, or a folder where a file is expected."""
    if fmt is OutputFormat.CSV:  # CSV names a folder or a stem
        return
    if not source.exists():
        raise InputError(f"graph file {str(source)!r} does not exist")
    if not source.is_file():
        raise InputError(f"graph file {str(source)!r} is a folder, not a file")


def _unreadable(source: Path, fmt: OutputFormat, error: BaseException) -> InputError:
    if isinstance(error, InputError):
        return error
    detail = " ".join(str(error).split())[:300] or type(error).__name__
    return InputError(f"cannot read {str(source)!r} as {fmt.value}: {detail}")


def read_graph(path: str | Path, format: str | OutputFormat | None = None, base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """Read a graph file written by kgraph back into a ``KnowledgeGraph``.

    >>> read_graph("missing.ttl")
    Traceback (most recent call last):
    ...
    kgraph.errors.InputError: graph file 'missing.ttl' does not exist
    """
    source = Path(path)
    fmt = _resolve(source, format)
    reader = _reader(fmt)
    if reader is None:
        valid = ", ".join(f.value for f in OutputFormat if _reader(f) is not None)
        raise FormatError(f"format {fmt.value!r} cannot be read back; readable formats: {valid}")
    _check_graph_file(source, fmt)
    try:
        return reader(source, base)
    except _READ_ERRORS as error:
        raise _unreadable(source, fmt, error) from None


def read_quads(path: str | Path, format: str | OutputFormat | None = None) -> list[ox.Quad]:
    """The RDF quads of a graph file: parsed as is for RDF formats, via the graph otherwise."""
    from kgraph.export import rdf_formats
    from kgraph.rdf import to_oxigraph_quads

    source = Path(path)
    fmt = _resolve(source, format)
    if fmt.is_rdf:
        _check_graph_file(source, fmt)
        try:
            return rdf_formats.parse_quads(source, fmt)
        except _READ_ERRORS as error:
            raise _unreadable(source, fmt, error) from None
    return to_oxigraph_quads(read_graph(source, fmt))


def convert(
    source: str | Path,
    target: str | Path,
    *,
    source_format: str | OutputFormat | None = None,
    target_format: str | OutputFormat | None = None,
    base: str = DEFAULT_BASE,
) -> KnowledgeGraph:
    """Read ``source`` and write it to ``target`` (formats from the options or extensions)."""
    kg = read_graph(source, source_format, base=base)
    write_graph(kg, target, target_format)
    return kg


def written_paths(target: str | Path, fmt: OutputFormat) -> list[str]:
    """The files a write of ``fmt`` to ``target`` produces: CSV is two tables, every other format one file.

    >>> written_paths("out/graph.csv", OutputFormat.CSV)
    ['out/graph.entities.csv', 'out/graph.relations.csv']
    >>> written_paths("graph.ttl", OutputFormat.TURTLE)
    ['graph.ttl']
    """
    if fmt is OutputFormat.CSV:
        from kgraph.export.csv_tables import table_paths

        return [str(p) for p in table_paths(Path(target))]
    return [str(target)]
