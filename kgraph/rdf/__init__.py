"""The RDF contract (``docs/rdf-contract.md``): kgraph records and graphs as RDF terms.

Every writer gets its triples here, streaming or not: ``record_terms`` turns one document's records
into Oxigraph terms (the streamed N-Triples, N-Quads and Turtle outputs), ``graph_terms`` turns a
``KnowledgeGraph`` into rdflib terms and back (every other format), ``event_terms`` makes the
``kg:Event`` terms for both, ``oxigraph`` converts between the two libraries' terms, and ``vocab``
holds what both emitters share: namespaces, ``kg:`` terms from the closed ``KG`` namespace only, and
the literal text rule. Both emitters give the same triples for
the same documents (``tests/test_engine.py``).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kgraph.rdf.graph_terms import ENTITY_CLASSES, from_rdflib, iter_quads, iter_triples, to_dataset, to_rdflib
    from kgraph.rdf.oxigraph import quads_to_rdflib, to_oxigraph_quads, to_oxigraph_term, to_oxigraph_triples
    from kgraph.rdf.record_terms import document_terms, record_quads, record_triples

_HOMES = {
    "graph_terms": ("ENTITY_CLASSES", "iter_triples", "iter_quads", "to_rdflib", "to_dataset", "from_rdflib"),
    "oxigraph": ("to_oxigraph_term", "to_oxigraph_triples", "to_oxigraph_quads", "quads_to_rdflib"),
    "record_terms": ("record_triples", "record_quads", "document_terms"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    """Load a submodule on first use, so ``kgraph.rdf.vocab`` alone stays light."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"kgraph.rdf.{module}"), name)
