"""Engines (in-process, process pool, Dask) and the fast streamed triples (issue 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.build import BuildOptions, build, extract
from kgraph.engine import Engine, run_engine
from kgraph.engine import stream as stream_module
from kgraph.engine.events import EventCollector
from kgraph.engine.run import BuildTargets, run_build
from kgraph.engine.stream import external_sort
from kgraph.errors import KGraphError
from kgraph.export.rdf_formats import to_oxigraph_triples
from kgraph.graph import KnowledgeGraph
from kgraph.model import (
    Document,
    DocumentRecords,
    Entity,
    EntityRef,
    EntityType,
    Modality,
    Relation,
    RelationType,
    Statement,
)
from kgraph.rdf import iter_triples
from kgraph.rdf.record_terms import record_quads, record_triples
from kgraph.sources import read_documents
from kgraph.store import to_oxigraph_quads
from tests.scale_corpus import share_test_pipeline, write_articles

BASE = "https://example.org/kg/"
RUBIO = EntityRef(EntityType.PERSON, "Marco Rubio")
FIDAN = EntityRef(EntityType.PERSON, "Hakan Fidan")
TURKEY = EntityRef(EntityType.COUNTRY, "Turkey")
EU_LOWER = EntityRef(EntityType.ORGANIZATION, "the European Union")
EU_UPPER = EntityRef(EntityType.ORGANIZATION, "The European Union")


@pytest.fixture(autouse=True)
def _shared_pipeline(nlp: object) -> Iterator[None]:
    yield from share_test_pipeline(nlp)


def _handmade_records() -> list[DocumentRecords]:
    """Records exercising every branch of the contract: aliases, links, claims, statements, dates."""
    first = DocumentRecords(
        document=Document("wire/1.txt", "Fidan met Rubio.", source="wire", title="Talks", date="2025-03-02"),
        entities=[
            Entity("Hakan Fidan", EntityType.PERSON, frozenset({"Fidan"}), mentions=2),
            Entity("Turkey", EntityType.COUNTRY, frozenset({"Turkish", "Türkiye"}), geonames_id=298795, mentions=1),
            Entity("the European Union", EntityType.ORGANIZATION, frozenset({"EU"}), mentions=1),
            Entity("The European Union", EntityType.ORGANIZATION, frozenset({"the European Union"}), mentions=3),
        ],
        relations=[
            Relation(FIDAN, RelationType.CONSULTS_WITH, RUBIO, "Fidan met Rubio.", "met", 0.9, date="2025-03-02"),
            Relation(FIDAN, RelationType.APPEALS_TO, EU_LOWER, "Fidan urged the EU.", "urged", 0.75, start_char=17),
            Relation(
                FIDAN,
                RelationType.SANCTIONS,
                RUBIO,
                "Fidan could sanction Rubio.",
                "sanction",
                0.333,
                modality=Modality.HYPOTHETICAL,
                speaker=TURKEY,
                start_char=40,
            ),
        ],
        statements=[
            Statement(
                FIDAN,
                "talks must go on",
                "said",
                "Fidan said talks must go on.",
                addressee=RUBIO,
                about=(TURKEY, EU_UPPER),
                start_char=60,
            ),
        ],
        words=12,
    )
    second = DocumentRecords(
        document=Document("wire/2.txt", "Rubio praised Turkey \ud800 \ufffe.", date="last week"),
        entities=[Entity("Marco Rubio", EntityType.PERSON, frozenset({"Rubio"}), mentions=1)],
        relations=[
            Relation(RUBIO, RelationType.SUPPORTS, TURKEY, "Rubio praised Turkey \ud800 \ufffe.", "praised", 0.5)
        ],
        statements=[Statement(RUBIO, "good", "wrote", "Rubio wrote: good.", date="2025-03-04")],
        words=4,
    )
    return [first, second]


def _graph_of(records: list[DocumentRecords]) -> KnowledgeGraph:
    kg = KnowledgeGraph(BASE)
    for item in records:
        kg.add_records(item)
    return kg


def _event_triples(records: list[DocumentRecords], base: str) -> list[ox.Triple]:
    """The events streamed writers add after the last batch (``kgraph.engine.events``)."""
    collector = EventCollector(base)
    collector.add(records)
    return collector.triples()


def test_fast_triples_equal_the_rdf_module() -> None:
    records = _handmade_records()
    labels: dict[str, str] = {}
    fast = {t for r in records for t in record_triples(r, BASE, labels)} | set(_event_triples(records, BASE))
    expected = set(to_oxigraph_triples(iter_triples(_graph_of(records))))
    assert fast - expected == set()
    assert expected - fast == set()


def test_fast_quads_are_the_store_quads_per_document() -> None:
    """Streamed quads hold what each document says; the whole graph's quads also repeat an
    entity's description learnt from other documents in every graph that names it."""
    records = _handmade_records()
    labels: dict[str, str] = {}
    fast = {q for r in records for q in record_quads(r, BASE, labels)}
    events = ox.NamedNode(BASE + "graph/events")
    fast |= {ox.Quad(t.subject, t.predicate, t.object, events) for t in _event_triples(records, BASE)}
    whole = set(to_oxigraph_quads(_graph_of(records)))
    assert fast <= whole
    assert {q.triple for q in fast} == {q.triple for q in whole}
    assert {q.graph_name for q in fast} == {q.graph_name for q in whole}


def test_fast_triples_equal_the_rdf_module_on_real_parses(nlp: Any, tmp_path: Path) -> None:
    options = BuildOptions()
    records = list(extract(read_documents([write_articles(tmp_path)]), nlp, options=options))
    assert sum(len(r.relations) for r in records) > 0
    labels: dict[str, str] = {}
    fast = {t for r in records for t in record_triples(r, options.base, labels)}
    fast |= set(_event_triples(records, options.base))
    kg = KnowledgeGraph(options.base)
    for item in records:
        kg.add_records(item)
    assert fast == set(to_oxigraph_triples(iter_triples(kg)))


def test_process_pool_keeps_input_order(tmp_path: Path) -> None:
    folder = write_articles(tmp_path)
    options = BuildOptions(batch_size=2)
    one = list(run_engine(read_documents([folder]), options, jobs=1))
    two = list(run_engine(read_documents([folder]), options, jobs=2))
    assert [r.document.id for r in two] == [r.document.id for r in one] == sorted(r.document.id for r in one)
    assert [r.relations for r in two] == [r.relations for r in one]
    assert [r.entities for r in two] == [r.entities for r in one]


def test_dask_local_cluster_gives_the_plain_build_graph(nlp: Any, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news")
    target = tmp_path / "dask.ttl"
    stats = run_build(
        [folder], BuildTargets(output=target), options=BuildOptions(batch_size=2), engine=Engine.DASK, progress=False
    )
    assert stats.documents == 6
    plain = build([folder], nlp=nlp).to_rdflib()
    from_dask = Graph().parse(target, format="turtle")
    assert len(from_dask) == len(plain) > 100
    assert isomorphic(from_dask, plain)


def test_scheduler_needs_the_dask_engine() -> None:
    with pytest.raises(KGraphError, match="needs --engine dask"):
        run_engine([], BuildOptions(), scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(KGraphError, match="at least 1"):
        run_engine([], BuildOptions(), jobs=0)


def test_external_sort_merges_many_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream_module, "RUN_LINES", 7)
    lines = [f"<urn:x:{(i * 37) % 50}> .\n".encode() for i in range(200)]
    result = list(external_sort(lines, tmp_path))
    assert result == sorted(set(lines))
    assert list(tmp_path.iterdir()) == []


def test_streamed_turtle_with_many_runs_is_the_in_memory_turtle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream_module, "RUN_LINES", 25)
    records = _handmade_records()
    from contextlib import ExitStack

    target = tmp_path / "streamed.ttl"
    with ExitStack() as stack:
        sink = stream_module.SortedTurtleSink(stack, target, BASE)
        for item in records:
            sink.add([item])
        sink.add_triples(_event_triples(records, BASE))
        sink.finish()
    _graph_of(records).write(tmp_path / "memory.ttl")
    assert target.read_bytes() == (tmp_path / "memory.ttl").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.ttl", "streamed.ttl"]
    assert len(list(ox.parse(path=str(target), format=ox.RdfFormat.TURTLE))) > 50
