"""One event, many reports: kg:Event across documents (reports written for these tests)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.events import find_events
from kgraph.graph import Assertion, DocumentInfo, KnowledgeGraph, merge_graphs
from kgraph.model import Document, RelationType

DAY_ONE = [
    Document("wire-a-1", "Norway held talks with Sweden in Oslo on Monday.", source="Northern Wire", date="2025-03-10"),
    Document("paper-b-1", "Norway held talks with Sweden in Oslo.", source="Baltic Paper", date="2025-03-10"),
]
DAY_TWO = [
    Document(
        "radio-c-2", "On Monday, Norway held talks with Sweden about fishing.", source="Fjord Radio", date="2025-03-11"
    ),
    # a month later: another meeting of the same two countries
    Document(
        "wire-a-9", "Norway held talks with Sweden in Bergen on Tuesday.", source="Northern Wire", date="2025-04-16"
    ),
]


def _consults(kg: KnowledgeGraph) -> list[tuple[str | None, int, int, tuple[str, ...]]]:
    return [
        (e.date, len(e.reports), e.sources, tuple(kg.documents[d].id for d in e.documents))
        for e in kg.events()
        if e.relation is RelationType.CONSULTS_WITH
    ]


@pytest.fixture(scope="module")
def days() -> tuple[KnowledgeGraph, KnowledgeGraph]:
    return build(DAY_ONE), build(DAY_TWO)


def test_three_reports_from_three_outlets_are_one_event(days: tuple[KnowledgeGraph, KnowledgeGraph]) -> None:
    kg = merge_graphs(days)
    assert sorted(_consults(kg)) == [
        ("2025-03-10", 3, 3, ("paper-b-1", "radio-c-2", "wire-a-1")),  # Monday, reported on Monday and Tuesday
        ("2025-04-15", 1, 1, ("wire-a-9",)),  # the Tuesday before April 16, a month later
    ]


def test_merging_two_days_in_either_order_gives_the_same_events(days: tuple[KnowledgeGraph, KnowledgeGraph]) -> None:
    one, two = days
    forward = merge_graphs([one, two]).events()
    backward = merge_graphs([two, one]).events()
    assert forward == backward
    assert len({e.iri for e in forward}) == len(forward)


def test_events_survive_turtle(days: tuple[KnowledgeGraph, KnowledgeGraph], tmp_path: Path) -> None:
    kg = merge_graphs(days)
    path = kg.write(tmp_path / "g.ttl")
    assert KnowledgeGraph.read(path).events() == kg.events()


def _assertion(iri: str, document: str) -> Assertion:
    return Assertion(
        iri, "kg:norway", RelationType.ATTACKS, "kg:sweden", document, "Norway shelled Sweden.", "shelled", 0.9
    )


def test_window_links_reports_a_few_days_apart_in_any_order() -> None:
    days = ["2025-03-01", "2025-03-03", "2025-03-06", "2025-03-20"]
    documents = {f"d{i}": DocumentInfo(f"d{i}", f"d{i}", f"Outlet {i}", None, day) for i, day in enumerate(days)}
    reports = [_assertion(f"a{i}", f"d{i}") for i in range(len(days))]
    results = {
        tuple((e.iri, e.reports) for e in find_events(order, documents)) for order in itertools.permutations(reports)
    }
    assert len(results) == 1
    [events] = results
    assert [r for _, r in events] in (
        [("a0", "a1", "a2"), ("a3",)],
        [("a3",), ("a0", "a1", "a2")],
    )
    assert [len(e.reports) for e in find_events(reports, documents, window=1)] == [1, 1, 1, 1]


def test_two_days_stated_by_the_texts_are_two_events() -> None:
    documents = {f"d{i}": DocumentInfo(f"d{i}", f"d{i}", f"Outlet {i}", None, "2025-03-12") for i in range(2)}
    monday = Assertion(
        "a0", "s", RelationType.ATTACKS, "o", "d0", "...", "hit", 0.9, date="2025-03-10", date_text="Monday"
    )
    tuesday = Assertion(
        "a1", "s", RelationType.ATTACKS, "o", "d1", "...", "hit", 0.9, date="2025-03-11", date_text="Tuesday"
    )
    assert [e.date for e in find_events([monday, tuesday], documents)] in (
        ["2025-03-10", "2025-03-11"],
        ["2025-03-11", "2025-03-10"],
    )


def test_static_relations_and_claims_make_no_events() -> None:
    kg = build("Sweden's foreign minister Karin Lund said Norway could attack Denmark.")
    assert all(e.relation.plover for e in kg.events())
    assert not [e for e in kg.events() if e.relation is RelationType.ATTACKS]


def test_rdf_dates_are_typed_and_the_graph_conforms(days: tuple[KnowledgeGraph, KnowledgeGraph]) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF, XSD

    from kgraph.ontology import KG
    from kgraph.shacl import validate_graph

    kg = merge_graphs(days)
    kg.merge(build(Document("m-1", "Last month, Norway held talks with Finland in Turku.", date="2025-03-12")))
    rdf = kg.to_rdflib()
    dates = {(str(o), o.datatype) for o in rdf.objects(None, KG.date) if isinstance(o, Literal)}
    assert ("2025-02", XSD.gYearMonth) in dates and ("2025-03-10", XSD.date) in dates
    assert {str(o) for o in rdf.objects(None, KG.dateText)} >= {"Monday", "Last month"}
    events = set(rdf.subjects(RDF.type, KG.Event))
    assert len(events) == len(kg.events()) >= 3
    joined = [e for e in events if len(set(rdf.objects(e, KG.reportedBy))) == 3]
    assert len(joined) == 1 and rdf.value(joined[0], KG.sourceCount) == Literal(3)
    report = validate_graph(rdf)
    assert report.conforms, report


def _jsonl(path: Path, documents: list[Document]) -> Path:
    import json

    rows = [{"id": d.id, "text": d.text, "source": d.source, "date": d.date} for d in documents]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_store_runs_keep_joining_events(tmp_path: Path) -> None:
    from kgraph.store import open_store
    from tests.conftest import run_cli

    store = tmp_path / "store"
    for name, documents in (("one.jsonl", DAY_ONE), ("two.jsonl", DAY_TWO)):
        done = run_cli("build", str(_jsonl(tmp_path / name, documents)), "--store", str(store), "-q")
        assert done.returncode == 0, done.stderr
    query = """
        PREFIX kg: <https://w3id.org/kgraph/ontology#>
        SELECT ?e (COUNT(?a) AS ?n) ?sources WHERE {
            ?e a kg:Event ; kg:eventRelation kg:consultsWith ; kg:reportedBy ?a ; kg:sourceCount ?sources }
        GROUP BY ?e ?sources ORDER BY DESC(?n)
    """
    rows = [(int(r["n"].value), int(r["sources"].value)) for r in open_store(store).query(query)]
    assert rows == [(3, 3), (1, 1)]
