"""``KnowledgeGraph`` <-> rdflib terms, following the RDF contract (``docs/rdf-contract.md``)."""

from __future__ import annotations

__all__ = ["iter_triples", "iter_quads", "to_rdflib", "to_dataset", "from_rdflib", "ENTITY_CLASSES"]

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, XSD
from rdflib.term import Node

from kgraph.dates import date_datatype
from kgraph.graph import Assertion, DocumentInfo, KnowledgeGraph, StatementInfo
from kgraph.iri import events_graph_iri, occurrence_iri
from kgraph.model import EntityType, Modality, RelationType
from kgraph.ontology import DEFAULT_BASE, KG, bind_prefixes
from kgraph.rdf.vocab import class_iri, rdf_text, relation_iri

if TYPE_CHECKING:
    from kgraph.events import Event

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef | None]

ENTITY_CLASSES: dict[EntityType, URIRef] = {t: URIRef(class_iri(t)) for t in EntityType}
_CLASS_TYPES = {v: k for k, v in ENTITY_CLASSES.items()}
_RELATIONS = {URIRef(relation_iri(r)): r for r in RelationType}


def _date(value: str) -> Literal:
    """A date as a typed literal (xsd:date, gYearMonth or gYear) when it is a valid one, else plain text."""
    datatype = date_datatype(value)
    return Literal(value, datatype=URIRef(datatype)) if datatype else _text(value)


def _text(value: str) -> Literal:
    return Literal(rdf_text(value))


def iter_triples(kg: KnowledgeGraph) -> Iterator[Triple]:
    """Yield every triple of ``kg`` per the output contract (unsorted)."""
    g = kg.graph
    for node, data in g.nodes(data=True):
        subject = URIRef(node)
        yield subject, RDF.type, ENTITY_CLASSES[EntityType(data["type"])]
        yield subject, RDFS.label, _text(data["label"])
        for alias in data["aliases"]:
            yield subject, SKOS.altLabel, _text(alias)
        for link in data["links"]:
            yield subject, OWL.sameAs, URIRef(link)
        for doc, count in data["occurrences"].items():
            yield URIRef(doc), KG.mentions, subject
            occurrence = occurrence_iri(doc, node, kg.base)
            yield occurrence, RDF.type, KG.Occurrence
            yield occurrence, KG.entity, subject
            yield occurrence, PROV.wasDerivedFrom, URIRef(doc)
            yield occurrence, KG.mentionCount, Literal(int(count))
    for s, o, key, data in g.edges(keys=True, data=True):
        yield URIRef(s), URIRef(relation_iri(key)), URIRef(o)
        for assertion in data["assertions"].values():
            yield from _assertion_triples(assertion)
    for assertion in kg.claims.values():
        yield from _assertion_triples(assertion)
    for info in kg.documents.values():
        yield from _document_triples(info)
    for statement in kg.statements.values():
        yield from _statement_triples(statement)
    for event in kg.events():
        yield from _event_triples(event)


def _entity_triples(subject: URIRef, data: dict[str, object]) -> Iterator[Triple]:
    yield subject, RDF.type, ENTITY_CLASSES[EntityType(data["type"])]
    yield subject, RDFS.label, _text(str(data["label"]))
    for alias in data["aliases"]:  # type: ignore[attr-defined]
        yield subject, SKOS.altLabel, _text(alias)
    for link in data["links"]:  # type: ignore[attr-defined]
        yield subject, OWL.sameAs, URIRef(link)


def _entity_documents(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Node IRI -> the documents that mention it or hold an assertion about it."""
    found: dict[str, set[str]] = {node: set(data["occurrences"]) for node, data in kg.graph.nodes(data=True)}
    for assertion in kg.assertions():
        for node in (assertion.subject, assertion.object, assertion.speaker):
            if node in found:
                found[node].add(assertion.document)
    for statement in kg.statements.values():
        for node in (statement.speaker, statement.addressee, *statement.about):
            if node in found:
                found[node].add(statement.document)
    return found


def iter_quads(kg: KnowledgeGraph) -> Iterator[Quad]:
    """Yield the triples of :func:`iter_triples` placed in one named graph per document.

    Each document's assertions, occurrences, statements and its own description go in
    the graph named by the document IRI; an entity's description (type, labels, links)
    and each direct relation triple are repeated in every document graph that speaks of
    them, so each graph stands alone and the union of all graphs is exactly
    :func:`iter_triples`. Triples tied to no document (``None``) go in the default graph.

    >>> from kgraph.graph import KnowledgeGraph
    >>> list(iter_quads(KnowledgeGraph()))
    []
    """
    g = kg.graph
    documents = _entity_documents(kg)
    for node, data in g.nodes(data=True):
        subject = URIRef(node)
        graphs: list[URIRef | None] = [URIRef(d) for d in sorted(documents[node])] or [None]
        for triple in _entity_triples(subject, data):
            for graph in graphs:
                yield (*triple, graph)
        for doc, count in data["occurrences"].items():
            graph = URIRef(doc)
            occurrence = occurrence_iri(doc, node, kg.base)
            yield graph, KG.mentions, subject, graph
            yield occurrence, RDF.type, KG.Occurrence, graph
            yield occurrence, KG.entity, subject, graph
            yield occurrence, PROV.wasDerivedFrom, graph, graph
            yield occurrence, KG.mentionCount, Literal(int(count)), graph
    for s, o, key, data in g.edges(keys=True, data=True):
        direct = (URIRef(s), URIRef(relation_iri(key)), URIRef(o))
        edge_documents = sorted({a.document for a in data["assertions"].values()})
        edge_graphs: list[URIRef | None] = [URIRef(d) for d in edge_documents]
        for graph in edge_graphs or [None]:
            yield (*direct, graph)
        for assertion in data["assertions"].values():
            for triple in _assertion_triples(assertion):
                yield (*triple, URIRef(assertion.document))
    for assertion in kg.claims.values():
        for triple in _assertion_triples(assertion):
            yield (*triple, URIRef(assertion.document))
    for info in kg.documents.values():
        for triple in _document_triples(info):
            yield (*triple, URIRef(info.iri))
    for statement in kg.statements.values():
        for triple in _statement_triples(statement):
            yield (*triple, URIRef(statement.document))
    events_graph = events_graph_iri(kg.base)  # an event joins documents: it has a graph of its own
    for event in kg.events():
        for triple in _event_triples(event):
            yield (*triple, events_graph)


def _assertion_triples(a: Assertion) -> Iterator[Triple]:
    node = URIRef(a.iri)
    yield node, RDF.type, KG.Assertion
    yield node, RDF.subject, URIRef(a.subject)
    yield node, RDF.predicate, URIRef(relation_iri(a.relation))
    yield node, RDF.object, URIRef(a.object)
    yield node, PROV.wasDerivedFrom, URIRef(a.document)
    yield node, KG.evidence, _text(a.evidence)
    yield node, KG.trigger, _text(a.trigger)
    yield node, KG.confidence, Literal(Decimal(f"{a.confidence:.2f}"), datatype=XSD.decimal)
    yield node, KG.modality, Literal(a.modality.value)
    if a.date and date_datatype(a.date):
        yield node, KG.date, _date(a.date)
    if a.date_text:
        yield node, KG.dateText, _text(a.date_text)
    if a.speaker:
        yield node, KG.speaker, URIRef(a.speaker)


def _event_triples(e: Event) -> Iterator[Triple]:
    from kgraph.rdf.event_terms import event_triples
    from kgraph.rdf.oxigraph import to_rdflib_term

    for triple in event_triples([e]):
        yield to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)  # type: ignore[arg-type]


def _document_triples(d: DocumentInfo) -> Iterator[Triple]:
    node = URIRef(d.iri)
    yield node, RDF.type, KG.Document
    yield node, KG.documentId, _text(d.id)
    if d.source:
        yield node, DCTERMS.source, _text(d.source)
    if d.title:
        yield node, DCTERMS.title, _text(d.title)
    if d.date:
        yield node, DCTERMS.date, _date(d.date)
    if d.content_hash:
        yield node, KG.contentHash, Literal(d.content_hash)


def _statement_triples(s: StatementInfo) -> Iterator[Triple]:
    node = URIRef(s.iri)
    yield node, RDF.type, KG.Statement
    yield node, KG.speaker, URIRef(s.speaker)
    yield node, KG.content, _text(s.content)
    yield node, KG.trigger, _text(s.trigger)
    yield node, KG.evidence, _text(s.evidence)
    yield node, PROV.wasDerivedFrom, URIRef(s.document)
    if s.addressee:
        yield node, KG.addressee, URIRef(s.addressee)
    for about in s.about:
        yield node, KG.about, URIRef(about)
    if s.date:
        yield node, DCTERMS.date, _date(s.date)


def to_rdflib(kg: KnowledgeGraph) -> Graph:
    """All of ``kg`` as an rdflib ``Graph`` with kgraph's prefixes bound."""
    graph = bind_prefixes(Graph(), kg.base)
    for triple in iter_triples(kg):
        graph.add(triple)
    return graph


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """All of ``kg`` as an rdflib ``Dataset``, one named graph per document (see :func:`iter_quads`).

    >>> from kgraph.graph import KnowledgeGraph
    >>> len(to_dataset(KnowledgeGraph()))
    0
    """
    dataset = Dataset()
    bind_prefixes(dataset, kg.base)
    for s, p, o, g in iter_quads(kg):
        dataset.add((s, p, o, g or dataset.default_graph.identifier))  # type: ignore[arg-type]
    return dataset


def _one(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _first(value: str | None, default: str) -> str:
    return default if value is None else value


def from_rdflib(graph: Graph, base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """Rebuild a ``KnowledgeGraph`` from kgraph RDF; the inverse of :func:`to_rdflib`."""
    kg = KnowledgeGraph(base)
    g = kg.graph
    for cls, entity_type in _CLASS_TYPES.items():
        for node in graph.subjects(RDF.type, cls):
            iri = str(node)
            label = _one(graph, node, RDFS.label) or iri.rsplit("/", 1)[-1]
            g.add_node(
                iri,
                label=label,
                type=entity_type.value,
                aliases={str(a) for a in graph.objects(node, SKOS.altLabel)} - {label},
                links={str(x) for x in graph.objects(node, OWL.sameAs)},
                occurrences={},
            )
    for occurrence in graph.subjects(RDF.type, KG.Occurrence):
        entity, doc = graph.value(occurrence, KG.entity), graph.value(occurrence, PROV.wasDerivedFrom)
        count = graph.value(occurrence, KG.mentionCount)
        if entity is not None and doc is not None and str(entity) in g:
            g.nodes[str(entity)]["occurrences"][str(doc)] = int(str(count)) if count is not None else 0
    for node in g.nodes:
        g.nodes[node]["mentions"] = sum(g.nodes[node]["occurrences"].values())
    for doc in graph.subjects(RDF.type, KG.Document):
        kg.add_document(
            DocumentInfo(
                iri=str(doc),
                id=_first(_one(graph, doc, KG.documentId), str(doc)),  # "" is an id too
                source=_one(graph, doc, DCTERMS.source),
                title=_one(graph, doc, DCTERMS.title),
                date=_one(graph, doc, DCTERMS.date),
                content_hash=_one(graph, doc, KG.contentHash),
            )
        )
    for node in graph.subjects(RDF.type, KG.Assertion):
        predicate = graph.value(node, RDF.predicate)
        if predicate not in _RELATIONS:
            continue
        confidence = graph.value(node, KG.confidence)
        kg.add_assertion(
            Assertion(
                iri=str(node),
                subject=str(graph.value(node, RDF.subject)),
                relation=_RELATIONS[predicate],  # type: ignore[index]
                object=str(graph.value(node, RDF.object)),
                document=str(graph.value(node, PROV.wasDerivedFrom)),
                evidence=_one(graph, node, KG.evidence) or "",
                trigger=_one(graph, node, KG.trigger) or "",
                confidence=float(str(confidence)) if confidence is not None else 0.0,
                modality=Modality(_one(graph, node, KG.modality) or "asserted"),
                date=_one(graph, node, KG.date) or _one(graph, node, DCTERMS.date),
                speaker=_one(graph, node, KG.speaker),
                date_text=_one(graph, node, KG.dateText),
            )
        )
    # Direct triples without a provenance node (e.g. hand-written RDF) still become edges.
    for predicate, relation in _RELATIONS.items():
        for s, o in graph.subject_objects(predicate):
            if str(s) in g and str(o) in g and not g.has_edge(str(s), str(o), relation):
                g.add_edge(
                    str(s),
                    str(o),
                    key=relation,
                    relation=relation.value,
                    assertions={},
                    count=0,
                    confidence=0.0,
                    documents=[],
                    reports=0,
                    dates=[],
                    date=None,
                )
    for node in graph.subjects(RDF.type, KG.Statement):
        kg.add_statement(
            StatementInfo(
                iri=str(node),
                speaker=str(graph.value(node, KG.speaker)),
                content=_one(graph, node, KG.content) or "",
                trigger=_one(graph, node, KG.trigger) or "",
                evidence=_one(graph, node, KG.evidence) or "",
                document=str(graph.value(node, PROV.wasDerivedFrom)),
                addressee=_one(graph, node, KG.addressee),
                about=tuple(sorted(str(a) for a in graph.objects(node, KG.about))),
                date=_one(graph, node, DCTERMS.date),
            )
        )
    return kg
