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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_output
from kgraph.ontology import PREFIXES, bind_prefixes
from kgraph.rdf import from_rdflib, iter_triples

_TRIPLE_FORMATS = {OutputFormat.TURTLE: ox.RdfFormat.TURTLE, OutputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES}
_QUAD_FORMATS = {OutputFormat.NQUADS: ox.RdfFormat.N_QUADS, OutputFormat.TRIG: ox.RdfFormat.TRIG}
_PARSE_FORMATS = {**_TRIPLE_FORMATS, **_QUAD_FORMATS, OutputFormat.JSONLD: ox.RdfFormat.JSON_LD}


def to_oxigraph_term(node: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """The pyoxigraph term of an rdflib term.

    >>> to_oxigraph_term(Literal("x", lang="en"))
    <Literal value=x language=en>
    """
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"cannot convert {node!r} to an RDF term")


def _to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def to_oxigraph_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """Convert rdflib triples to pyoxigraph triples, de-duplicated and sorted (N-Triples order)."""
    unique = {ox.Triple(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o)) for s, p, o in triples}  # type: ignore[arg-type]
    return sorted(unique, key=str)


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
        from kgraph.store import to_oxigraph_quads

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


def quads_to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """The union of the graphs of ``quads`` as an rdflib ``Graph`` (duplicates collapse).

    >>> a = ox.NamedNode("urn:a")
    >>> len(quads_to_rdflib([ox.Quad(a, a, a, a), ox.Quad(a, a, a, ox.NamedNode("urn:g"))]))
    1
    """
    graph = bind_prefixes(Graph())
    for quad in quads:
        graph.add((_to_rdflib_term(quad.subject), _to_rdflib_term(quad.predicate), _to_rdflib_term(quad.object)))  # type: ignore[arg-type]
    return graph


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
