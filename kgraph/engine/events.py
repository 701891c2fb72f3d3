"""Events for streamed outputs and stores: the ``kg:Event`` triples written after the last batch.

Streamed writers never hold the graph, so :class:`EventCollector` keeps only what events need
(one small ``Assertion`` per asserted act, and each document's source and date) and gives the
event triples at the end. A store is different: its events join reports of every run, so
:func:`refresh_store_events` recomputes them from all the assertions in the store.
"""

from __future__ import annotations

__all__ = ["EventCollector", "event_triples", "refresh_store_events"]

from collections.abc import Sequence

import pyoxigraph as ox

from kgraph import iri as iris
from kgraph.events import DEFAULT_WINDOW, EVENT_RELATIONS, find_events
from kgraph.graph import Assertion, DocumentInfo
from kgraph.iri import events_graph_iri
from kgraph.model import DocumentRecords, Modality, RelationType
from kgraph.rdf.event_terms import event_triples
from kgraph.rdf.vocab import relation_iri

_N = ox.NamedNode


class EventCollector:
    """Keeps what events need from batches of records, and gives the event triples at the end."""

    def __init__(self, base: str, window: int = DEFAULT_WINDOW) -> None:
        self.base = base
        self.window = window
        self.assertions: list[Assertion] = []
        self.documents: dict[str, DocumentInfo] = {}

    def add(self, batch: Sequence[DocumentRecords]) -> int:
        for records in batch:
            document = records.document
            doc_iri = str(iris.document_iri(document.id, self.base))
            self.documents[doc_iri] = DocumentInfo(doc_iri, document.id, document.source, None, document.date)
            for r in records.relations:
                if r.relation not in EVENT_RELATIONS or not r.modality.asserted:
                    continue
                self.assertions.append(
                    Assertion(
                        iri=str(
                            iris.assertion_iri(
                                document.id, r.subject, r.relation, r.object, r.start_char, r.trigger, self.base
                            )
                        ),
                        subject=str(iris.entity_iri(r.subject, self.base)),
                        relation=r.relation,
                        object=str(iris.entity_iri(r.object, self.base)),
                        document=doc_iri,
                        evidence="",
                        trigger=r.trigger,
                        confidence=0.0,
                        date=r.date,
                        date_text=r.date_text,
                    )
                )
        return 0

    def triples(self) -> list[ox.Triple]:
        events = find_events(self.assertions, self.documents, window=self.window, base=self.base)
        return list(dict.fromkeys(event_triples(events)))


_ASSERTIONS = """
SELECT ?a ?s ?p ?o ?doc ?date ?text ?source ?published ?id WHERE {
  GRAPH ?g { ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ;
                kg:modality "asserted" .
             OPTIONAL { ?a kg:date ?date } OPTIONAL { ?a kg:dateText ?text } }
  OPTIONAL { GRAPH ?h { ?doc kg:documentId ?id . OPTIONAL { ?doc dcterms:source ?source }
                        OPTIONAL { ?doc dcterms:date ?published } } }
}
"""
_PREFIXES = (
    "PREFIX kg: <https://w3id.org/kgraph/ontology#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
)
_RELATIONS = {relation_iri(r): r for r in EVENT_RELATIONS}


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def refresh_store_events(store: ox.Store, base: str, window: int = DEFAULT_WINDOW) -> int:
    """Recompute the events of every assertion in ``store`` and replace its ``kg:Event`` triples.

    Events live in their own graph (:func:`kgraph.iri.events_graph_iri`), rebuilt here from
    the assertions of all runs. Returns the number of event triples written.

    >>> refresh_store_events(ox.Store(), "https://example.org/")
    0
    """
    assertions: dict[str, Assertion] = {}
    documents: dict[str, DocumentInfo] = {}
    for row in store.query(_PREFIXES + _ASSERTIONS):  # type: ignore[union-attr]
        relation: RelationType | None = _RELATIONS.get(_value(row["p"]) or "")
        if relation is None:
            continue
        doc = _value(row["doc"]) or ""
        if doc not in documents or documents[doc].date is None:
            documents[doc] = DocumentInfo(
                doc, _value(row["id"]) or doc, _value(row["source"]), None, _value(row["published"])
            )
        iri = _value(row["a"]) or ""
        assertions[iri] = Assertion(
            iri,
            _value(row["s"]) or "",
            relation,
            _value(row["o"]) or "",
            doc,
            "",
            "",
            0.0,
            Modality.ASSERTED,
            date=_value(row["date"]),
            date_text=_value(row["text"]),
        )
    from kgraph.store import store_quads

    graph = _N(str(events_graph_iri(base)))
    for stale in list(store.quads_for_pattern(None, None, None, graph)):
        store.remove(stale)  # and its copy in the merged (default) graph of the store model
        store.remove(ox.Quad(stale.subject, stale.predicate, stale.object, ox.DefaultGraph()))
    events = find_events(assertions.values(), documents, window=window, base=base)
    quads = store_quads(ox.Quad(t.subject, t.predicate, t.object, graph) for t in event_triples(events))
    store.extend(quads)
    return len(quads)
