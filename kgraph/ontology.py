"""The ``kg:`` ontology namespace and the prefixes every kgraph output binds."""

from __future__ import annotations

__all__ = ["KG", "KG_NS", "DEFAULT_BASE", "PREFIXES", "bind_prefixes", "ontology_path", "shapes_path"]

from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

KG_NS = "https://w3id.org/kgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/kgraph/id/"


class KG(DefinedNamespace):
    """The kgraph ontology (``ontologies/kgraph.ttl``); a typo raises ``AttributeError``.

    >>> str(KG.appealsTo)
    'https://w3id.org/kgraph/ontology#appealsTo'
    """

    _fail = True
    _NS = Namespace(KG_NS)

    # classes
    Entity: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Location: URIRef
    Group: URIRef
    Position: URIRef
    Document: URIRef
    Assertion: URIRef
    Statement: URIRef
    Occurrence: URIRef
    Event: URIRef
    # relations (the inventory)
    holdsPosition: URIRef
    affiliatedWith: URIRef
    memberOf: URIRef
    leads: URIRef
    locatedIn: URIRef
    appealsTo: URIRef
    consultsWith: URIRef
    supports: URIRef
    cooperatesWith: URIRef
    aids: URIRef
    accuses: URIRef
    rejects: URIRef
    threatens: URIRef
    sanctions: URIRef
    attacks: URIRef
    inConflictWith: URIRef
    relatedTo: URIRef
    # provenance and bookkeeping
    evidence: URIRef
    trigger: URIRef
    confidence: URIRef
    modality: URIRef
    speaker: URIRef
    addressee: URIRef
    content: URIRef
    about: URIRef
    documentId: URIRef
    contentHash: URIRef
    mentions: URIRef
    entity: URIRef
    mentionCount: URIRef
    ploverCategory: URIRef
    # time and events
    date: URIRef
    dateText: URIRef
    reportedBy: URIRef
    eventRelation: URIRef
    sourceActor: URIRef
    targetActor: URIRef
    reportCount: URIRef
    sourceCount: URIRef
    firstReport: URIRef
    lastReport: URIRef


PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(KG_NS),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "schema": Namespace("https://schema.org/"),
    "gn": Namespace("https://sws.geonames.org/"),
}


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind kgraph's prefixes (and ``kgid:`` for the resource base) on ``graph``.

    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["kg"] == URIRef(KG_NS)
    True
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("kgid", Namespace(base), override=True, replace=True)
    return graph


def ontology_path() -> Path:
    """Path of the installed OWL ontology ``kgraph.ttl``."""
    return Path(str(resources.files("kgraph") / "ontologies" / "kgraph.ttl"))


def shapes_path() -> Path:
    """Path of the installed SHACL shapes ``kgraph-shapes.ttl``."""
    return Path(str(resources.files("kgraph") / "ontologies" / "kgraph-shapes.ttl"))
