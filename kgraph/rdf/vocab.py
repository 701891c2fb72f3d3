"""The RDF vocabulary every kgraph writer uses: namespaces, ``kg:`` terms and literal text rules.

``kg:`` terms come only from the closed ``KG`` namespace (``kgraph.ontology``): a name the ontology
does not define raises ``AttributeError`` instead of minting a new predicate.

>>> relation_iri(RelationType.SUPPORTS)
'https://w3id.org/kgraph/ontology#supports'
>>> kg_iri("suports")
Traceback (most recent call last):
...
AttributeError: term 'suports' not in namespace 'https://w3id.org/kgraph/ontology#'
>>> rdf_text("a\\ud800b")
'a\\ufffdb'
"""

from __future__ import annotations

__all__ = [
    "RDF_NS",
    "RDFS_NS",
    "XSD_NS",
    "PROV_NS",
    "DCT_NS",
    "SKOS_NS",
    "OWL_NS",
    "kg_iri",
    "relation_iri",
    "class_iri",
    "rdf_text",
]

import re
from functools import lru_cache

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kgraph.model import EntityType, RelationType
from kgraph.ontology import KG

RDF_NS, RDFS_NS, XSD_NS = str(RDF), str(RDFS), str(XSD)
PROV_NS, DCT_NS, SKOS_NS, OWL_NS = str(PROV), str(DCTERMS), str(SKOS), str(OWL)

# Lone surrogates cannot be encoded by any serialiser, and RDF parsers (raptor) reject
# the noncharacters U+FDD0..U+FDEF, U+FFFE and U+FFFF: untrusted text gets U+FFFD in their place.
_UNSERIALISABLE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def rdf_text(value: str) -> str:
    """``value`` with the characters no RDF serialisation can carry replaced by U+FFFD."""
    return _UNSERIALISABLE.sub("\ufffd", value)


@lru_cache(maxsize=256)
def kg_iri(name: str) -> str:
    """The IRI of the ``kg:`` term ``name``; ``AttributeError`` when the ontology has no such term."""
    return str(KG[name])


def relation_iri(relation: RelationType | str) -> str:
    """The ``kg:`` property of a relation."""
    return kg_iri(RelationType(relation).value)


def class_iri(entity_type: EntityType | str) -> str:
    """The ``kg:`` class of an entity type."""
    return kg_iri(EntityType(entity_type).value)
