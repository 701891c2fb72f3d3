"""PLOVER-style event records: written per event, validated by the schema, read back to the same events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kgraph.build import build
from kgraph.errors import InputError
from kgraph.export import OutputFormat, guess_format
from kgraph.export.plover import plover_type, read_plover, record_schema
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, RelationType
from kgraph.ontology import DEFAULT_BASE
from tests.conftest import run_cli

REPORTS = [
    Document("w-1", "Norway held talks with Sweden in Oslo on Monday.", source="Northern Wire", date="2025-03-10"),
    Document("p-1", "Norway held talks with Sweden in Oslo.", source="Baltic Paper", date="2025-03-10"),
    Document("r-2", "On Monday, Norway held talks with Sweden about fishing.", source="Fjord Radio", date="2025-03-11"),
    Document(
        "w-3", "Danish jets bombed rebel positions in Greenland on Sunday.", source="Northern Wire", date="2025-03-17"
    ),
    Document(
        "w-4", "Prime Minister Ola Brekke urged Finland to close its border.", source="Northern Wire", date="2025-03-18"
    ),
]


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return build(REPORTS)


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_records_validate_and_count_reports(graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = graph.write(tmp_path / "events.plover.jsonl")
    records = _records(path)
    assert records, "no events written"
    validator = Draft202012Validator(record_schema())
    for record in records:
        assert not list(validator.iter_errors(record)), record
    consult = [r for r in records if r["event"] == "CONSULT"]
    assert len(consult) == 1
    [record] = consult
    assert (record["report_count"], record["source_count"], record["date"]) == (3, 3, "2025-03-10")
    assert {record["source_actor"]["name"], record["target_actor"]["name"]} == {"Norway", "Sweden"}
    assert record["documents"] == ["p-1", "r-2", "w-1"]
    assert (record["first_report"], record["last_report"]) == ("2025-03-10", "2025-03-11")


def test_round_trip_gives_the_same_events(graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = graph.write(tmp_path / "events.plover.jsonl")
    again = read_plover(path, DEFAULT_BASE)
    assert again.events() == graph.events()
    second = again.write(tmp_path / "again.plover.jsonl")
    assert second.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_format_from_the_file_name() -> None:
    assert guess_format("out/day.plover.jsonl") is OutputFormat.PLOVER


@pytest.mark.parametrize(
    ("relation", "triggers", "expected"),
    [
        (RelationType.CONSULTS_WITH, ["visited"], ("CONSULT", "visit")),
        (RelationType.COOPERATES_WITH, ["signed"], ("AGREE", None)),
        (RelationType.ATTACKS, ["bombed"], ("FIGHT", "aerial")),
        (RelationType.ATTACKS, ["killed"], ("ASSAULT", None)),
        (RelationType.APPEALS_TO, ["urged"], ("REQUEST", None)),
    ],
)
def test_plover_type(relation: RelationType, triggers: list[str], expected: tuple[str, str | None]) -> None:
    assert plover_type(relation, triggers) == expected


def test_a_record_of_another_coder_is_read(tmp_path: Path) -> None:
    record = {
        "event": "SANCTION",
        "date": "2024-11-02",
        "source_actor": {"name": "Norway", "type": "Country"},
        "target_actor": {"name": "Ola Brekke", "type": "Person", "country": "Sweden"},
        "documents": ["coder-17"],
        "text": "Norway froze the assets of Ola Brekke.",
    }
    path = tmp_path / "other.plover.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    kg = read_plover(path, DEFAULT_BASE)
    assert ("Norway", "sanctions", "Ola Brekke") in set(kg.triples())
    assert ("Ola Brekke", "affiliatedWith", "Sweden") in set(kg.triples())
    [event] = kg.events()
    assert (event.date, event.sources) == ("2024-11-02", 1)


def test_a_bad_record_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.plover.jsonl"
    path.write_text('{"event": "CONSULT", "documents": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.plover.jsonl:1: not a PLOVER event record"):
        read_plover(path, DEFAULT_BASE)


def _news(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    rows = [{"id": d.id, "text": d.text, "source": d.source, "date": d.date} for d in REPORTS]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_cli_writes_records_and_builds_from_them(tmp_path: Path) -> None:
    news = _news(tmp_path)
    records = tmp_path / "events.plover.jsonl"
    done = run_cli("build", str(news), "-o", str(records), "-q")
    assert done.returncode == 0, done.stderr
    again = tmp_path / "again.plover.jsonl"
    done = run_cli("build", str(records), "-o", str(again), "-q")
    assert done.returncode == 0, done.stderr
    assert again.read_text(encoding="utf-8") == records.read_text(encoding="utf-8")
    # a Turtle file converts to the same records (dates and their words survive RDF)
    turtle, converted = tmp_path / "graph.ttl", tmp_path / "converted.plover.jsonl"
    assert run_cli("build", str(news), "-o", str(turtle), "-q").returncode == 0
    done = run_cli("convert", str(turtle), str(converted), "-q")
    assert done.returncode == 0, done.stderr
    ids = [
        [(r["id"], r["report_count"], r["date"]) for r in map(json.loads, p.read_text().splitlines())]
        for p in (records, converted)
    ]
    assert ids[0] == ids[1]


def test_cli_since_and_until_keep_relations_of_the_range(tmp_path: Path) -> None:
    news = _news(tmp_path)
    records = tmp_path / "march17.plover.jsonl"
    done = run_cli("build", str(news), "-o", str(records), "--since", "2025-03-16", "--until", "2025-03-17", "-q")
    assert done.returncode == 0, done.stderr
    events = {json.loads(line)["event"] for line in records.read_text().splitlines()}
    assert events == {
        "FIGHT"
    }  # the bombing of Sunday 2025-03-16; the talks of March 10 and the appeal of March 18 are out
    bad = run_cli("build", str(news), "-o", str(tmp_path / "x.ttl"), "--since", "last week")
    assert bad.returncode != 0
    assert b"--since must be a date" in bad.stderr and b"Traceback" not in bad.stderr
