"""``kg:Event`` terms (events joined across reports, ``kgraph.events``) as Oxigraph triples.

Streamed outputs write these triples directly; ``graph_terms`` converts them to rdflib terms for the
in-memory writers, so both give the same event triples.
"""

from __future__ import annotations

__all__ = ["event_triples"]

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kgraph.dates import date_datatype
from kgraph.rdf.vocab import RDF_NS, XSD_NS, kg_iri

if TYPE_CHECKING:
    from kgraph.events import Event

_N = ox.NamedNode
_RDF_TYPE = _N(RDF_NS + "type")
_XSD_INTEGER = _N(XSD_NS + "integer")


def _kg(name: str) -> ox.NamedNode:
    return _N(kg_iri(name))  # the closed KG namespace: a name it lacks raises


def _date(value: str) -> ox.Literal | None:
    datatype = date_datatype(value)
    return ox.Literal(value, datatype=_N(datatype)) if datatype else None


def event_triples(events: Iterable[Event]) -> Iterator[ox.Triple]:
    """The triples of ``events``: the one place ``kg:Event`` terms are made, for every writer.

    >>> list(event_triples([]))
    []
    """
    for e in events:
        node = _N(e.iri)
        yield ox.Triple(node, _RDF_TYPE, _kg("Event"))
        yield ox.Triple(node, _kg("eventRelation"), _kg(e.relation.value))
        yield ox.Triple(node, _kg("sourceActor"), _N(e.subject))
        yield ox.Triple(node, _kg("targetActor"), _N(e.object))
        for report in e.reports:
            yield ox.Triple(node, _kg("reportedBy"), _N(report))
        yield ox.Triple(node, _kg("reportCount"), ox.Literal(str(len(e.reports)), datatype=_XSD_INTEGER))
        yield ox.Triple(node, _kg("sourceCount"), ox.Literal(str(e.sources), datatype=_XSD_INTEGER))
        for name, value in (("date", e.date), ("firstReport", e.first_report), ("lastReport", e.last_report)):
            literal = _date(value) if value else None
            if literal is not None:
                yield ox.Triple(node, _kg(name), literal)
