"""ontologies/kgraph.ttl, kgraph.ontology.KG and RelationType stay in sync, both ways."""

from __future__ import annotations

import subprocess

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kgraph.model import EntityType, RelationType
from kgraph.ontology import KG, KG_NS, ontology_path, shapes_path
from tests.conftest import ROOT, require_tool

SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _declared(ontology: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {str(s) for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(KG_NS)}


def _code_terms() -> set[str]:
    return {KG_NS + name for name in KG.__annotations__}


def test_every_code_term_is_declared_in_the_ttl(ontology: Graph) -> None:
    missing = _code_terms() - _declared(ontology)
    assert not missing, f"declare in kgraph.ttl: {sorted(missing)}"


def test_every_ttl_term_exists_in_the_code(ontology: Graph) -> None:
    used = {str(t) for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    extra = used - _code_terms()
    assert not extra, f"add to kgraph.ontology.KG or remove from kgraph.ttl: {sorted(extra)}"


def test_relation_inventory_matches_relation_type(ontology: Graph) -> None:
    properties = {str(s) for s in ontology.subjects(RDF.type, OWL.ObjectProperty)}
    for relation in RelationType:
        assert KG_NS + relation.value in properties
    assert {KG_NS + e.value for e in EntityType} <= {str(s) for s in ontology.subjects(RDF.type, OWL.Class)}


@pytest.mark.parametrize("relation", list(RelationType), ids=str)
def test_relation_is_described(ontology: Graph, relation: RelationType) -> None:
    prop = URIRef(KG_NS + relation.value)
    assert ontology.value(prop, RDFS.label) is not None
    assert ontology.value(prop, RDFS.comment) is not None
    assert ontology.value(prop, RDFS.domain) is not None
    assert ontology.value(prop, RDFS.range) is not None
    symmetric = (prop, RDF.type, OWL.SymmetricProperty) in ontology
    assert symmetric == relation.symmetric
    categories = {str(c) for c in ontology.objects(prop, KG.ploverCategory)}
    assert (relation.plover in categories) if relation.plover else not categories


def test_every_term_has_label_and_comment(ontology: Graph) -> None:
    for term in _declared(ontology):
        assert ontology.value(URIRef(term), RDFS.label) is not None, term
        assert ontology.value(URIRef(term), RDFS.comment) is not None, term


def test_alignment_with_schema_org_and_prov(ontology: Graph) -> None:
    def supers(cls: URIRef) -> set[str]:
        return {str(o) for o in ontology.transitive_objects(cls, RDFS.subClassOf)}

    assert SCHEMA + "Person" in supers(KG.Person)
    assert SCHEMA + "Organization" in supers(KG.Organization)
    assert SCHEMA + "Country" in supers(KG.Country)
    assert SCHEMA + "Place" in supers(KG.Location) and SCHEMA + "Place" in supers(KG.Country)
    assert str(PROV.Entity) in supers(KG.Assertion) and str(PROV.Entity) in supers(KG.Document)
    assert str(RDF.Statement) in supers(KG.Assertion)
    assert (KG.appealsTo, KG.ploverCategory, Literal("REQUEST")) in ontology


def test_root_symlink_points_at_the_package_ontologies() -> None:
    link = ROOT / "ontologies"
    assert link.is_symlink() and (link / "kgraph.ttl").resolve() == ontology_path().resolve()


@pytest.mark.parametrize("path", [ontology_path(), shapes_path()], ids=lambda p: p.name)
def test_ttl_files_pass_rapper(path: object) -> None:
    rapper = require_tool("rapper")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
