"""SPARQL over graphs and triple stores (basic: in-memory queries)."""

from __future__ import annotations

__all__ = ["query_graph"]

from rdflib import Graph

from kgraph.errors import KGraphError


def query_graph(graph: Graph, sparql: str) -> list[dict[str, str]]:
    """Run a SPARQL SELECT on an rdflib graph; rows as ``{variable: value}``."""
    try:
        result = graph.query(sparql)
    except Exception as error:  # pyparsing / rdflib raise assorted types for bad queries
        raise KGraphError(f"SPARQL query failed: {error}") from None
    names = [str(v) for v in result.vars or []]
    return [{name: str(row[i]) for i, name in enumerate(names) if row[i] is not None} for row in result]  # type: ignore[index]
