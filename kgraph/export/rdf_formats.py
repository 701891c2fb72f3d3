"""RDF serialisations through pyoxigraph: sorted, deterministic, escaped by the serialiser."""

from __future__ import annotations

__all__ = ["to_oxigraph_triples", "serialize", "WRITERS", "READERS"]

from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_output
from kgraph.ontology import PREFIXES
from kgraph.rdf import from_rdflib, iter_triples

_OX_FORMATS = {OutputFormat.TURTLE: ox.RdfFormat.TURTLE, OutputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES}


def _term(node: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
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


def to_oxigraph_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """Convert rdflib triples to pyoxigraph triples, de-duplicated and sorted (N-Triples order)."""
    unique = {ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in triples}  # type: ignore[arg-type]
    return sorted(unique, key=str)


def _prefixes(base: str) -> dict[str, str]:
    # No prefix for the resource base: its IRIs hold "/" that Turtle would have to escape.
    return {name: str(ns) for name, ns in PREFIXES.items()}


def serialize(kg: KnowledgeGraph, fmt: OutputFormat) -> bytes:
    """``kg`` serialised in ``fmt`` as bytes."""
    triples = to_oxigraph_triples(iter_triples(kg))
    return ox.serialize(triples, format=_OX_FORMATS[fmt], prefixes=_prefixes(kg.base))  # type: ignore[no-any-return]


def _writer(fmt: OutputFormat) -> Callable[[KnowledgeGraph, Path], None]:
    def write(kg: KnowledgeGraph, path: Path) -> None:
        data = serialize(kg, fmt)
        with atomic_output(path, "wb") as handle:
            handle.write(data)

    return write


def _reader(rdflib_format: str) -> Callable[[Path, str], KnowledgeGraph]:
    def read(path: Path, base: str) -> KnowledgeGraph:
        graph = Graph()
        try:
            graph.parse(path, format=rdflib_format)
        except FileNotFoundError:
            raise InputError(f"graph file {str(path)!r} does not exist") from None
        except Exception as error:  # rdflib raises many parser-specific types
            raise InputError(f"cannot parse {str(path)!r} as {rdflib_format}: {error}") from None
        return from_rdflib(graph, base)

    return read


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {fmt: _writer(fmt) for fmt in _OX_FORMATS}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {
    OutputFormat.TURTLE: _reader("turtle"),
    OutputFormat.NTRIPLES: _reader("nt"),
}
