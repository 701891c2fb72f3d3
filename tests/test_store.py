"""Triple stores: the embedded Oxigraph store and a real ``oxigraph serve`` over HTTP."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.errors import InputError, StoreError
from kgraph.graph import KnowledgeGraph
from kgraph.store import (
    add_graph,
    open_store,
    query_endpoint,
    query_graph,
    query_store,
    query_target,
    store_to_graph,
    stored_documents,
    upload_graph,
)
from tests.conftest import ROOT, run_cli
from tests.output_fixtures import cli, sample_graph

PEOPLE = """
SELECT DISTINCT ?name WHERE {
  ?person a kg:Person ; rdfs:label ?name .
} ORDER BY ?name
"""
PREFIXED_PEOPLE = (
    "PREFIX kg: <https://w3id.org/kgraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + PEOPLE
)
WHO_MET_WHOM = """
SELECT ?a ?b ?evidence ?doc WHERE {
  ?x a kg:Assertion ; rdf:subject ?s ; rdf:predicate kg:consultsWith ; rdf:object ?o ;
     kg:evidence ?evidence ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?a . ?o rdfs:label ?b .
}
"""


@pytest.fixture(scope="module")
def built(nlp: object) -> KnowledgeGraph:
    """A graph built by the real pipeline from the example articles."""
    import kgraph

    return kgraph.build(sorted((ROOT / "examples").glob("*.txt")), nlp=nlp)  # type: ignore[arg-type]


def _names(rows: list[dict[str, str]] | tuple[tuple[str | None, ...], ...]) -> list[str]:
    return sorted(str(r["name"] if isinstance(r, dict) else r[0]) for r in rows)


def test_add_graph_is_a_union_and_keeps_named_graphs(tmp_path: Path) -> None:
    kg = sample_graph()
    store = open_store(tmp_path / "store")
    added = add_graph(store, kg)
    assert added == len(store) > 0
    add_graph(store, kg)
    assert len(store) == added  # adding the same graph again changes nothing
    names = {g.value for g in store.named_graphs()}
    assert names == set(kg.documents) | ({kg.base + "graph/events"} if kg.events() else set())
    # the default graph holds the merged graph: the same triples as the Turtle file
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert len(default) == len(kg.to_rdflib())
    assert stored_documents(store) == {d.content_hash for d in kg.documents.values()}
    rebuilt = KnowledgeGraph.from_rdflib(store_to_graph(store))
    assert sorted(rebuilt.triples()) == sorted(kg.triples())


def test_store_persists_across_opens(tmp_path: Path) -> None:
    kg = sample_graph()
    store = open_store(tmp_path / "store")
    add_graph(store, kg)
    del store
    again = open_store(tmp_path / "store")
    assert stored_documents(again) == {d.content_hash for d in kg.documents.values()}


def test_query_reads_a_store_while_it_is_open_for_writing(tmp_path: Path) -> None:
    writer = open_store(tmp_path / "store")
    add_graph(writer, sample_graph())
    writer.flush()
    assert _names(query_target(str(tmp_path / "store"), PEOPLE).rows) == ["Marco Rubio", "Sergei Lavrov"]
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputError, match="plain"):
        query_target(str(tmp_path / "plain"), PEOPLE)
    assert list((tmp_path / "plain").iterdir()) == []  # nothing created in a folder that is not a store
    sample_graph().write(tmp_path / "tables", format="csv")
    assert _names(query_target(str(tmp_path / "tables"), PEOPLE).rows) == ["Marco Rubio", "Sergei Lavrov"]


def test_store_location_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="'.*file' is a file"):
        open_store(tmp_path / "file")


def test_embedded_query_matches_in_memory_query(built: KnowledgeGraph, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    add_graph(store, built)
    expected = _names(query_graph(built.to_rdflib(), PREFIXED_PEOPLE))
    assert {"Marco Rubio", "Henrik Aalbers"} <= set(expected)
    assert _names(query_store(store, PEOPLE).rows) == expected
    met = query_store(store, WHO_MET_WHOM).records()
    assert met and all(row["evidence"] and row["doc"] in built.documents for row in met)


def test_query_target_reads_files_of_any_format(tmp_path: Path) -> None:
    kg = sample_graph()
    expected = ["Marco Rubio", "Sergei Lavrov"]
    for name in ("g.ttl", "g.trig", "g.graphml"):
        path = kg.write(tmp_path / name)
        assert _names(query_target(str(path), PEOPLE).rows) == expected
    assert query_target(str(tmp_path / "g.ttl"), "ASK { ?s kg:attacks ?o }").rows == (("true",),)


def test_cli_load_and_query_store(tmp_path: Path) -> None:
    source = sample_graph().write(tmp_path / "g.nq")
    done = run_cli("load", str(source), "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr
    code, out, err = cli("query", str(tmp_path / "store"), PEOPLE, "--format", "json")
    assert code == 0, err
    assert [row["name"] for row in json.loads(out)] == ["Marco Rubio", "Sergei Lavrov"]
    code, out, _ = cli("query", str(tmp_path / "store"), PEOPLE)
    assert code == 0 and "Marco Rubio" in out and "2 rows" in out
    code, _, err = cli("query", str(tmp_path / "store"), "SELEC nonsense")
    assert code != 0 and "SELEC nonsense" in err
    code, _, err = cli("load", str(source))
    assert code == 2 and "--store" in err and err.count("\n") == 1
    code, _, err = cli("query", str(tmp_path / "store"), "SELECT ?x WHERE { ?x nope:p ?y }")
    assert code != 0 and "unknown prefix" in err and err.count("\n") == 1
    code, _, err = cli("query", str(tmp_path / "store"), "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert code == 2 and "refused" in err and err.count("\n") == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_a_store_error() -> None:
    port = _free_port()
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}"):
        query_endpoint(f"http://127.0.0.1:{port}/query", "ASK {}", timeout=2)
    with pytest.raises(StoreError, match="ftp://x"):
        upload_graph(sample_graph(), "ftp://x")


def test_query_store_rejects_bad_sparql() -> None:
    from kgraph.errors import KGraphError

    with pytest.raises(KGraphError, match="SELECT WHERE"):
        query_store(ox.Store(), "SELECT WHERE")
