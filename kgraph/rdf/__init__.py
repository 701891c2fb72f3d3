"""The RDF contract (``docs/rdf-contract.md``): kgraph records and graphs as RDF terms.

Every writer gets its triples here, streaming or not: ``record_terms`` turns one document's records
into Oxigraph terms (the streamed N-Triples, N-Quads and Turtle outputs), ``graph_terms`` turns a
``KnowledgeGraph`` into rdflib terms and back (every other format), ``oxigraph`` converts between the
two libraries' terms, and ``vocab`` holds what both emitters share: namespaces, ``kg:`` terms from
the closed ``KG`` namespace only, and the literal text rule. Both emitters give the same triples for
the same documents (``tests/test_engine.py``).
"""

from kgraph.rdf.graph_terms import ENTITY_CLASSES, from_rdflib, iter_quads, iter_triples, to_dataset, to_rdflib
from kgraph.rdf.oxigraph import quads_to_rdflib, to_oxigraph_quads, to_oxigraph_term, to_oxigraph_triples
from kgraph.rdf.record_terms import document_terms, record_quads, record_triples

__all__ = [
    "ENTITY_CLASSES",
    "iter_triples",
    "iter_quads",
    "to_rdflib",
    "to_dataset",
    "from_rdflib",
    "to_oxigraph_term",
    "to_oxigraph_triples",
    "to_oxigraph_quads",
    "quads_to_rdflib",
    "record_triples",
    "record_quads",
    "document_terms",
]
