"""RDF serialisations: Turtle, N-Triples, N-Quads, TriG (pyoxigraph, sorted) and JSON-LD (rdflib)."""

from __future__ import annotations

__all__ = [
    "to_oxigraph_term",
    "to_oxigraph_triples",
    "serialize",
    "parse_quads",
    "quads_to_rdflib",
    "WRITERS",
    "READERS",
]

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_output
from kgraph.ontology import PREFIXES, bind_prefixes
from kgraph.rdf import from_rdflib, iter_triples
from kgraph.rdf.oxigraph import quads_to_rdflib, to_oxigraph_quads, to_oxigraph_term, to_oxigraph_triples

_TRIPLE_FORMATS = {OutputFormat.TURTLE: ox.RdfFormat.TURTLE, OutputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES}
_QUAD_FORMATS = {OutputFormat.NQUADS: ox.RdfFormat.N_QUADS, OutputFormat.TRIG: ox.RdfFormat.TRIG}
_PARSE_FORMATS = {**_TRIPLE_FORMATS, **_QUAD_FORMATS, OutputFormat.JSONLD: ox.RdfFormat.JSON_LD}


def _prefixes() -> dict[str, str]:
    # No prefix for the resource base: its IRIs hold "/" that Turtle would have to escape.
    return {name: str(ns) for name, ns in PREFIXES.items()}


def _jsonld(kg: KnowledgeGraph) -> bytes:
    graph = bind_prefixes(Graph(), kg.base)
    for triple in sorted(set(iter_triples(kg))):
        graph.add(triple)
    text = graph.serialize(format="json-ld", context=_prefixes(), auto_compact=True)
    # rdflib's node order follows set iteration; sort every array (kgraph writes no rdf:List).
    canonical = _sorted_json(json.loads(text))
    return (json.dumps(canonical, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize(kg: KnowledgeGraph, fmt: OutputFormat) -> bytes:
    """``kg`` serialised in the RDF format ``fmt`` as bytes (sorted, so byte-identical across runs).

    >>> serialize(KnowledgeGraph(), OutputFormat.NQUADS)
    b''
    """
    if fmt in _TRIPLE_FORMATS:
        triples = to_oxigraph_triples(iter_triples(kg))
        return bytes(ox.serialize(triples, format=_TRIPLE_FORMATS[fmt], prefixes=_prefixes()) or b"")
    if fmt in _QUAD_FORMATS:
        return bytes(ox.serialize(to_oxigraph_quads(kg), format=_QUAD_FORMATS[fmt], prefixes=_prefixes()) or b"")
    if fmt is OutputFormat.JSONLD:
        return _jsonld(kg)
    raise InputError(f"{fmt.value!r} is not an RDF format")


def parse_quads(path: Path, fmt: OutputFormat) -> list[ox.Quad]:
    """Parse an RDF file into quads (triples land in the default graph).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "g.nt").write_text("<urn:a> <urn:b> <urn:c> .")
    ...     [str(q.graph_name) for q in parse_quads(Path(folder, "g.nt"), OutputFormat.NTRIPLES)]
    ['DEFAULT']
    """
    try:
        return list(ox.parse(path=str(path), format=_PARSE_FORMATS[fmt]))
    except FileNotFoundError:
        raise InputError(f"graph file {str(path)!r} does not exist") from None
    except (SyntaxError, ValueError) as error:
        raise InputError(f"cannot parse {str(path)!r} as {fmt.value}: {error}") from None


def _writer(fmt: OutputFormat) -> Callable[[KnowledgeGraph, Path], None]:
    def write(kg: KnowledgeGraph, path: Path) -> None:
        data = serialize(kg, fmt)
        with atomic_output(path, "wb") as handle:
            handle.write(data)

    return write


def _reader(fmt: OutputFormat) -> Callable[[Path, str], KnowledgeGraph]:
    def read(path: Path, base: str) -> KnowledgeGraph:
        return from_rdflib(quads_to_rdflib(parse_quads(path, fmt)), base)

    return read


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {fmt: _writer(fmt) for fmt in _PARSE_FORMATS}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {fmt: _reader(fmt) for fmt in _PARSE_FORMATS}
