"""The scorer itself, on hand-made graphs: matching rules of docs/annotation-guide.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kgraph.evaluate import Evaluation, GoldDocument, GoldEntity, GoldRelation, normalise, score_graph
from kgraph.model import EntityType, RelationType
from kgraph.ontology import KG, KG_NS

EX = "https://example.org/"


def _graph(entities: list[tuple[str, str, list[str]]], triples: list[tuple[str, str, str]]) -> Graph:
    graph = Graph()
    for name, kind, aliases in entities:
        node = URIRef(EX + name.replace(" ", "_"))
        graph.add((node, RDF.type, URIRef(KG_NS + kind)))
        graph.add((node, RDFS.label, Literal(name)))
        for alias in aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    for s, p, o in triples:
        graph.add((URIRef(EX + s.replace(" ", "_")), URIRef(KG_NS + p), URIRef(EX + o.replace(" ", "_"))))
    return graph


GOLD = GoldDocument(
    id="g1",
    text="",
    entities=(
        GoldEntity("United States", EntityType.COUNTRY, ("US",)),
        GoldEntity("Marco Rubio", EntityType.PERSON, ("Rubio",)),
        GoldEntity("France", EntityType.COUNTRY),
        GoldEntity("Secretary of State", EntityType.POSITION),
    ),
    relations=(
        GoldRelation("Marco Rubio", RelationType.CONSULTS_WITH, "France"),
        GoldRelation("Marco Rubio", RelationType.AFFILIATED_WITH, "United States"),
    ),
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [("The United Kingdom", "united kingdom"), ("Russia's", "russia"), ("U.S.", "us"), ("  NATO ", "nato")],
)
def test_normalise(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


def test_symmetric_relation_matches_either_direction_and_aliases_resolve() -> None:
    graph = _graph(
        [("US", "Country", []), ("Rubio", "Person", ["Marco Rubio"]), ("France", "Location", [])],
        [("France", "consultsWith", "Rubio"), ("Rubio", "affiliatedWith", "US")],
    )
    evaluation = Evaluation()
    score_graph(graph, GOLD, evaluation)
    assert (evaluation.relations.correct, evaluation.relations.found, evaluation.relations.gold) == (2, 2, 2)
    # Country and Location are one family; Positions are not scored as entities.
    assert (evaluation.entities.found, evaluation.entities.gold, evaluation.entities.predicted) == (3, 3, 3)


def test_directed_relation_reversed_is_a_false_hit_and_a_miss() -> None:
    graph = _graph(
        [("United States", "Country", []), ("Marco Rubio", "Person", [])],
        [("United States", "affiliatedWith", "Marco Rubio")],
    )
    evaluation = Evaluation()
    score_graph(graph, GOLD, evaluation)
    assert evaluation.relations.correct == 0 and evaluation.relations.predicted == 1
    assert evaluation.by_relation[RelationType.AFFILIATED_WITH.value].gold == 1
    assert evaluation.false_relations[0][1:4] == ("United States", "affiliatedWith", "Marco Rubio")


def test_wrong_type_family_is_not_found() -> None:
    graph = _graph([("France", "Person", [])], [])
    evaluation = Evaluation()
    score_graph(graph, GOLD, evaluation)
    assert ("g1", "France", "Country") in evaluation.missed_entities
    assert evaluation.entities.correct == 0


def test_kg_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        KG.appealTo  # noqa: B018  (a typo must raise)


def test_cli_reports_several_sets_side_by_side(tmp_path: Path) -> None:
    """Two named selections of one file, each with its own column; --id narrows every set."""
    from tests.conftest import run_cli

    held = Path(__file__).resolve().parent / "data" / "heldout.jsonl"
    report = tmp_path / "report.json"
    result = run_cli(
        "evaluate", f"first={held}:heldout-00[1-2]", f"second={held}:heldout-01?", "--id", "*1", "--json", str(report)
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "first (1 doc)" in out and "second (1 doc)" in out and "missed relations" not in out
    scores = json.loads(report.read_text(encoding="utf-8"))
    assert sorted(scores) == ["first", "second"]
    assert scores["first"]["documents"] == 1 and scores["second"]["documents"] == 1
    clash = run_cli("evaluate", str(held), str(held))
    assert clash.returncode == 2 and clash.stderr.decode().count("\n") == 1
