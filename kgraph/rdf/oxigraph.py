"""rdflib terms <-> pyoxigraph terms, and a ``KnowledgeGraph`` as sorted Oxigraph quads."""

from __future__ import annotations

__all__ = ["to_oxigraph_term", "to_rdflib_term", "to_oxigraph_triples", "to_oxigraph_quads", "quads_to_rdflib"]

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.ontology import bind_prefixes
from kgraph.rdf.graph_terms import iter_quads
from kgraph.rdf.vocab import XSD_NS

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph

_XSD_STRING = XSD_NS + "string"


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


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term of a pyoxigraph term (plain ``xsd:string`` literals stay untyped)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def to_oxigraph_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """Convert rdflib triples to pyoxigraph triples, de-duplicated and sorted (N-Triples order)."""
    unique = {ox.Triple(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o)) for s, p, o in triples}  # type: ignore[arg-type]
    return sorted(unique, key=str)


def to_oxigraph_quads(kg: KnowledgeGraph) -> list[ox.Quad]:
    """Every quad of ``kg`` (see ``kgraph.rdf.iter_quads``), de-duplicated and sorted.

    >>> import kgraph
    >>> to_oxigraph_quads(kgraph.KnowledgeGraph())
    []
    """
    unique = {
        ox.Quad(
            to_oxigraph_term(s),  # type: ignore[arg-type]
            to_oxigraph_term(p),  # type: ignore[arg-type]
            to_oxigraph_term(o),
            ox.NamedNode(str(g)) if g is not None else ox.DefaultGraph(),
        )
        for s, p, o, g in iter_quads(kg)
    }
    return sorted(unique, key=lambda q: (str(q.graph_name), str(q)))


def quads_to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """The union of the graphs of ``quads`` as an rdflib ``Graph`` (duplicates collapse).

    >>> a = ox.NamedNode("urn:a")
    >>> len(quads_to_rdflib([ox.Quad(a, a, a, a), ox.Quad(a, a, a, ox.NamedNode("urn:g"))]))
    1
    """
    graph = bind_prefixes(Graph())
    for quad in quads:
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))  # type: ignore[arg-type]
    return graph
