"""SHACL shapes: graphs built from the dev set conform; broken graphs are caught and explained."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document
from kgraph.ontology import KG
from kgraph.rdf import to_dataset
from kgraph.shacl import validate_file, validate_graph
from tests.conftest import run_cli
from tests.output_fixtures import cli, sample_graph


@pytest.fixture(scope="module")
def dev_graph(nlp: Any, dev_documents: list[dict[str, Any]]) -> KnowledgeGraph:
    """The gold documents built once by the real pipeline."""
    import kgraph

    documents = [
        Document(id=d["id"], text=d["text"], source=d.get("source"), title=d.get("title")) for d in dev_documents
    ]
    return kgraph.build(documents, nlp=nlp)


def test_every_dev_document_graph_conforms(dev_graph: KnowledgeGraph, dev_documents: list[dict[str, Any]]) -> None:
    # A Dataset is validated graph by graph: each document's named graph must conform on its own ...
    dataset = to_dataset(dev_graph)
    named = [g for g in dataset.graphs() if len(g) and str(g.identifier) in dev_graph.documents]
    assert len(named) == len(dev_documents)
    report = validate_graph(dataset)
    assert report.conforms, report.summary()
    # ... and so must the union of the whole corpus.
    report = validate_graph(dev_graph.to_rdflib())
    assert report.conforms, report.summary()
    assert dev_graph.graph.number_of_edges() > 0


def test_hand_built_graph_conforms() -> None:
    report = validate_graph(sample_graph().to_rdflib())
    assert report.conforms, report.summary()


def _broken(edit: str) -> Graph:
    kg = sample_graph()
    graph = kg.to_rdflib()
    rubio = URIRef(kg.node_by_label("Marco Rubio"))
    nato = URIRef(kg.node_by_label("NATO"))
    position = URIRef(kg.node_by_label("Secretary of State"))
    assertion = next(a for a in kg.assertions() if a.trigger == "urged")
    if edit == "two types":
        graph.add((rubio, RDF.type, KG.Country))
    elif edit == "no label":
        graph.remove((rubio, RDFS.label, None))
    elif edit == "two labels":
        graph.add((rubio, RDFS.label, Literal("Rubio, Marco")))
    elif edit == "no evidence":
        graph.remove((URIRef(assertion.iri), KG.evidence, None))
    elif edit == "no document":
        graph.remove((URIRef(assertion.iri), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    elif edit == "no provenance":
        graph.add((nato, KG.attacks, rubio))
    elif edit == "bad range":
        graph.add((rubio, KG.memberOf, position))
        graph.add((rubio, KG.holdsPosition, nato))
    elif edit == "bad domain":
        graph.add((position, KG.appealsTo, nato))
    elif edit == "confidence above one":
        graph.set((URIRef(assertion.iri), KG.confidence, Literal(1.5)))
    return graph


@pytest.mark.parametrize(
    "edit, path",
    [
        ("two types", str(RDF.type)),
        ("no label", str(RDFS.label)),
        ("two labels", str(RDFS.label)),
        ("no evidence", str(KG.evidence)),
        ("no document", "http://www.w3.org/ns/prov#wasDerivedFrom"),
        ("no provenance", str(KG.attacks)),
        ("bad range", str(KG.memberOf)),
        ("bad domain", ""),
        ("confidence above one", str(KG.confidence)),
    ],
)
def test_broken_graphs_are_reported(edit: str, path: str) -> None:
    report = validate_graph(_broken(edit))
    assert not report.conforms
    assert any(v.path == path for v in report.violations), report.summary()


def test_cli_validate(tmp_path: Path) -> None:
    good = sample_graph().write(tmp_path / "good.trig")
    done = run_cli("validate", str(good))
    assert done.returncode == 0 and b"conforms" in done.stdout
    bad = tmp_path / "bad.ttl"
    _broken("no evidence").serialize(bad, format="turtle")
    code, out, err = cli("validate", str(bad))
    assert code == 1 and "does not conform" in err
    assert "evidence" in out
    assert not validate_file(bad).conforms
