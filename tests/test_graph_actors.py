"""Paths, neighbours and entities() go through actors, not titles or venues (issue 11)."""

from __future__ import annotations

from typing import Any

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType

TWO_MINISTERS = (
    "Norwegian Defence Minister Ingrid Solbakken praised the coast guard on Monday.\n"
    "Estonian Defence Minister Kaur Tammsaar criticised Latvia over the border dispute."
)


def _two_ministers(nlp: Any) -> KnowledgeGraph:
    import kgraph

    return kgraph.build([Document("ministers", TWO_MINISTERS)], nlp=nlp)


def test_people_sharing_only_a_title_are_not_connected(nlp: Any) -> None:
    kg = _two_ministers(nlp)
    # the title is there, held by both ...
    holders = {s for s, r, o in kg.triples() if r == "holdsPosition" and o == "Defence Minister"}
    assert len(holders) == 2, sorted(kg.triples())
    # ... but it does not link them
    assert kg.paths("Ingrid Solbakken", "Kaur Tammsaar") == []
    assert kg.paths("Kaur Tammsaar", "Latvia") == [[("Kaur Tammsaar", "accuses", "Latvia")]]


def test_entities_and_neighbours_keep_titles_as_attributes(nlp: Any) -> None:
    kg = _two_ministers(nlp)
    entities = kg.entities()
    assert "Position" not in set(entities["type"])
    tammsaar = entities[entities["label"] == "Kaur Tammsaar"].iloc[0]
    assert tammsaar["positions"] == ["Defence Minister"]
    assert "Position" in set(kg.entities(attributes=True)["type"])
    assert "holdsPosition" not in set(kg.neighbours("Kaur Tammsaar")["relation"])
    assert "holdsPosition" in set(kg.neighbours("Kaur Tammsaar", attributes=True)["relation"])


def _venue_graph() -> KnowledgeGraph:
    """Two agencies that are only both based in Vienna, and a third that met one of them there."""
    org, loc = EntityType.ORGANIZATION, EntityType.LOCATION
    first, second, third, vienna = (
        EntityRef(org, "Alpha Agency"),
        EntityRef(org, "Beta Agency"),
        EntityRef(org, "Gamma Fund"),
        EntityRef(loc, "Vienna"),
    )
    text = "The Vienna-based Alpha Agency and the Vienna-based Beta Agency. Gamma Fund met Beta Agency."

    def rel(s: EntityRef, r: RelationType, o: EntityRef, start: int) -> Relation:
        return Relation(s, r, o, text, "based", 0.9, start_char=start, end_char=start + 5)

    records = DocumentRecords(
        Document("venue", text),
        entities=[Entity(e.name, e.type, mentions=1) for e in (first, second, third, vienna)],
        relations=[
            rel(first, RelationType.LOCATED_IN, vienna, 4),
            rel(second, RelationType.LOCATED_IN, vienna, 40),
            rel(third, RelationType.CONSULTS_WITH, second, 70),
        ],
    )
    kg = KnowledgeGraph()
    kg.add_records(records)
    return kg


def test_places_used_only_as_venues_do_not_connect_by_default() -> None:
    kg = _venue_graph()
    assert kg.paths("Alpha Agency", "Beta Agency") == []
    assert kg.paths("Alpha Agency", "Beta Agency", venues=True) == [
        [("Alpha Agency", "locatedIn", "Vienna"), ("Beta Agency", "locatedIn", "Vienna")]
    ]
    assert kg.paths("Gamma Fund", "Beta Agency") == [[("Gamma Fund", "consultsWith", "Beta Agency")]]
    entities = kg.entities()
    assert "Vienna" not in set(entities["label"])
    assert entities[entities["label"] == "Alpha Agency"].iloc[0]["places"] == ["Vienna"]
    # a venue asked for by name is still reachable
    assert kg.paths("Vienna", "Alpha Agency") == [[("Alpha Agency", "locatedIn", "Vienna")]]


def test_document_source_is_relative_to_the_input_unless_asked(tmp_path: Any) -> None:
    """``dcterms:source`` never carries the local folder the articles sat in (issue 11)."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    from tests.conftest import run_cli

    folder = tmp_path / "private" / "news"
    (folder / "europe").mkdir(parents=True)
    (folder / "europe" / "talks.txt").write_text("Norway urged Denmark to act.", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("Finland backed Sweden.", encoding="utf-8")
    out = tmp_path / "g.ttl"
    done = run_cli("build", str(folder.resolve()), str(single.resolve()), "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr.decode()
    sources = sorted(str(o) for o in Graph().parse(out).objects(None, DCTERMS.source))
    assert sources == ["europe/talks.txt", "single.txt"]
    done = run_cli("build", str(single), "-o", str(out), "--quiet", "--full-source-paths")
    assert done.returncode == 0, done.stderr.decode()
    assert [str(o) for o in Graph().parse(out).objects(None, DCTERMS.source)] == [str(single.resolve())]
