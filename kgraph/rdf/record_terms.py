"""Records -> pyoxigraph triples directly, without rdflib terms: the fast path of streamed output.

The triples are exactly those of ``kgraph.rdf.graph_terms.iter_triples`` over a ``KnowledgeGraph`` holding
the same document (``tests/test_engine.py`` checks it), so the union of the triples of every
document is the RDF of the whole corpus: entity IRIs are deterministic, mention counts are
per-document occurrence nodes, and repeated entity triples are the same triples.
"""

from __future__ import annotations

__all__ = ["record_triples", "record_quads", "document_terms"]

import re
from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox

from kgraph import iri as iris
from kgraph.dates import date_datatype
from kgraph.model import DocumentRecords, EntityRef, Relation, Statement
from kgraph.rdf.vocab import DCT_NS, OWL_NS, PROV_NS, RDF_NS, RDFS_NS, SKOS_NS, XSD_NS, kg_iri, rdf_text
from kgraph.sources import clean_records

_RDF, _RDFS, _XSD, _PROV, _DCT, _SKOS, _OWL = RDF_NS, RDFS_NS, XSD_NS, PROV_NS, DCT_NS, SKOS_NS, OWL_NS

_N = ox.NamedNode
RDF_TYPE, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (_N(_RDF + n) for n in ("type", "subject", "predicate", "object"))
LABEL, ALT_LABEL, SAME_AS = _N(_RDFS + "label"), _N(_SKOS + "altLabel"), _N(_OWL + "sameAs")
DERIVED_FROM = _N(_PROV + "wasDerivedFrom")
DC_DATE, DC_SOURCE, DC_TITLE = _N(_DCT + "date"), _N(_DCT + "source"), _N(_DCT + "title")
XSD_DATE, XSD_DECIMAL, XSD_INTEGER = _N(_XSD + "date"), _N(_XSD + "decimal"), _N(_XSD + "integer")
_KG_TERMS: dict[str, ox.NamedNode] = {}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_Spo = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"]


def _kg(name: str) -> ox.NamedNode:
    """The ``kg:`` term ``name``, from the closed ``KG`` namespace (a name it lacks raises)."""
    term = _KG_TERMS.get(name)
    if term is None:
        term = _KG_TERMS[name] = _N(kg_iri(name))
    return term


def _text(value: str) -> ox.Literal:
    return ox.Literal(rdf_text(value))


# What kgraph.sources.clean_text replaces: controls other than tab and newline, lone
# surrogates, noncharacters. Records from the pipeline are clean already; checking is cheaper
# than rebuilding them.
_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _is_clean(records: DocumentRecords) -> bool:
    d = records.document
    strings = [d.id, d.text, d.source or "", d.title or "", d.date or ""]
    for e in records.entities:
        strings.append(e.name)
        strings.extend(e.aliases)
    for r in records.relations:
        strings += (r.subject.name, r.object.name, r.evidence, r.trigger, r.date or "", r.date_text or "")
        if r.speaker:
            strings.append(r.speaker.name)
    for s in records.statements:
        strings += (s.speaker.name, s.content, s.trigger, s.evidence, s.date or "")
        strings.extend(a.name for a in s.about)
        if s.addressee:
            strings.append(s.addressee.name)
    return _DIRTY.search("\n".join(strings)) is None


def _date(value: str) -> ox.Literal:
    datatype = date_datatype(value)
    return ox.Literal(value, datatype=_N(datatype)) if datatype else _text(value)


@lru_cache(maxsize=256)
def _confidence(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=XSD_DECIMAL)


@lru_cache(maxsize=64)
def _plain(value: str) -> ox.Literal:
    return ox.Literal(value)


class _Iris:
    """IRIs of one document's entities, minted once each."""

    def __init__(self, base: str, labels: dict[str, str]) -> None:
        self.base = base
        self.labels = labels
        self.entities: dict[EntityRef, ox.NamedNode] = {}

    def label(self, node: ox.NamedNode, ref: EntityRef) -> str:
        """The label of ``node``: the first name seen for its IRI in the whole run."""
        return self.labels.setdefault(node.value, ref.name)

    def entity(self, ref: EntityRef) -> ox.NamedNode:
        node = self.entities.get(ref)
        if node is None:
            node = self.entities[ref] = _entity_node(ref, self.base)
        return node


@lru_cache(maxsize=1 << 16)
def _entity_node(ref: EntityRef, base: str) -> ox.NamedNode:
    # Entities recur across documents: mint each IRI once (bounded cache).
    return _N(str(iris.entity_iri(ref, base)))


def record_triples(records: DocumentRecords, base: str, labels: dict[str, str] | None = None) -> Iterator[ox.Triple]:
    """Yield the RDF triples of one document's records (may repeat a triple).

    ``labels`` maps entity IRIs to the first name seen for them; pass the same dict for
    every document of a run so that two names with one IRI ("the UN", "The UN") get
    one label, as in a ``KnowledgeGraph``. It grows with the distinct entities only.

    >>> from kgraph.model import Document
    >>> triples = list(record_triples(DocumentRecords(Document("d1", "Hi.")), "https://example.org/"))
    >>> str(triples[0])
    '<https://example.org/document/d1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kgraph/ontology#Document>'
    """
    return (ox.Triple(s, p, o) for s, p, o in document_terms(records, base, labels))


def document_terms(records: DocumentRecords, base: str, labels: dict[str, str] | None = None) -> list[_Spo]:
    """The ``(subject, predicate, object)`` terms of one document (see :func:`record_triples`);
    the first describes the document node.

    >>> from kgraph.model import Document
    >>> len(document_terms(DocumentRecords(Document("d1", "Hi.")), "https://example.org/"))
    3
    """
    out: list[_Spo] = []
    if not _is_clean(records):
        records = clean_records(records)  # as KnowledgeGraph.add_records does
    document = records.document
    doc_iri = str(iris.document_iri(document.id, base))
    doc = _N(doc_iri)
    out.append((doc, RDF_TYPE, _kg("Document")))
    out.append((doc, _kg("documentId"), _text(document.id)))
    if document.source:
        out.append((doc, DC_SOURCE, _text(document.source)))
    if document.title:
        out.append((doc, DC_TITLE, _text(document.title)))
    if document.date:
        out.append((doc, DC_DATE, _date(document.date)))
    out.append((doc, _kg("contentHash"), ox.Literal(document.content_hash)))
    names = _Iris(base, {} if labels is None else labels)
    described: set[EntityRef] = set()
    counts: dict[ox.NamedNode, int] = {}
    for entity in records.entities:
        ref = entity.ref
        node = names.entity(ref)
        described.add(ref)
        label = names.label(node, ref)
        _entity_triples(out, node, ref, label)
        for alias in entity.aliases | {ref.name}:  # a name that lost the label to an earlier one stays an alias
            if alias != label:
                out.append((node, ALT_LABEL, _text(alias)))
        if entity.geonames_id:
            out.append((node, SAME_AS, _N(str(iris.geonames_iri(entity.geonames_id)))))
        counts[node] = max(counts.get(node, 0), int(entity.mentions))
    for node, count in counts.items():
        out.append((doc, _kg("mentions"), node))
        occurrence = _N(str(iris.occurrence_iri(doc_iri, node.value, base)))
        out.append((occurrence, RDF_TYPE, _kg("Occurrence")))
        out.append((occurrence, _kg("entity"), node))
        out.append((occurrence, DERIVED_FROM, doc))
        out.append((occurrence, _kg("mentionCount"), ox.Literal(str(count), datatype=XSD_INTEGER)))
    assertions: dict[tuple[bool, str], Relation] = {}
    for relation in records.relations:
        for ref in (relation.subject, relation.object):
            if ref not in described:
                described.add(ref)
                node = names.entity(ref)
                _entity_triples(out, node, ref, names.label(node, ref))
        key = str(
            iris.assertion_iri(
                document.id,
                relation.subject,
                relation.relation,
                relation.object,
                relation.start_char,
                relation.trigger,
                base,
                relation.modality.value,
            )
        )
        assertions[(relation.modality.asserted, key)] = relation
    for (asserted, key), relation in assertions.items():
        subject, obj = names.entity(relation.subject), names.entity(relation.object)
        predicate = _kg(relation.relation.value)
        if asserted:
            out.append((subject, predicate, obj))
        _assertion_triples(out, _N(key), relation, subject, predicate, obj, doc, names)
    statements: dict[str, Statement] = {}
    for statement in records.statements:
        if statement.speaker not in described:
            described.add(statement.speaker)
            node = names.entity(statement.speaker)
            _entity_triples(out, node, statement.speaker, names.label(node, statement.speaker))
        statements[str(iris.statement_iri(document.id, statement.speaker, statement.start_char, base))] = statement
    for key, statement in statements.items():
        _statement_triples(out, _N(key), statement, doc, names, document.date)
    return out


def _entity_triples(out: list[_Spo], node: ox.NamedNode, ref: EntityRef, label: str) -> None:
    out.append((node, RDF_TYPE, _kg(ref.type.value)))
    out.append((node, LABEL, _text(label)))


def _assertion_triples(
    out: list[_Spo],
    node: ox.NamedNode,
    r: Relation,
    subject: ox.NamedNode,
    predicate: ox.NamedNode,
    obj: ox.NamedNode,
    doc: ox.NamedNode,
    names: _Iris,
) -> None:
    out.append((node, RDF_TYPE, _kg("Assertion")))
    out.append((node, RDF_SUBJECT, subject))
    out.append((node, RDF_PREDICATE, predicate))
    out.append((node, RDF_OBJECT, obj))
    out.append((node, DERIVED_FROM, doc))
    out.append((node, _kg("evidence"), _text(r.evidence)))
    out.append((node, _kg("trigger"), _text(r.trigger)))
    out.append((node, _kg("confidence"), _confidence(round(float(r.confidence), 2))))
    out.append((node, _kg("modality"), _plain(r.modality.value)))
    if r.date and date_datatype(r.date):
        out.append((node, _kg("date"), _date(r.date)))
    if r.date_text:
        out.append((node, _kg("dateText"), _text(r.date_text)))
    if r.speaker:
        out.append((node, _kg("speaker"), names.entity(r.speaker)))


def _statement_triples(
    out: list[_Spo], node: ox.NamedNode, s: Statement, doc: ox.NamedNode, names: _Iris, document_date: str | None
) -> None:
    out.append((node, RDF_TYPE, _kg("Statement")))
    out.append((node, _kg("speaker"), names.entity(s.speaker)))
    out.append((node, _kg("content"), _text(s.content)))
    out.append((node, _kg("trigger"), _text(s.trigger)))
    out.append((node, _kg("evidence"), _text(s.evidence)))
    out.append((node, DERIVED_FROM, doc))
    if s.addressee:
        out.append((node, _kg("addressee"), names.entity(s.addressee)))
    for about in sorted({names.entity(a).value for a in s.about}):
        out.append((node, _kg("about"), _N(about)))
    date = s.date or document_date
    if date:
        out.append((node, DC_DATE, _date(date)))


def record_quads(records: DocumentRecords, base: str, labels: dict[str, str] | None = None) -> Iterator[ox.Quad]:
    """Yield the triples of :func:`record_triples` in the named graph of their document.

    This is what ``kgraph.rdf.iter_quads`` gives for a graph of one document: every
    triple of a document's graph is tied to that document.

    >>> from kgraph.model import Document
    >>> quad = next(record_quads(DocumentRecords(Document("d1", "Hi.")), "https://example.org/"))
    >>> quad.graph_name.value
    'https://example.org/document/d1'
    """
    terms = document_terms(records, base, labels)
    graph = terms[0][0]  # the first triple describes the document
    return (ox.Quad(s, p, o, graph) for s, p, o in terms)
